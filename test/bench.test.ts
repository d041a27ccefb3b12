// Keeps the bench scripts from rotting: bench/server.ts's smoke mode (a fraction of a second per
// run) must still start every server, drive every scenario and its essential SQL, pass its own
// vote-count checks and print its table; bench/list.ts's smoke mode must still seed PostgreSQL, time every list and print the
// plans; bench/size.ts must still build every entry and the script-tag builds and pass its
// server-only-library check; bench/render.ts must still drive Chromium through both sides of its
// render comparison. Nothing here looks at the figures: performance claims live in bench/,
// never in timed assertions.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));

/** The Node flags of the bench package's scripts: tsx, and the Sayso packages run from source. */
const benchNodeFlags = ['--conditions=@sayso/source', '--import', 'tsx'];

/** Runs a bench script as its package script does; resolves with its exit code and output. */
async function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [...benchNodeFlags, ...args], {
    cwd: benchDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}

it('bench/server.ts --smoke runs every scenario and prints the table', async () => {
  const { code, output } = await runBench(['server.ts', '--smoke']);

  expect(output, output).toContain('| run ');
  expect(output).toContain('req/s vs no-op');
  expect(output).toContain('vote, new voter · PGlite');
  expect(output).toContain('vote, repeat voter · PGlite');
  // Each route run next to its essential SQL, with the ratio and the statements per vote.
  expect(output).toContain('req/s vs essential SQL');
  expect(output).toMatch(/^\| essential SQL, new voter · PGlite +\| +\d+ \|.*\| +3\.00 \|/m);
  expect(output).toMatch(/^vote, repeat voter · PGlite: \d+ req\/s = [\d.]+× no-op, [\d.]+× its essential SQL$/m);
  expect(output).not.toContain('WARNING: this run is broken');
  expect(code, output).toBe(0);
}, 120_000);

it('bench/list.ts --smoke seeds PostgreSQL, times every list next to its baselines and prints the plans', async () => {
  const { code, output } = await runBench(['list.ts', '--smoke']);
  expect(output, output).toContain('| ideas | votes | list | p50 | p95 |');
  const rows = output.split('\n').filter((line) => /^\| 1,000 \| [\d,]+ \| .+ \| [\d.]+ ms \| [\d.]+ ms \|$/.test(line));
  expect(rows.map((line) => line.split(' | ')[2])).toEqual([
    'baseline: no-op `SELECT 1`',
    'baseline: sort=top counting votes on read (before)',
    'sort=top',
    'sort=trending',
    'sort=new',
    'q=export (top)',
    'sort=priority (admins)',
  ]);
  expect(output).toContain('Index Scan using posts_board_top_idx');
  expect(output).toContain('Index Scan using posts_board_created_idx');
  expect(code, output).toBe(0);
}, 60_000);

it('bench/similarity.ts compares both engines with BM25 on every subset and the pairs', async () => {
  const child = spawn(process.execPath, [...benchNodeFlags, 'similarity.ts'], { cwd: benchDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  for (const subset of ['| title+body | all | 413 |', '| title+body | low-overlap | 70 |', '| title | engineering | 75 |']) {
    expect(output, output).toContain(subset);
  }
  expect(output).toMatch(/\| feedback-duplicates \| title \| 413 \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [+-][0-9.]+ \| [+-][0-9.]+ \|/);
  expect(output).toContain('| server engine, shipped threshold |');
  expect(output).toContain('| core engine, shipped threshold |');
  expect(output).toContain('| BM25 (larger direction), best F1 |');
  expect(code, output).toBe(0);
}, 180_000);

it('bench/similar-speed.ts --smoke times GET /similar server-side and over HTTP and prints the index memory', async () => {
  const { code, output } = await runBench(['--expose-gc', 'similar-speed.ts', '--smoke']);
  expect(output, output).toMatch(/^\| 300 \| [0-9]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| -?[0-9]+ MB/m);
  expect(code, output).toBe(0);
}, 120_000);

it('bench/size.ts measures every entry and the script-tag builds, with no server-only library in them', async () => {
  const { code, output } = await runBench(['size.ts']);
  expect(output, output).toMatch(/^launcher .*\n  initial .*target < 15\.0 kB/m);
  expect(output).toMatch(/^board .*\n  initial .*target < 45\.0 kB/m);
  expect(output).toMatch(/lazy .* panel \+ floating-ui: /);
  expect(output).toMatch(/lazy .* markdown: /);
  expect(output).toMatch(/^\+ provider .*\n  initial .*target < 15\.0 kB/m);
  expect(output).toMatch(/^sayso\.js .*\n.*\n  initial .*, 4 files\) .*target < 15\.0 kB/m);
  expect(output).toMatch(/^ {2}one file .* min\)/m);
  expect(output).toContain('zod, jose: in no widget bundle');
  expect(code, output).toBe(0);
}, 120_000);

it('bench/render.ts --smoke times the board and the plain-DOM baseline in Chromium and prints the ratios', async () => {
  const { code, output } = await runBench(['render.ts', '--smoke']);
  expect(output, output).toContain('| ideas | plain DOM | <sayso-board> | board / plain |');
  // One row per size, below the virtualizer threshold and above it.
  expect(output).toMatch(/^\| 50 \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+× \| 50 \/ 50 \|$/m);
  expect(output).toMatch(/^\| 150 \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+× \| 150 \/ \d+ \|$/m);
  expect(output).not.toContain('WARNING');
  expect(code, output).toBe(0);
}, 120_000);

it('bench/csv-import.ts --smoke imports a file on both engines and prints rows/s, the server\'s RSS and the baseline', async () => {
  const { code, output } = await runBench(['csv-import.ts', '--smoke']);
  for (const engine of ['pglite', 'postgres']) {
    expect(output, output).toMatch(new RegExp(`^${engine} +1000 rows .*: import +[\\d,]+ rows/s .* server RSS \\d+ MB → \\d+ MB \\| csv-parse alone +[\\d,]+ rows/s`, 'm'));
  }
  expect(output).not.toContain('broken run');
  expect(code, output).toBe(0);
}, 180_000);
