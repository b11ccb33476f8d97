/** The worker thread that reads documents (see sandbox.ts): for each job, the prepared import or the reason it was refused. */
import { parentPort } from 'node:worker_threads';
import { ImportError } from './errors.js';
import { prepareImportHere } from './store.js';
import type { WorkerJob, WorkerReply } from './sandbox.js';

const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);

port.on('message', async (job: WorkerJob) => {
  reply({ type: 'reading' });
  try {
    const prepared = await prepareImportHere(job.knowledgeDir, job.fileName, job.data, { now: job.now === undefined ? undefined : new Date(job.now), limits: job.limits });
    reply({ type: 'done', prepared });
  } catch (e) {
    if (e instanceof ImportError) reply({ type: 'refused', message: e.message });
    else reply({ type: 'failed', message: (e as Error).stack ?? String(e) });
  }
});
reply({ type: 'ready' });
