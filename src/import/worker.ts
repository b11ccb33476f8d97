/** The worker thread that reads one document (see sandbox.ts): it answers with the prepared import or the reason it was refused. */
import { parentPort, workerData } from 'node:worker_threads';
import { ImportError } from './errors.js';
import { prepareImportHere } from './store.js';
import type { WorkerJob, WorkerReply } from './sandbox.js';

const job = (workerData as { job: WorkerJob }).job;
const reply = (message: WorkerReply) => parentPort!.postMessage(message);

reply({ type: 'reading' });
try {
  const prepared = await prepareImportHere(job.knowledgeDir, job.fileName, job.data, { now: job.now === undefined ? undefined : new Date(job.now), limits: job.limits });
  reply({ type: 'done', prepared });
} catch (e) {
  if (e instanceof ImportError) reply({ type: 'refused', message: e.message });
  else reply({ type: 'failed', message: (e as Error).stack ?? String(e) });
}
