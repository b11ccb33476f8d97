// Starts the import worker: under tsx (the bot and the tests run TypeScript directly) the
// worker thread registers tsx's loader itself before loading worker.ts.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
