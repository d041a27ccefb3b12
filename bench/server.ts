// The server benchmark of issue 3: votes/s and latency of `POST /api/v1/posts/:id/votes` against
// a no-op Hono route served the same way, in the same run, on PGlite and on PostgreSQL; and
// (issue 10) against the vote's essential SQL, the vote service's db-layer calls made straight
// through the same pool with the same concurrency, so that what the route adds on top of the
// database (HTTP, identity, access, limits, idempotency) shows as a ratio.
//
//   npm run bench              1 s warm-up + 5 s per run, 20 connections (about 75 s in all)
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
import {
  createApp,
  createBoard,
  createPost,
  findPost,
  migrate,
  openDatabase,
  setVote,
  visitorSecretOf,
  type AppOptions,
  type Database,
  type Queryable,
} from '@sayso/server';
import { Hono } from 'hono';
import { startPostgres, type TestPostgres } from '../packages/server/test/support/postgres.js';
import type { LoadJob, LoadSummary, WorkerReply } from './lib/load-worker.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';
import { mintVisitorToken } from './lib/visitor-token.js';

const SMOKE = smokeFlag('server.ts');

const CONFIG = SMOKE
  ? { warmup: 0.1, duration: 0.5, connections: 20, pool: 100 }
  : { warmup: 1, duration: 5, connections: 20, pool: 1000 };
/** A run with more failed requests than this share is broken: its figures are not reported as valid. */
const MAX_ERROR_RATE = 0.01;
/** The whole bench gives up (and cleans up) after this long. */
const DEADLINE_MS = SMOKE ? 90_000 : 300_000;

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
giveUpAfter(DEADLINE_MS, cleanUp);

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
  /** SQL statements sent per vote (BEGIN and COMMIT count), warm-up and run together. */
  statementsPerVote?: number;
  /** The row of the essential SQL this route row is compared with. */
  essential?: Row;
}

const rows: Row[] = [];
const problems: string[] = [];

function errorRate(summary: LoadSummary): number {
  const failed = summary.non2xx + summary.errors;
  return failed / Math.max(1, summary.responses + summary.errors);
}

/** Refuses a run with no success or too many failures: its figures would mean nothing. */
function checkRuns(name: string, warm: LoadSummary, run: LoadSummary): void {
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
}

/** Warm-up (discarded), then the measured run, then waits for the server to finish every request. */
async function measure(worker: Worker, served: Served, name: string, job: Omit<LoadJob, 'url' | 'connections' | 'duration'>) {
  const base = { ...job, url: served.url, connections: CONFIG.connections };
  const warm = await worker.run({ ...base, duration: CONFIG.warmup });
  const run = await worker.run({ ...base, duration: CONFIG.duration });
  await served.idle();
  checkRuns(name, warm, run);
  return { warm, run };
}

// ---------------------------------------------------------------------------------------------
// The vote's essential SQL, for comparison: no HTTP, identity, access check, limits or idempotency.

/**
 * One vote as the database must see it: the vote service (services/votes.ts), which is nothing
 * but the vote's db-layer calls (the voter's users row, the one statement that writes the vote
 * with its counts and event and finds the post, the counts the answer carries), called straight
 * through the pool. Calling it rather than copying its SQL keeps this measuring whatever a vote
 * costs the database today.
 */
async function essentialVote(db: Database, postId: string, voterKey: string): Promise<void> {
  await setVote(db, { postId, voter: voterKey, voted: true });
}

/**
 * Calls `vote` from as many concurrent loops as the load generator has connections, for
 * `seconds`, and sums it up as autocannon does (latencies in milliseconds).
 */
async function drive(seconds: number, vote: () => Promise<void>): Promise<LoadSummary> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const began = performance.now();
      sent++;
      try {
        await vote();
        latencies.push(performance.now() - began);
      } catch (error) {
        if (errors++ === 0) console.error('bench: essential vote failed:', error);
      }
    }
  };
  await Promise.all(Array.from({ length: CONFIG.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const ok = latencies.length;
  return { sent, responses: ok, ok, non2xx: 0, errors, seconds: elapsed, perSecond: ok / elapsed, p50: quantile(0.5), p99: quantile(0.99) };
}

/** Warm-up (discarded) and measured run of `vote` called straight through the pool. */
async function measureEssential(name: string, vote: () => Promise<void>) {
  const warm = await drive(CONFIG.warmup, vote);
  const run = await drive(CONFIG.duration, vote);
  checkRuns(name, warm, run);
  return { warm, run };
}

/** `db`, counting the statements sent through it (transactions and their BEGIN and COMMIT included). */
function countStatements(db: Database): Database & { readonly statements: number } {
  let statements = 0;
  const counting = (target: Queryable): Queryable => ({
    query: <T,>(sql: string, params?: readonly unknown[]) => {
      statements++;
      return target.query<T>(sql, params);
    },
    exec: (sql: string) => {
      statements++;
      return target.exec(sql);
    },
  });
  return {
    kind: db.kind,
    ...counting(db),
    transaction: (fn) => {
      statements += 2;
      return db.transaction((tx) => fn(counting(tx)));
    },
    close: () => db.close(),
    get statements() {
      return statements;
    },
  };
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

/** Calls `vote(i)` for i in [0, size) from 10 loops: every voter of a pool has voted once. */
async function primeEach(size: number, vote: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const voteAll = async () => {
    while (next < size) await vote(next++);
  };
  await Promise.all(Array.from({ length: 10 }, voteAll));
}

/** Votes once for each of `size` pool voters over HTTP, so that the measured run only repeats votes. */
function primePool(url: string, prefix: string, size: number, secret: string): Promise<void> {
  return primeEach(size, async (i) => {
    const voter = `${prefix}${i}`;
    const response = await fetch(url, { method: 'POST', headers: { 'X-Sayso-Visitor': mintVisitorToken(voter, secret) } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`priming the pool: ${voter} got HTTP ${response.status}`);
  });
}

/** Compares the post's stored count with the votes expected; returns the check's line for the log. */
async function checkCount(db: Database, name: string, postId: string, expected: number, what: string): Promise<string> {
  const count = await voteCount(db, postId);
  if (count !== expected) problems.push(`${name}: voteCount is ${count}, expected ${what}`);
  return `voteCount ${count} ${count === expected ? '=' : '≠'} ${what}`;
}

/** The database a run measures, and its label in the table. */
interface Bench {
  label: string;
  db: ReturnType<typeof countStatements>;
}

/** The Sayso server of a bench, with the visitor secret the load generator signs its tokens with. */
type SaysoServed = Served & { visitorSecret: string };

/** The essential SQL with a new voter each time. */
async function essentialNewVoters({ label, db }: Bench, postId: string): Promise<Row> {
  const name = `essential SQL, new voter · ${label}`;
  step(`${label}: new voters, essential SQL`);
  let next = 0;
  const before = db.statements;
  const { warm, run } = await measureEssential(name, () => essentialVote(db, postId, `visitor:bench-essential-${next++}`));
  const votes = warm.ok + run.ok;
  const statementsPerVote = (db.statements - before) / votes;
  return { name, summary: run, statementsPerVote, check: await checkCount(db, name, postId, 1 + votes, `1 author + ${votes} votes`) };
}

/** The essential SQL with voters who all voted already. */
async function essentialRepeatVoters({ label, db }: Bench, postId: string): Promise<Row> {
  const name = `essential SQL, repeat voter · ${label}`;
  step(`${label}: priming ${CONFIG.pool} voters, then repeat voters, essential SQL`);
  const voter = (i: number) => `visitor:bench-essential-repeat-${i}`;
  await primeEach(CONFIG.pool, (i) => essentialVote(db, postId, voter(i)));
  let next = 0;
  const before = db.statements;
  const { warm, run } = await measureEssential(name, () => essentialVote(db, postId, voter(next++ % CONFIG.pool)));
  const statementsPerVote = (db.statements - before) / (warm.ok + run.ok);
  const check = await checkCount(db, name, postId, 1 + CONFIG.pool, `1 author + ${CONFIG.pool} pool voters`);
  return { name, summary: run, statementsPerVote, check };
}

/** The route with a new voter on every request: a users row and a votes row each. */
async function routeNewVoters({ label, db }: Bench, worker: Worker, served: SaysoServed, postId: string, essential: Row): Promise<Row> {
  const name = `vote, new voter · ${label}`;
  step(`${label}: new voters`);
  served.reset();
  const before = db.statements;
  const path = `/api/v1/posts/${postId}/votes`;
  const { warm, run } = await measure(worker, served, name, { method: 'POST', path, voters: { kind: 'distinct', prefix: 'bench', secret: served.visitorSecret } });
  const statementsPerVote = (db.statements - before) / served.stats.ok;
  const ok = served.stats.ok;
  const clientOk = warm.ok + run.ok;
  const sent = warm.sent + run.sent;
  // The server may have completed requests the client had stopped waiting for, never more than it sent.
  if (ok < clientOk || ok > sent) problems.push(`${name}: the server answered ${ok} votes, the client saw ${clientOk} of ${sent} sent`);
  const check = await checkCount(db, name, postId, 1 + ok, `1 author + ${ok} successful votes`);
  return { name, summary: run, statementsPerVote, essential, check };
}

/** The route with the same voters again and again: the idempotent path, no row written. */
async function routeRepeatVoters({ label, db }: Bench, worker: Worker, served: SaysoServed, postId: string, essential: Row): Promise<Row> {
  const name = `vote, repeat voter · ${label}`;
  step(`${label}: priming ${CONFIG.pool} voters, then repeat voters`);
  const prefix = 'bench-repeat-';
  const path = `/api/v1/posts/${postId}/votes`;
  await primePool(`${served.url}${path}`, prefix, CONFIG.pool, served.visitorSecret);
  served.reset();
  const before = db.statements;
  const { run } = await measure(worker, served, name, { method: 'POST', path, voters: { kind: 'pool', prefix, size: CONFIG.pool, secret: served.visitorSecret } });
  const statementsPerVote = (db.statements - before) / served.stats.ok;
  if (served.stats.failed > 0) problems.push(`${name}: ${served.stats.failed} requests failed server-side`);
  const what = `1 author + ${CONFIG.pool} pool voters (${served.stats.ok} repeat votes answered)`;
  return { name, summary: run, statementsPerVote, essential, check: await checkCount(db, name, postId, 1 + CONFIG.pool, what) };
}

async function benchSayso(worker: Worker, label: string, plainDb: Database): Promise<void> {
  const db = countStatements(plainDb);
  const bench: Bench = { label, db };
  await migrate(db);
  await createBoard(db, { slug: 'bench', name: 'Bench' });
  const newPost = (title: string) => createPost(db, { board: 'bench', title, body: 'Benchmark votes.', voter: `bench-author ${title}` });
  const fresh = await newPost('New voters');
  const repeat = await newPost('Repeat voters');
  const essentialFresh = await newPost('New voters, essential SQL');
  const essentialRepeat = await newPost('Repeat voters, essential SQL');
  // Rate limiting off: this measures the vote path, not the limiter turning requests away.
  const options: AppOptions = { db, rateLimit: undefined };
  // The load generator signs its visitors' tokens with the server's own visitor secret.
  const visitorSecret = Buffer.from(await visitorSecretOf(db)).toString('base64url');
  const served: SaysoServed = { ...(await serveCounted(createApp(options).fetch)), visitorSecret };

  // Each essential run goes right before its route run, so that both see the same load.
  const essentialNew = await essentialNewVoters(bench, essentialFresh.id);
  rows.push(essentialNew, await routeNewVoters(bench, worker, served, fresh.id, essentialNew));
  const essentialRepeated = await essentialRepeatVoters(bench, essentialRepeat.id);
  rows.push(essentialRepeated, await routeRepeatVoters(bench, worker, served, repeat.id, essentialRepeated));
  await served.close();
}

// ---------------------------------------------------------------------------------------------
// Output.

/** autocannon records latency in whole milliseconds: 0 means under one. */
const ms = (value: number) => (value < 1 ? '<1' : value.toFixed(0));

function table(): string {
  const baseline = rows[0]!.summary;
  const header = ['run', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'statements/vote', 'req/s vs no-op', 'p99 vs no-op', 'req/s vs essential SQL'];
  const body = rows.map(({ name, summary, statementsPerVote, essential }) => [
    name,
    summary.perSecond.toFixed(0),
    ms(summary.p50),
    ms(summary.p99),
    String(summary.non2xx + summary.errors),
    statementsPerVote === undefined ? '' : statementsPerVote.toFixed(2),
    `${(summary.perSecond / baseline.perSecond).toFixed(3)}×`,
    `${(summary.p99 / Math.max(baseline.p99, 1)).toFixed(1)}×`,
    essential ? `${(summary.perSecond / essential.summary.perSecond).toFixed(2)}×` : '',
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
  for (const { name, summary, essential } of rows.slice(1)) {
    const versusEssential = essential ? `, ${(summary.perSecond / essential.summary.perSecond).toFixed(2)}× its essential SQL` : '';
    console.log(`${name}: ${summary.perSecond.toFixed(0)} req/s = ${(summary.perSecond / baseline).toFixed(3)}× no-op${versusEssential}`);
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
