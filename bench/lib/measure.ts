import { performance } from 'node:perf_hooks';

/** p50 and p95 in ms of `calls` calls of `read`, `readers` at a time. */
export async function measureConcurrently(calls: number, readers: number, read: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const took: number[] = [];
  let started = 0;
  const reader = async () => {
    while (started++ < calls) {
      const start = performance.now();
      await read();
      took.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  took.sort((a, b) => a - b);
  const at = (q: number) => took[Math.min(took.length - 1, Math.floor(q * took.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}
