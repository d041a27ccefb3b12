// bench/sentence-embeddings.ts's check that the model runs in a worker thread, as the server's
// similarity indexes do (packages/server/src/similarity/index-thread.ts): given titles, it loads
// the model, embeds each title alone and reports the times.
import { parentPort } from 'node:worker_threads';
import { SentenceEncoder } from './sentence-encoder.js';

export interface WorkerReport {
  loadMs: number;
  medianMs: number;
  p95Ms: number;
  /** The process's resident memory with the thread's model loaded and used, in bytes. */
  rss: number;
}

parentPort!.once('message', async (titles: string[]) => {
  const start = performance.now();
  const encoder = await SentenceEncoder.load();
  const loadMs = performance.now() - start;
  const times: number[] = [];
  for (const title of titles) {
    const before = performance.now();
    await encoder.embed([title]);
    times.push(performance.now() - before);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))]!;
  parentPort!.postMessage({ loadMs, medianMs: at(0.5), p95Ms: at(0.95), rss: process.memoryUsage().rss } satisfies WorkerReport);
});
