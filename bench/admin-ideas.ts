// The admin ideas list benchmark of issue 13: p50/p95 of the first page of `GET /api/v1/admin/ideas`
// (50 ideas of every board) sorted by each column, at 1,000, 10,000 and 100,000 ideas, on
// PostgreSQL and PGlite, next to a baseline measured in the same run on the same database: a plain
// `SELECT … FROM posts LIMIT 50`. Then a later page (keyset), and filters with a sort.
//
//   npm run bench:admin-ideas              1k, 10k and 100k ideas, 20 requests per figure
//   npm run bench:admin-ideas -- --smoke   1k ideas, 5 requests per figure: proves the script works
//
// Requests go through the app's fetch (app.request), one at a time (PGlite runs one query at a
// time anyway): the figures are the route's, its validation and its query, without a socket.
import { ADMIN_IDEA_COLUMNS } from '@sayso/core';
import { performance } from 'node:perf_hooks';
import { createApp, createBoard, migrate, openDatabase, type Database } from '@sayso/server';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { measureConcurrently } from './lib/measure.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('admin-ideas.ts');
const SIZES = SMOKE ? [1_000] : [1_000, 10_000, 100_000];
const REQUESTS = SMOKE ? 5 : 20;
const PAGE = 50;
const BOARDS = 4;
const ADMIN_KEY = 'bench-admin-ideas-key-0123456789';

giveUpAfter(SMOKE ? 120_000 : 3_000_000);

const WORDS = `export import search filter dark mode mobile offline sync calendar slack email webhook api
  tags roadmap comments mentions avatars billing invoice sso saml csv pdf chart report widget theme`.split(/\s+/);
const words = `ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}]`;
const STATUSES = `ARRAY['open', 'under-review', 'planned', 'in-progress', 'shipped', 'declined']`;

/**
 * `ideas` ideas over BOARDS boards, with varied people, MRR, impact, evidence, creation and activity
 * over a year. Board (i % 4) and status (i / 7 % 6) vary independently: a filter that no idea
 * matches reads the sort's whole index, which a benchmark should not measure by accident.
 */
async function seed(db: Database, ideas: number): Promise<void> {
  await migrate(db);
  const [author] = await db.query<{ id: string }>(`INSERT INTO users (key) VALUES ('bench-admin-ideas') RETURNING id`);
  for (let n = 0; n < BOARDS; n++) await createBoard(db, { slug: `board-${n}` });
  const boards = await db.query<{ id: string }>('SELECT id FROM boards ORDER BY slug');
  await db.query(
    `INSERT INTO posts (board_id, title, body, status_key, author_id, people_count, customer_mrr, impact, evidence_count, created_at, last_activity_at)
     SELECT ($1::uuid[])[1 + i % ${BOARDS}],
            initcap((${words})[1 + i % ${WORDS.length}]) || ' ' || (${words})[1 + (i * 7) % ${WORDS.length}] || ' ' || i,
            'Please', (${STATUSES})[1 + (i / 7) % 6], $2,
            (i::bigint * 7919) % 500, ((i::bigint * 104729) % 100000) / 10.0, 1 + (i % 5), (i * 31) % 40,
            now() - make_interval(secs => ((i::bigint * 7919) % $3) * (365 * 86400.0 / $3)),
            now() - make_interval(secs => ((i::bigint * 6271) % $3) * (30 * 86400.0 / $3))
       FROM generate_series(1, $3::int) AS i`,
    [boards.map((board) => board.id), author!.id, ideas],
  );
  await db.exec('VACUUM ANALYZE');
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function run(engine: string, open: () => Promise<Database>): Promise<void> {
  console.log(`\n${engine}, ${PAGE} ideas a page, ${BOARDS} boards, ${REQUESTS} requests a figure (p50 / p95)\n`);
  console.log('| ideas | read | p50 | p95 |');
  console.log('|---|---|---|---|');
  for (const ideas of SIZES) {
    const db = await open();
    try {
      const start = performance.now();
      await seed(db, ideas);
      console.error(`${engine}: seeded ${ideas} ideas in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      const app = createApp({ db, adminKeys: [ADMIN_KEY] });
      const get = async (query: string) => {
        const response = await app.request(`/api/v1/admin/ideas?limit=${PAGE}&${query}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
        if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`);
        return (await response.json()) as { items: unknown[]; nextCursor: string | null };
      };
      const row = async (name: string, read: () => Promise<unknown>) => {
        await read();
        const { p50, p95 } = await measureConcurrently(REQUESTS, 1, read);
        console.log(`| ${ideas.toLocaleString('en')} | ${name} | ${ms(p50)} | ${ms(p95)} |`);
      };
      await row(`baseline: SELECT … FROM posts LIMIT ${PAGE}`, () => db.query(`SELECT * FROM posts LIMIT ${PAGE}`));
      for (const column of ADMIN_IDEA_COLUMNS) {
        for (const direction of column === 'title' ? ['asc', 'desc'] : ['desc']) {
          await row(`sort=${column} ${direction}, first page`, () => get(`sort=${column}&direction=${direction}`));
        }
      }
      const first = await get('sort=people');
      await row('sort=people, second page (keyset)', () => get(`sort=people&cursor=${encodeURIComponent(first.nextCursor!)}`));
      await row('board=board-1&status=planned, sort=mrr', () => get('board=board-1&status=planned&sort=mrr'));
      await row('minPeople=400, sort=lastActivity', () => get('minPeople=400&sort=lastActivity'));
      await row('q=calendar, sort=priority', () => get('q=calendar&sort=priority'));
    } finally {
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
