// The engineering backlog benchmark of issue 14: p50/p95 of `GET /api/v1/boards/{board}/backlog`
// (100 items, each backed by 20 ideas and 2 feedback items: every item's distinct people and their
// customer value, ranked) and of `GET /boards/{board}/capacity` (the effort done in the window), at
// 1,000, 10,000 and 100,000 ideas on the board, on PostgreSQL and PGlite, next to a baseline
// measured in the same run on the same database: a plain `SELECT * FROM backlog_items` of the
// board. Then the suggestions of one item (similar ideas and the board's newest feedback, both
// compared in the similarity index thread once the board is indexed), the longest stall of the
// event loop meanwhile, and what comparing that feedback on the main thread would hold it for.
//
//   npm run bench:backlog              1k, 10k and 100k ideas, 20 requests per figure
//   npm run bench:backlog -- --smoke   1k ideas, 5 requests per figure: proves the script works
//
// Requests go through the app's fetch (app.request), one at a time (PGlite runs one query at a
// time anyway): the figures are the route's, its validation and its queries, without a socket.
import { SimilarityIndex } from '@sayso/core';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApp, createBoard, migrate, openDatabase, type Database } from '@sayso/server';
import { recentFeedback } from '../packages/server/src/db/backlog.js';
import { SUGGESTED_FEEDBACK_SCOPE } from '../packages/server/src/services/backlog.js';
import { createSimilarPosts } from '../packages/server/src/services/similar-posts.js';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { WORDS, wordsSql } from './lib/generated-words.js';
import { measureConcurrently } from './lib/measure.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('backlog.ts');
const SIZES = SMOKE ? [1_000] : [1_000, 10_000, 100_000];
const REQUESTS = SMOKE ? 5 : 20;
const ITEMS = 100;
const IDEAS_PER_ITEM = 20;
const FEEDBACK = 2_000;
const PEOPLE = 5_000;
const ADMIN_KEY = 'bench-backlog-admin-key-0123456789';
const BOARD = 'bench';

giveUpAfter(SMOKE ? 180_000 : 3_600_000);

const words = wordsSql;
const CATEGORIES = `ARRAY['tech_debt', 'infrastructure', 'developer_experience', 'security_compliance', 'refactoring', 'performance']`;
const STATUSES = `ARRAY['proposed', 'planned', 'in_progress', 'done', 'dropped']`;

/**
 * One board of `ideas` ideas, each with 1–5 people of PEOPLE (a tenth of them with a company and
 * MRR in their traits), a sixth shipped within the last 90 days; FEEDBACK feedback items; and ITEMS
 * backlog items, each linked to IDEAS_PER_ITEM ideas spread over the board and to 2 feedback items,
 * a fifth of them done within the last 5 weeks.
 */
async function seed(db: Database, ideas: number): Promise<string> {
  await migrate(db);
  await createBoard(db, { slug: BOARD });
  const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [BOARD]);
  const boardId = board!.id;
  await db.query(
    `INSERT INTO users (key, traits)
     SELECT 'bench:person:' || n,
            CASE WHEN n % 10 = 0 THEN jsonb_build_object('company', 'Company ' || n % 300, 'mrr', (n * 37) % 5000, 'plan', 'pro') ELSE '{}'::jsonb END
       FROM generate_series(1, $1::int) AS n`,
    [PEOPLE],
  );
  await db.query(
    `INSERT INTO posts (board_id, title, body, status_key, author_id, effort, shipped_at, people_count)
     SELECT $1, initcap((${words})[1 + i % ${WORDS.length}]) || ' ' || (${words})[1 + (i * 7) % ${WORDS.length}] || ' ' || i, 'Please',
            CASE WHEN i % 6 = 0 THEN 'shipped' ELSE 'open' END, (SELECT id FROM users WHERE key = 'bench:person:1'),
            CASE WHEN i % 3 = 0 THEN 1 + i % 5 END,
            CASE WHEN i % 6 = 0 THEN now() - make_interval(days => i % 90) END,
            1 + i % 5
       FROM generate_series(1, $2::int) AS i`,
    [boardId, ideas],
  );
  await db.query(
    `INSERT INTO post_people (post_id, user_id, refs)
     SELECT p.id, u.id, 1
       FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS i, people_count FROM posts WHERE board_id = $1) AS p
       CROSS JOIN LATERAL generate_series(1, p.people_count) AS k
       JOIN users u ON u.key = 'bench:person:' || (1 + (p.i * 31 + k * 977) % $2)`,
    [boardId, PEOPLE],
  );
  await db.query(
    `INSERT INTO feedback_items (board_id, source, source_id, content_hash, text, author_name, author_email, author_company, received_at)
     SELECT $1, 'api', 'bench-' || i, md5('bench-' || i),
            'Could you make ' || (${words})[1 + (i * 3) % ${WORDS.length}] || ' and ' || (${words})[1 + (i * 11) % ${WORDS.length}] || ' faster? It keeps timing out.',
            'Customer ' || i, 'customer' || i || '@example.com', CASE WHEN i % 4 = 0 THEN 'Company ' || i % 300 END,
            now() - make_interval(mins => i)
       FROM generate_series(1, $2::int) AS i`,
    [boardId, FEEDBACK],
  );
  await db.query(
    `INSERT INTO backlog_items (board_id, title, next_step, category, status, estimate, risk, done_at, told_at, updated_at)
     SELECT $1, 'Speed up ' || (${words})[1 + n % ${WORDS.length}] || ' ' || n, CASE WHEN n % 3 = 0 THEN '' ELSE 'Profile it' END,
            (${CATEGORIES})[1 + n % 6], CASE WHEN n % 5 = 0 THEN 'done' ELSE (${STATUSES})[1 + n % 3] END,
            CASE WHEN n % 4 = 0 THEN NULL ELSE 1 + n % 8 END, n % 4,
            CASE WHEN n % 5 = 0 THEN now() - make_interval(days => n % 35) END, CASE WHEN n % 5 = 0 THEN now() END,
            now() - make_interval(days => n)
       FROM generate_series(1, $2::int) AS n`,
    [boardId, ITEMS],
  );
  await db.query(
    `WITH items AS (SELECT id, row_number() OVER (ORDER BY title) AS n FROM backlog_items WHERE board_id = $1),
          ideas AS (SELECT id, row_number() OVER (ORDER BY created_at, id) - 1 AS i FROM posts WHERE board_id = $1)
     INSERT INTO backlog_evidence (item_id, post_id)
     SELECT DISTINCT items.id, ideas.id FROM items CROSS JOIN generate_series(1, $2::int) AS j
       JOIN ideas ON ideas.i = ((items.n * $2 + j) * 7919) % $3`,
    [boardId, IDEAS_PER_ITEM, ideas],
  );
  // Feedback authors as the users rows a link makes of them (request:email:…), as the service would.
  await db.query(
    `WITH items AS (SELECT id, row_number() OVER (ORDER BY title) AS n FROM backlog_items WHERE board_id = $1),
          said AS (SELECT id, author_email, row_number() OVER (ORDER BY received_at, id) AS i FROM feedback_items WHERE board_id = $1),
          authors AS (
            INSERT INTO users (key) SELECT 'request:email:' || author_email FROM said WHERE i <= $2 * 2
            ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id, key)
     INSERT INTO backlog_evidence (item_id, feedback_item_id, user_id)
     SELECT items.id, said.id, authors.id FROM items JOIN said ON said.i IN (items.n * 2 - 1, items.n * 2)
       JOIN authors ON authors.key = 'request:email:' || said.author_email`,
    [boardId, ITEMS],
  );
  await db.exec('VACUUM ANALYZE');
  return boardId;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function run(engine: string, open: () => Promise<Database>): Promise<void> {
  console.log(`\n${engine}: ${ITEMS} backlog items × ${IDEAS_PER_ITEM} ideas + 2 feedback items each, ${REQUESTS} requests a figure (p50 / p95)\n`);
  console.log('| ideas | read | p50 | p95 |');
  console.log('|---|---|---|---|');
  for (const ideas of SIZES) {
    const db = await open();
    const similarity = createSimilarPosts(db);
    try {
      const start = performance.now();
      const boardId = await seed(db, ideas);
      console.error(`${engine}: seeded ${ideas} ideas in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      const app = createApp({ db, adminKeys: [ADMIN_KEY], similarity });
      const get = async (path: string) => {
        const response = await app.request(`/api/v1${path}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return response.json();
      };
      const row = async (name: string, read: () => Promise<unknown>) => {
        await read();
        const { p50, p95 } = await measureConcurrently(REQUESTS, 1, read);
        console.log(`| ${ideas.toLocaleString('en')} | ${name} | ${ms(p50)} | ${ms(p95)} |`);
      };
      await row(`baseline: SELECT * FROM backlog_items of the board (${ITEMS} rows)`, () => db.query('SELECT * FROM backlog_items WHERE board_id = $1', [boardId]));
      const { items } = (await get(`/boards/${BOARD}/backlog`)) as { items: Array<{ id: string; demand: { people: number } }> };
      if (items.length !== ITEMS || items[0]!.demand.people === 0) throw new Error('The backlog is not what was seeded.');
      await row('GET /boards/{board}/backlog (ranked, every item)', () => get(`/boards/${BOARD}/backlog`));
      await row('GET /boards/{board}/backlog?stale=true', () => get(`/boards/${BOARD}/backlog?stale=true`));
      await row('GET /boards/{board}/capacity', () => get(`/boards/${BOARD}/capacity`));
      await similarity.indexed(BOARD);
      const stalls = monitorEventLoopDelay({ resolution: 1 });
      stalls.enable();
      await row('GET /backlog/{itemId}/suggestions (board indexed)', () => get(`/backlog/${items[0]!.id}/suggestions`));
      stalls.disable();
      console.log(`| ${ideas.toLocaleString('en')} | longest stall of the event loop during those suggestions | ${ms(stalls.max / 1e6)} | |`);
      // What the request's thread would be held for if it compared the feedback itself.
      const newest = await recentFeedback(db, boardId, SUGGESTED_FEEDBACK_SCOPE);
      await row(`for comparison: the newest ${SUGGESTED_FEEDBACK_SCOPE} feedback items compared on the main thread`, async () =>
        new SimilarityIndex(newest.map((each) => ({ id: each.id, title: each.title ?? '', body: each.text.slice(0, 1000) }))).search('Speed up search for big boards', { limit: 5 }),
      );
    } finally {
      similarity.stop();
      await db.close();
    }
  }
}

const cluster = await startPostgres();
try {
  await run('PostgreSQL', async () => openDatabase({ url: await cluster.createDatabase() }));
} finally {
  await cluster.stop();
}
await run('PGlite', () => openDatabase({}));
