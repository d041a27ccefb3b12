// The inbox benchmark of issue 12: p50/p95 of `GET /api/v1/inbox` (a page of 20 feedback items,
// newest received first, each with up to 3 similar ideas from the board's similarity index) on
// PostgreSQL at 1,000, 10,000 and 100,000 items, next to baselines measured in the same run: a
// plain SELECT of the same page through the same pool, and the route's own query without the
// similar ideas; then the same request asking for a later page (keyset), a `q=` search and a
// source filter.
//
//   npm run bench:inbox              1,000, 10,000 and 100,000 items, 200 requests per figure
//   npm run bench:inbox -- --smoke   1,000 items, 20 requests per figure: proves the script works
// (both run `node --import tsx inbox.ts` in bench/)
//
// Requests go through the app's fetch (app.request), 10 at a time: the figures are the route's,
// its query and its similarity lookups in the index thread, without a socket on top.
import { performance } from 'node:perf_hooks';
import { createApp, createBoard, migrate, openDatabase, type Database } from '@sayso/server';
import { listInboxItems } from '../packages/server/src/db/feedback-items.js';
import { createSimilarPosts } from '../packages/server/src/services/similar-posts.js';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { measureConcurrently } from './lib/measure.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('inbox.ts');

const SIZES = SMOKE ? [1_000] : [1_000, 10_000, 100_000];
const IDEAS = 300;
const READERS = 10;
const REQUESTS = SMOKE ? 20 : 200;
const PAGE = 20;
const ADMIN_KEY = 'bench-inbox-admin-key-0123456789';
const DEADLINE_MS = SMOKE ? 60_000 : 1_200_000;

giveUpAfter(DEADLINE_MS);

// Words of the generated ideas and feedback, so items resemble some ideas.
const WORDS = `export import search filter dark mode mobile offline sync calendar slack email webhook api
  tags roadmap comments mentions avatars billing invoice sso saml csv pdf chart report widget theme
  keyboard shortcut undo history archive duplicate merge notify digest`.split(/\s+/);
const words = `ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}]`;
const SOURCES = `ARRAY['email', 'slack', 'api', 'csv', 'webhook:intercom']`;

/** A board with IDEAS ideas and `items` new feedback items received over a year, a tenth of them by email. */
async function seedBoard(db: Database, items: number): Promise<{ slug: string; id: string }> {
  const slug = `inbox-${items}`;
  await createBoard(db, { slug });
  const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [slug]);
  await db.query(
    `INSERT INTO posts (board_id, title, body, status_key, author_id)
     SELECT $1, 'Add ' || (${words})[1 + i % ${WORDS.length}] || ' ' || (${words})[1 + (i * 7) % ${WORDS.length}],
            'Please', 'open', (SELECT id FROM users LIMIT 1)
       FROM generate_series(1, $2::int) AS i`,
    [board!.id, IDEAS],
  );
  await db.query(
    `INSERT INTO feedback_items (board_id, source, source_id, content_hash, text, author_name, author_email, received_at)
     SELECT $1, (${SOURCES})[1 + i % 5], $2 || '-' || i, md5($2 || '-' || i),
            'Could you add ' || (${words})[1 + (i * 3) % ${WORDS.length}] || ' and ' || (${words})[1 + (i * 11) % ${WORDS.length}] || '? We need it.',
            'Customer ' || i % 5000, 'customer' || i % 5000 || '@example.com',
            now() - make_interval(secs => ((i::bigint * 7919) % $3) * (365 * 86400.0 / $3))
       FROM generate_series(1, $3::int) AS i`,
    [board!.id, slug, items],
  );
  return { slug, id: board!.id };
}

/** p50 and p95 in ms of `calls` calls of `read`, `READERS` at a time. */
const measure = (calls: number, read: () => Promise<unknown>) => measureConcurrently(calls, READERS, read);

const cluster = await startPostgres();
try {
  const db = await openDatabase({ url: await cluster.createDatabase() });
  const similarity = createSimilarPosts(db);
  try {
    await migrate(db);
    await db.query(`INSERT INTO users (key) VALUES ('bench-inbox-author')`);
    const boards: Array<{ items: number; slug: string; id: string }> = [];
    for (const items of SIZES) {
      const start = performance.now();
      boards.push({ items, ...(await seedBoard(db, items)) });
      console.log(`seeded ${items} items in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    await db.exec('VACUUM ANALYZE');
    const app = createApp({ db, adminKeys: [ADMIN_KEY], similarity });
    const get = async (path: string) => {
      const response = await app.request(`/api/v1${path}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: Array<{ similar: unknown[] }>; nextCursor: string | null };
    };

    console.log(`\nPostgreSQL, ${READERS} concurrent readers, ${PAGE} items a page, ${IDEAS} ideas a board, ${REQUESTS} requests a figure\n`);
    console.log('| items | read | p50 | p95 |');
    console.log('|---|---|---|---|');
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    for (const { items, slug, id } of boards) {
      const row = (name: string, figures: { p50: number; p95: number }) =>
        console.log(`| ${items.toLocaleString('en')} | ${name} | ${ms(figures.p50)} | ${ms(figures.p95)} |`);
      const page = `/inbox?board=${slug}&limit=${PAGE}`;
      // Warm: the board's similarity index is built on its first lookup.
      await get(page);
      await similarity.indexed(slug);
      const first = await get(page);
      const suggested = first.items.filter((item) => item.similar.length > 0).length;
      const plain = () =>
        db.query(
          `SELECT * FROM feedback_items WHERE state = 'new' AND filtered IS NULL AND board_id = $1
            ORDER BY received_at DESC, id DESC LIMIT ${PAGE + 1}`,
          [id],
        );
      row('baseline: plain SELECT of the page', await measure(REQUESTS, plain));
      row('the route\'s query alone (listInboxItems, no similar ideas)', await measure(REQUESTS, () =>
        listInboxItems(db, { state: 'new', boardId: id, filtered: false, after: null, limit: PAGE })));
      row(`GET /inbox (first page; ${suggested}/${first.items.length} items with similar ideas)`, await measure(REQUESTS, () => get(page)));
      const later = `${page}&cursor=${encodeURIComponent(first.nextCursor!)}`;
      row('GET /inbox (second page)', await measure(REQUESTS, () => get(later)));
      row('GET /inbox?source=email', await measure(REQUESTS, () => get(`${page}&source=email`)));
      row('GET /inbox?q=calendar', await measure(REQUESTS, () => get(`${page}&q=calendar`)));
    }
  } finally {
    await similarity.stop();
    await db.close();
  }
} finally {
  await cluster.stop();
}
