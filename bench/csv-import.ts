// The CSV import benchmark of issue 12: files of 1,000, 10,000 and 100,000 rows (text, title,
// email, name, company, date, id) are imported through `POST /api/v1/feedback/imports` of a
// server running in its own process, on PGlite (in memory) and PostgreSQL. It prints rows/s and the
// server's RSS before and after each import, against a baseline measured in the same run on the
// same file: csv-parse alone reading it from disk in this process (rows/s, and this process's RSS
// growth while it parses). Each import must report every row created, or the bench fails.
//
//   npm run bench:csv-import              1k, 10k and 100k rows on each engine
//   npm run bench:csv-import -- --smoke   1k rows: proves the script works
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { BENCH_ADMIN_KEY, type ServerReply } from './lib/csv-import-server.js';
import { mb } from './lib/delivery-bench.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('csv-import.ts');
const SIZES = SMOKE ? [1000] : [1000, 10_000, 100_000];
giveUpAfter(SMOKE ? 120_000 : 1_800_000);

const HEADER = 'Ticket,Subject,Feedback,Email,Name,Company,Received';
const MAP = { 'map.sourceId': 'Ticket', 'map.title': 'Subject', 'map.text': 'Feedback', 'map.email': 'Email', 'map.name': 'Name', 'map.company': 'Company', 'map.date': 'Received' };

/** Writes a file of `rows` distinct rows, some with quoted commas and newlines, and answers its path. */
async function writeCsv(dir: string, rows: number): Promise<string> {
  const path = join(dir, `feedback-${rows}.csv`);
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let n = 0; n < rows; n++) {
    const text = n % 10 === 0 ? `"Row ${n}: export, please.\nIt would save us ""hours"" every week."` : `Row ${n}: the mobile app should remember my last board`;
    const line = `T-${rows}-${n},Idea ${n % 97},${text},person${n % 5000}@example.com,Person ${n % 5000},Company ${n % 300},2026-0${1 + (n % 9)}-1${n % 10}T12:00:00Z\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return path;
}

/** The baseline: csv-parse alone over the file; rows/s and how much this process's RSS grew meanwhile. */
async function parseAlone(path: string) {
  const before = process.memoryUsage().rss;
  let peak = before;
  const started = performance.now();
  let records = 0;
  for await (const _record of createReadStream(path).pipe(parse({ skip_empty_lines: true }))) {
    if (++records % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rowsPerSecond: (records - 1) / seconds, grew: peak - before };
}

/** Starts the server process on the database at `url` (PGlite in memory when none). */
async function startServerProcess(url: string | undefined) {
  const child: ChildProcess = fork(fileURLToPath(new URL('./lib/csv-import-server.ts', import.meta.url)), [], {
    execArgv: ['--conditions=@sayso/source', '--import', 'tsx'],
    env: { ...process.env, ...(url ? { BENCH_DATABASE_URL: url } : {}) },
  });
  const replies: ServerReply[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (reply: ServerReply) => {
    replies.push(reply);
    wake?.();
  });
  const next = async () => {
    while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return replies.shift()!;
  };
  const { url: base } = (await next()) as { url: string };
  return {
    base,
    async rss() {
      child.send('rss');
      return ((await next()) as { rss: number }).rss;
    },
    async stop() {
      child.kill();
      await once(child, 'exit');
    },
  };
}

async function importFile(base: string, path: string) {
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/feedback/imports?${new URLSearchParams({ board: 'bench', ...MAP })}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${BENCH_ADMIN_KEY}`, 'Content-Type': 'text/csv' },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
    duplex: 'half',
  } as RequestInit);
  const report = (await response.json()) as { rows: number; created: number; rejected: number; error?: unknown };
  return { status: response.status, report, seconds: (performance.now() - started) / 1000 };
}

async function run(engine: 'pglite' | 'postgres', url: string | undefined, files: Map<number, string>) {
  const server = await startServerProcess(url);
  try {
    for (const rows of SIZES) {
      const path = files.get(rows)!;
      const baseline = await parseAlone(path);
      const before = await server.rss();
      const { status, report, seconds } = await importFile(server.base, path);
      const after = await server.rss();
      if (status !== 201 || report.created !== rows || report.rejected !== 0) {
        console.error(`${engine} ${rows} rows: broken run`, status, report);
        process.exitCode = 1;
      }
      const rate = rows / seconds;
      console.log(
        `${engine.padEnd(8)} ${String(rows).padStart(7)} rows (${mb(statSync(path).size).padStart(6)}): ` +
          `import ${Math.round(rate).toLocaleString('en').padStart(8)} rows/s in ${seconds.toFixed(1).padStart(5)} s, ` +
          `server RSS ${mb(before)} → ${mb(after)} | csv-parse alone ${Math.round(baseline.rowsPerSecond).toLocaleString('en').padStart(9)} rows/s ` +
          `(${(rate / baseline.rowsPerSecond).toFixed(3)}×), its RSS +${mb(Math.max(0, baseline.grew))}`,
      );
    }
  } finally {
    await server.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sayso-csv-bench-'));
try {
  const files = new Map<number, string>();
  for (const rows of SIZES) files.set(rows, await writeCsv(dir, rows));
  await run('pglite', undefined, files);
  const cluster = await startPostgres();
  try {
    await run('postgres', await cluster.createDatabase(), files);
  } finally {
    await cluster.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
