/**
 * Runs the reading of a document in a worker thread, one document at a time: its heap is
 * capped (resourceLimits), its time too (the worker is terminated), and the process's memory
 * outside the heap (buffers a decompressor fills) is watched. The chat keeps being answered
 * meanwhile: nothing heavy runs on the main thread. A worker that finished a document in
 * time is kept for the next one for a while (starting one costs about half a second); one
 * stopped by a limit is thrown away.
 */
import { Worker } from 'node:worker_threads';
import { ImportError } from './errors.js';
import { LIMIT_TEXTS, type ImportLimits } from './limits.js';
import type { PreparedImport } from './store.js';

export interface WorkerJob {
  knowledgeDir: string;
  fileName: string;
  data: Uint8Array;
  /** ms since the epoch, for the "imported" date */
  now?: number;
  limits: ImportLimits;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'reading' }
  | { type: 'done'; prepared: PreparedImport }
  | { type: 'refused'; message: string }
  | { type: 'failed'; message: string };

/** How often the process's memory is looked at while a worker reads. */
const MEMORY_CHECK_MS = 100;
/** Resident memory a worker thread takes before it reads anything (its isolate, the loaded modules), MB. */
const WORKER_OVERHEAD_MB = 200;
/** An idle worker is ended after this long. */
const IDLE_MS = 30_000;

interface Kept {
  worker: Worker;
  memoryMb: number;
  idle?: NodeJS.Timeout;
}

let kept: Kept | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Reads and prepares a document in a worker; documents wait for one another. */
export function prepareInWorker(job: WorkerJob, onReading?: () => void): Promise<PreparedImport> {
  const run = queue.then(() => runJob(job, onReading));
  queue = run.catch(() => {});
  return run;
}

/**
 * Starts a worker ahead of a document that is on its way (being downloaded), so that reading
 * it does not wait for the worker to start. Ended like any idle worker if nothing comes.
 */
export function warmWorker(limits: ImportLimits): void {
  if (kept) return;
  kept = startWorker(limits.maxMemoryMb);
  const k = kept;
  k.idle = setTimeout(() => discard(k), IDLE_MS).unref();
}

function startWorker(memoryMb: number): Kept {
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href;
  const worker = new Worker(new URL('./worker-boot.mjs', here), {
    workerData: { entry },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.round(memoryMb / 8))) },
  });
  // An idle worker never keeps the process alive.
  worker.unref();
  const k: Kept = { worker, memoryMb };
  // Between documents nobody listens: a worker that fails then is forgotten, never an uncaught error.
  worker.on('error', () => {});
  worker.on('exit', () => {
    if (kept === k) kept = undefined;
    clearTimeout(k.idle);
  });
  return k;
}

function discard(k: Kept): void {
  if (kept === k) kept = undefined;
  clearTimeout(k.idle);
  void k.worker.terminate();
}

function runJob(job: WorkerJob, onReading?: () => void): Promise<PreparedImport> {
  const { limits } = job;
  if (kept && kept.memoryMb !== limits.maxMemoryMb) discard(kept);
  const k = kept ?? startWorker(limits.maxMemoryMb);
  kept = k;
  clearTimeout(k.idle);
  const { worker } = k;
  worker.ref();
  return new Promise<PreparedImport>((resolve, reject) => {
    let settled = false;
    const finish = (keep: boolean, done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) {
        worker.unref();
        k.idle = setTimeout(() => discard(k), IDLE_MS).unref();
      } else discard(k);
      done();
    };
    const timer = setTimeout(() => finish(false, () => reject(new ImportError(LIMIT_TEXTS.time(limits)))), limits.timeoutMs);
    // Buffers live outside the capped heap: a stream that inflates without end shows in the process's memory
    // (beyond the heap and what a worker thread costs by itself).
    const baseline = process.memoryUsage.rss();
    const ceiling = (limits.maxMemoryMb * 2 + WORKER_OVERHEAD_MB) * 1024 * 1024;
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > ceiling) finish(false, () => reject(new ImportError(LIMIT_TEXTS.memory(limits))));
    }, MEMORY_CHECK_MS);
    const onMessage = (m: WorkerReply) => {
      if (m.type === 'reading') onReading?.();
      else if (m.type === 'done') finish(true, () => resolve(m.prepared));
      else if (m.type === 'refused') finish(true, () => reject(new ImportError(m.message)));
      else if (m.type === 'failed') finish(false, () => reject(new Error(m.message)));
    };
    const onError = (e: Error & { code?: string }) => {
      finish(false, () => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ImportError(LIMIT_TEXTS.memory(limits)) : e));
    };
    // Ended without an answer: killed for its memory.
    const onExit = () => finish(false, () => reject(new ImportError(LIMIT_TEXTS.memory(limits))));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
