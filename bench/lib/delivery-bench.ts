import { openDatabase, type Database } from '@sayso/server';
import { startPostgres } from '../../packages/server/test/support/postgres.js';

// What the delivery benchmarks (deliveries.ts: email, webhooks.ts) share: the --smoke switch, a
// deadline, the process's memory while sending, and a run on each engine.

/** Whether `--smoke` was given (the only argument `script` takes); exits with its usage otherwise. */
export function smokeRequested(script: string): boolean {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.some((arg) => arg !== '--smoke')) {
    console.error(`usage: ${script} [--smoke]`);
    process.exit(2);
  }
  return args.includes('--smoke');
}

/** Ends the process with an error if it still runs after `ms`. */
export function giveUpAfter(ms: number): void {
  setTimeout(() => {
    console.error(`bench: still running after ${ms / 1000} s, giving up`);
    process.exit(1);
  }, ms).unref();
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Samples the process's RSS every 50 ms from now; `stop()` answers the RSS at the start and the peak. */
export function sampleRss() {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop() {
      clearInterval(sampler);
      return { before, peak };
    },
  };
}

/** Runs `run` on a fresh in-memory PGlite, then on a database of a throwaway PostgreSQL cluster. */
export async function onEachEngine(run: (engine: 'pglite' | 'postgres', db: Database) => Promise<void>): Promise<void> {
  const pglite = await openDatabase();
  await run('pglite', pglite);
  await pglite.close();
  const cluster = await startPostgres();
  try {
    const postgres = await openDatabase({ url: await cluster.createDatabase() });
    await run('postgres', postgres);
    await postgres.close();
  } finally {
    await cluster.stop();
  }
}
