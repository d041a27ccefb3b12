// The speed of similar ideas on the server (issue 10): p50/p95 of GET /boards/:board/similar at
// 1,000, 10,000 and 100,000 ideas, measured server-side (the service the route calls: board lookup,
// reading the event log, the search, reading the posts found) and over HTTP (a real server on a
// local port), with the index's build time in the background (in the index thread), the longest
// the main thread's event loop was held up meanwhile, the first lookup after a (re)start, and the
// memory the index holds in the index thread.
//
//   npm run bench:similar-speed               the three sizes, 300 lookups per figure (a few minutes)
//   npm run bench:similar-speed -- --smoke    300 ideas, 20 lookups: proves the script works
//
// Ideas are the texts of bench/data/feedback-duplicates.json repeated with numbered titles, on
// PGlite (the server's default database); lookups are the data set's titles, as typed. Run alone:
// the figures are this machine's.
import { performance } from 'node:perf_hooks';
import {
  createBoard,
  createSimilarPosts,
  ensureUser,
  loadWordVectors,
  migrate,
  openDatabase,
  startServer,
  type Database,
} from '@sayso/server';
import { loadDataset } from './lib/feedback-duplicates.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('similar-speed.ts');
const SIZES = SMOKE ? [300] : [1_000, 10_000, 100_000];
const LOOKUPS = SMOKE ? 20 : 300;
const WARM_UP = SMOKE ? 5 : 50;
const DEADLINE_MS = SMOKE ? 110_000 : 1_800_000;
giveUpAfter(DEADLINE_MS);

const dataset = loadDataset();
const queries = dataset.items.map((item) => item.title);

/** A board of `ideas` ideas, the data set's texts with numbered titles. */
async function seedBoard(db: Database, ideas: number): Promise<string> {
  const { slug } = await createBoard(db, { slug: `similar-${ideas}` });
  const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [slug]);
  const author = await ensureUser(db, 'similar-speed-bench');
  await db.query(
    `INSERT INTO posts (board_id, title, body, status_key, author_id)
     SELECT $1, t.title || ' ' || (i / $5), t.body, 'open', $2
       FROM generate_series(0, $3 - 1) AS i
       JOIN unnest($4::text[], $6::text[]) WITH ORDINALITY AS t (title, body, n) ON t.n = 1 + i % $5`,
    [board!.id, author, ideas, dataset.items.map((item) => item.title), dataset.items.length, dataset.items.map((item) => item.body)],
  );
  return slug;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
/** Times `count` runs after WARM_UP untimed ones (compiling the code paths, warming the database). */
async function timeEach(count: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await run(count + i);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}
/** Watches the event loop: the longest gap between two 1 ms ticks, less the tick. */
function watchStalls() {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    return longest;
  };
}
await loadWordVectors(); // built into the cache once per install; not part of any figure

/** Bytes of the index thread before any board: the thread itself and its word vectors. */
async function emptyIndexThreadMemory(db: Database): Promise<number> {
  const empty = createSimilarPosts(db);
  const bytes = await empty.memory();
  await empty.stop();
  return bytes;
}
// The control for the stalls: the longest the event loop is held up while this process does
// nothing, i.e. what the machine's load alone adds (a process waiting for a core).
const idleWatch = watchStalls();
await new Promise((resolve) => setTimeout(resolve, SMOKE ? 500 : 3000));
console.log(`longest event-loop stall while idle: ${idleWatch().toFixed(1)} ms (the machine's share of every figure)\n`);
console.log('GET /boards/:board/similar on PGlite, this machine, this run (ms)\n');
console.log('| ideas | build (background) | longest main-thread stall while building | first lookup during the build | server-side p50 | server-side p95 | HTTP p50 | HTTP p95 | index memory |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const ideas of SIZES) {
  const db = await openDatabase({});
  await migrate(db);
  const board = await seedBoard(db, ideas);
  // Every idea was checked for duplicates, as on a running installation: the background checks
  // of a restart find nothing to do and leave the lookups alone.
  await db.query('INSERT INTO duplicate_checks (post_id, checked_stamp) SELECT id, created_at FROM posts');
  const emptyThreadBytes = await emptyIndexThreadMemory(db);
  const similarity = createSimilarPosts(db);
  const stopWatching = watchStalls();
  const buildStart = performance.now();
  // The first lookup starts the index thread and the build, as after a restart, and does not wait for the build.
  const firstStart = performance.now();
  await similarity.find({ board, text: queries[0]!, limit: 5, viewer: null });
  const firstMs = performance.now() - firstStart;
  await similarity.indexed(board);
  const buildMs = performance.now() - buildStart;
  await similarity.settled(board);
  const longestStall = stopWatching();
  const server = await timeEach(LOOKUPS, (i) => similarity.find({ board, text: queries[i % queries.length]!, limit: 5, viewer: null }));
  const running = await startServer({ db, port: 0, similarity });
  const http = await timeEach(LOOKUPS, async (i) => {
    const response = await fetch(`${running.url}/api/v1/boards/${board}/similar?text=${encodeURIComponent(queries[i % queries.length]!)}`);
    if (response.status !== 200) throw new Error(`similar answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  });
  const indexBytes = (await similarity.memory()) - emptyThreadBytes;
  await running.close();
  console.log(
    `| ${ideas.toLocaleString('en')} | ${buildMs.toFixed(0)} | ${longestStall.toFixed(1)} | ${firstMs.toFixed(1)} | ` +
      `${server.p50.toFixed(2)} | ${server.p95.toFixed(2)} | ${http.p50.toFixed(2)} | ${http.p95.toFixed(2)} | ` +
      `${(indexBytes / 1e6).toFixed(0)} MB (${((indexBytes / ideas) * 100_000 / 1e6).toFixed(0)} MB per 100,000 ideas) |`,
  );
  await db.close().catch(() => undefined);
}
process.exit(0);
