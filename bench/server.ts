// The server benchmark of issue 3: votes/s and latency of `POST /api/v1/posts/:id/votes` against
// a no-op Hono route served the same way, in the same run, on PGlite and on PostgreSQL.
//
//   npm run bench              1 s warm-up + 5 s per run, 20 connections (about 45 s in all)
//   npm run bench -- --smoke   0.1 s + 0.5 s per run: proves the script still works, measures nothing
// (both run `node --import tsx server.ts` in bench/)
//
// The servers run in this process; the load generator (autocannon) runs in a forked process
// (lib/load-worker.ts), so the two never share an event loop. Everything listens on 127.0.0.1.
// After each run the vote count is checked against what the server answered: a run whose count
// is off, or with more than 1% errors, is reported as broken and the script exits non-zero.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp, createBoard, createPost, findPost, migrate, openDatabase, visitorSecretOf, type AppOptions, type Database } from '@sayso/server';
import { Hono } from 'hono';
import { startPostgres, type TestPostgres } from '../packages/server/test/support/postgres.js';
import type { LoadJob, LoadSummary, WorkerReply } from './lib/load-worker.js';
import { mintVisitorToken } from './lib/visitor-token.js';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const unknownArgs = args.filter((arg) => arg !== '--smoke');
if (unknownArgs.length > 0) {
  console.error(`usage: server.ts [--smoke]   (unknown: ${unknownArgs.join(' ')})`);
  process.exit(2);
}

const CONFIG = SMOKE
  ? { warmup: 0.1, duration: 0.5, connections: 20, pool: 100 }
  : { warmup: 1, duration: 5, connections: 20, pool: 1000 };
/** A run with more failed requests than this share is broken: its figures are not reported as valid. */
const MAX_ERROR_RATE = 0.01;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = SMOKE ? 60_000 : 180_000;

// ---------------------------------------------------------------------------------------------
// Cleanup: whatever was started is stopped on success, on error, on Ctrl-C and on the deadline.

const cleanups: Array<() => unknown> = [];
let cleaning: Promise<void> | undefined;
/** Runs every cleanup once, newest first; a second call (signal during cleanup) gets the same promise. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        console.error('bench: cleanup step failed:', error);
      }
    }
  })();
  return cleaning;
}
// Run with `node --import tsx`, not the tsx CLI: tsx SIGKILLs a child that does not acknowledge a
// relayed signal within 30 ms, which a busy server misses, and the cleanup would never run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}
setTimeout(() => {
  console.error(`bench: still running after ${DEADLINE_MS / 1000} s, giving up`);
  void cleanUp().finally(() => process.exit(1));
}, DEADLINE_MS).unref();

// ---------------------------------------------------------------------------------------------
// Servers: any Hono fetch handler on 127.0.0.1, counting the responses it produced.

type Fetch = Parameters<typeof serve>[0]['fetch'];

interface Served {
  url: string;
  /** Responses the server produced since the last reset(), by class. */
  stats: { ok: number; failed: number };
  reset(): void;
  /** Resolves when no request is being handled (requests cut off by the client finish too). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves `fetch` with @hono/node-server exactly as `startServer` does, plus a counter of the
 * responses produced server-side: that count is exact even for requests still in flight when
 * the load generator stopped, which the client never sees answered.
 */
async function serveCounted(fetch: Fetch): Promise<Served> {
  let inFlight = 0;
  const stats = { ok: 0, failed: 0 };
  const counted: Fetch = async (request, env) => {
    inFlight++;
    try {
      const response = await fetch(request, env);
      const status = (response as { status?: number } | undefined)?.status ?? 0;
      if (status >= 200 && status < 300) stats.ok++;
      else stats.failed++;
      return response;
    } catch (error) {
      stats.failed++;
      throw error;
    } finally {
      inFlight--;
    }
  };
  const server = serve({ fetch: counted, port: 0, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const served: Served = {
    url: `http://127.0.0.1:${port}`,
    stats,
    reset: () => {
      stats.ok = 0;
      stats.failed = 0;
    },
    idle: async () => {
      const until = Date.now() + 15_000;
      while (inFlight > 0) {
        if (Date.now() > until) throw new Error(`${inFlight} requests still in flight 15 s after the run`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => {
      if (!server.listening) return Promise.resolve();
      return new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
    },
  };
  cleanups.push(() => served.close());
  return served;
}

// ---------------------------------------------------------------------------------------------
// The load generator, in its own process.

interface Worker {
  run(job: LoadJob): Promise<LoadSummary>;
}

function startWorker(): Worker {
  // Inherits this process's execArgv, i.e. tsx's loader.
  const child: ChildProcess = fork(fileURLToPath(new URL('./lib/load-worker.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (summary: LoadSummary) => void; reject: (error: Error) => void }>();
  let ids = 0;
  child.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('summary' in reply) waiting?.resolve(reply.summary);
    else waiting?.reject(new Error(`load generator failed: ${reply.error}`));
  });
  child.on('exit', (code, signal) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`load generator exited (${signal ?? code})`));
    pending.clear();
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const id = ++ids;
        pending.set(id, { resolve, reject });
        child.send({ id, job });
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Runs and their checks.

interface Row {
  name: string;
  summary: LoadSummary;
  /** What the post-run check verified, for the log. */
  check?: string;
}

const rows: Row[] = [];
const problems: string[] = [];

function errorRate(summary: LoadSummary): number {
  const failed = summary.non2xx + summary.errors;
  return failed / Math.max(1, summary.responses + summary.errors);
}

/** Warm-up (discarded), then the measured run, then waits for the server to finish every request. */
async function measure(worker: Worker, served: Served, name: string, job: Omit<LoadJob, 'url' | 'connections' | 'duration'>) {
  const base = { ...job, url: served.url, connections: CONFIG.connections };
  const warm = await worker.run({ ...base, duration: CONFIG.warmup });
  const run = await worker.run({ ...base, duration: CONFIG.duration });
  await served.idle();
  for (const [phase, summary] of [
    ['warm-up', warm],
    ['run', run],
  ] as const) {
    // A warm-up may end before the first (slow, cold) responses arrive; only the measured run must have some.
    if (phase === 'run' && summary.ok === 0) problems.push(`${name} (${phase}): no successful response at all`);
    else if (errorRate(summary) > MAX_ERROR_RATE) {
      problems.push(
        `${name} (${phase}): ${summary.non2xx} non-2xx and ${summary.errors} connection errors out of ` +
          `${summary.responses + summary.errors} (over ${MAX_ERROR_RATE * 100}%)`,
      );
    }
  }
  return { warm, run };
}

async function benchNoop(worker: Worker): Promise<void> {
  const app = new Hono();
  app.post('/noop', (c) => c.json({ ok: true }));
  const served = await serveCounted(app.fetch);
  const name = 'no-op Hono route (baseline)';
  const { run } = await measure(worker, served, name, { method: 'POST', path: '/noop', voters: { kind: 'none' } });
  rows.push({ name, summary: run });
  await served.close();
}

async function voteCount(db: Database, postId: string): Promise<number> {
  const post = await findPost(db, postId, null);
  if (!post) throw new Error(`post ${postId} vanished`);
  return post.voteCount;
}

/** Votes once for each of `size` pool voters, so that the measured run only repeats votes. */
async function primePool(url: string, prefix: string, size: number, secret: string): Promise<void> {
  let next = 0;
  const voteAll = async () => {
    while (next < size) {
      const voter = `${prefix}${next++}`;
      const response = await fetch(url, { method: 'POST', headers: { 'X-Sayso-Visitor': mintVisitorToken(voter, secret) } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`priming the pool: ${voter} got HTTP ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, voteAll));
}

async function benchSayso(worker: Worker, label: string, db: Database): Promise<void> {
  await migrate(db);
  await createBoard(db, { slug: 'bench', name: 'Bench' });
  // The load generator signs its visitors' tokens with the server's own visitor secret.
  const secret = Buffer.from(await visitorSecretOf(db)).toString('base64url');
  const fresh = await createPost(db, { board: 'bench', title: 'New voters', body: 'Every vote is new.', voter: 'bench-author-fresh' });
  const repeat = await createPost(db, { board: 'bench', title: 'Repeat voters', body: 'Every vote repeats.', voter: 'bench-author-repeat' });

  // Rate limiting off: this measures the vote path, not the limiter turning requests away.
  const options: AppOptions = { db, rateLimit: undefined };
  const served = await serveCounted(createApp(options).fetch);

  // 1. A new voter on every request: a users row and a votes row per request.
  {
    const name = `vote, new voter · ${label}`;
    step(`${label}: new voters`);
    served.reset();
    const path = `/api/v1/posts/${fresh.id}/votes`;
    const { warm, run } = await measure(worker, served, name, { method: 'POST', path, voters: { kind: 'distinct', prefix: 'bench', secret } });
    const count = await voteCount(db, fresh.id);
    const ok = served.stats.ok;
    const clientOk = warm.ok + run.ok;
    const sent = warm.sent + run.sent;
    if (count !== 1 + ok) problems.push(`${name}: voteCount is ${count}, expected 1 author + ${ok} successful votes`);
    // The server may have completed requests the client had stopped waiting for, never more than it sent.
    if (ok < clientOk || ok > sent) problems.push(`${name}: the server answered ${ok} votes, the client saw ${clientOk} of ${sent} sent`);
    rows.push({ name, summary: run, check: `voteCount ${count} ${count === 1 + ok ? '=' : '≠'} 1 author + ${ok} successful votes` });
  }

  // 2. The same voters again and again: the idempotent path, no row written.
  {
    const name = `vote, repeat voter · ${label}`;
    step(`${label}: priming ${CONFIG.pool} voters, then repeat voters`);
    const prefix = 'bench-repeat-';
    const path = `/api/v1/posts/${repeat.id}/votes`;
    await primePool(`${served.url}${path}`, prefix, CONFIG.pool, secret);
    served.reset();
    const { run } = await measure(worker, served, name, { method: 'POST', path, voters: { kind: 'pool', prefix, size: CONFIG.pool, secret } });
    const count = await voteCount(db, repeat.id);
    const expected = 1 + CONFIG.pool;
    if (count !== expected) problems.push(`${name}: voteCount is ${count}, expected 1 author + ${CONFIG.pool} pool voters`);
    if (served.stats.failed > 0) problems.push(`${name}: ${served.stats.failed} requests failed server-side`);
    rows.push({
      name,
      summary: run,
      check: `voteCount ${count} ${count === expected ? '=' : '≠'} 1 author + ${CONFIG.pool} pool voters (${served.stats.ok} repeat votes answered)`,
    });
  }
  await served.close();
}

// ---------------------------------------------------------------------------------------------
// Output.

/** autocannon records latency in whole milliseconds: 0 means under one. */
const ms = (value: number) => (value < 1 ? '<1' : value.toFixed(0));

function table(): string {
  const baseline = rows[0]!.summary;
  const header = ['run', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s vs no-op', 'p99 vs no-op'];
  const body = rows.map(({ name, summary }) => [
    name,
    summary.perSecond.toFixed(0),
    ms(summary.p50),
    ms(summary.p99),
    String(summary.non2xx + summary.errors),
    `${(summary.perSecond / baseline.perSecond).toFixed(3)}×`,
    `${(summary.p99 / Math.max(baseline.p99, 1)).toFixed(1)}×`,
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...body.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** A throwaway cluster (stopped at cleanup), or undefined with a message when PostgreSQL is not installed. */
async function startPostgresUnlessMissing(): Promise<TestPostgres | undefined> {
  try {
    const cluster = await startPostgres();
    cleanups.push(() => cluster.stop());
    return cluster;
  } catch (error) {
    const message = (error as Error).message;
    if (!/found neither on PATH/.test(message)) throw error;
    step(`PostgreSQL SKIPPED: ${message}`);
    return undefined;
  }
}

/** Which code was measured: the commit, and whether the server or core had uncommitted changes. */
function revision(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'packages/server', 'packages/core') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in packages/server or packages/core' : ''}`;
  } catch {
    return 'no git revision';
  }
}

const started = performance.now();
/** A progress line with the seconds since start. */
const step = (what: string) => console.log(`· ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${what}`);

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `Sayso server bench${SMOKE ? ' (SMOKE: too short to mean anything)' : ''}: ${new Date().toISOString()}, ` +
      `Node ${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `loopback, ${CONFIG.connections} connections, ${CONFIG.warmup} s warm-up + ${CONFIG.duration} s per run`,
  );
  console.log(`code: ${revision()}`);
  const worker = startWorker();

  // Both databases start up front, side by side (PGlite takes seconds to compile its WebAssembly);
  // the idle cluster costs the runs before its own next to nothing.
  step('opening PGlite (in memory) and starting PostgreSQL');
  const [lite, cluster] = await Promise.all([
    openDatabase().then((db) => {
      cleanups.push(() => db.close());
      return db;
    }),
    startPostgresUnlessMissing(),
  ]);

  const [load1] = loadavg();
  if (load1! > 0.5) step(`WARNING: load average ${load1!.toFixed(2)} before the runs; something else is using the CPU`);
  step('no-op baseline');
  await benchNoop(worker);

  step('PGlite (in memory): migrating');
  await benchSayso(worker, 'PGlite', lite);

  if (cluster) {
    step('PostgreSQL (throwaway cluster, fsync off): migrating');
    const db = await openDatabase({ url: await cluster.createDatabase() });
    cleanups.push(() => db.close());
    await benchSayso(worker, 'PostgreSQL', db);
  }

  step('done');
  console.log();
  console.log(table());
  console.log();
  const baseline = rows[0]!.summary.perSecond;
  for (const { name, summary } of rows.slice(1)) {
    console.log(`${name}: ${summary.perSecond.toFixed(0)} req/s = ${(summary.perSecond / baseline).toFixed(3)}× no-op`);
  }
  console.log();
  for (const { name, check } of rows) if (check) console.log(`check ${name}: ${check}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error('bench failed:', error);
  exitCode = 1;
} finally {
  await cleanUp();
}
if (problems.length > 0) {
  console.error('\nWARNING: this run is broken; do not quote its figures:');
  for (const problem of problems) console.error(`  - ${problem}`);
  exitCode = 1;
}
process.exit(exitCode);
