/**
 * Runs the reading of a document in a worker thread, one document at a time: its heap is
 * capped (resourceLimits), its time too (the worker is terminated), and the process's memory
 * outside the heap (buffers a decompressor fills) is watched. The chat keeps being answered
 * meanwhile: nothing heavy runs on the main thread.
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
  | { type: 'reading' }
  | { type: 'done'; prepared: PreparedImport }
  | { type: 'refused'; message: string }
  | { type: 'failed'; message: string };

/** How often the process's memory is looked at while a worker reads. */
const MEMORY_CHECK_MS = 100;
/** Resident memory a worker thread takes before it reads anything (its isolate, the loaded modules), MB. */
const WORKER_OVERHEAD_MB = 200;

let queue: Promise<unknown> = Promise.resolve();

/** Reads and prepares a document in a worker; documents wait for one another. */
export function prepareInWorker(job: WorkerJob, onReading?: () => void): Promise<PreparedImport> {
  const run = queue.then(() => runWorker(job, onReading));
  queue = run.catch(() => {});
  return run;
}

function runWorker(job: WorkerJob, onReading?: () => void): Promise<PreparedImport> {
  const { limits } = job;
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here).href;
  return new Promise<PreparedImport>((resolve, reject) => {
    const worker = new Worker(new URL('./worker-boot.mjs', here), {
      workerData: { entry, job },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, maxYoungGenerationSizeMb: Math.max(4, Math.min(32, Math.round(limits.maxMemoryMb / 8))) },
    });
    let settled = false;
    const finish = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      void worker.terminate();
      done();
    };
    const timer = setTimeout(() => finish(() => reject(new ImportError(LIMIT_TEXTS.time(limits)))), limits.timeoutMs);
    // Buffers live outside the capped heap: a stream that inflates without end shows in the process's memory
    // (beyond the heap and what a worker thread costs by itself).
    const baseline = process.memoryUsage.rss();
    const ceiling = (limits.maxMemoryMb * 2 + WORKER_OVERHEAD_MB) * 1024 * 1024;
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - baseline > ceiling) finish(() => reject(new ImportError(LIMIT_TEXTS.memory(limits))));
    }, MEMORY_CHECK_MS);
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'reading') onReading?.();
      else if (m.type === 'done') finish(() => resolve(m.prepared));
      else if (m.type === 'refused') finish(() => reject(new ImportError(m.message)));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      finish(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ImportError(LIMIT_TEXTS.memory(limits)) : e));
    });
    // Ended without an answer: killed for its memory.
    worker.on('exit', () => finish(() => reject(new ImportError(LIMIT_TEXTS.memory(limits)))));
  });
}
