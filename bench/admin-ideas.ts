// The admin ideas list benchmark of issue 13: p50/p95 of the first page of `GET /api/v1/admin/ideas`
// (50 ideas of every board) sorted by each column, at 1,000, 10,000 and 100,000 ideas, on
// PostgreSQL and PGlite, next to a baseline measured in the same run on the same database: a plain
// `SELECT … FROM posts LIMIT 50`. Then a later page (keyset), and filters with a sort. Last, what
// an admin waits for: the console (examples/admin/dist, built by `npm start` or `npm test`) opened
// in Chromium, already signed in, until its ideas table shows its first rows, next to the same
// browser fetching that first page itself.
//
//   npm run bench:admin-ideas              1k, 10k and 100k ideas, 20 requests per figure
//   npm run bench:admin-ideas -- --smoke   1k ideas, 5 requests per figure: proves the script works
//
// Requests go through the app's fetch (app.request), one at a time (PGlite runs one query at a
// time anyway): the figures are the route's, its validation and its query, without a socket.
import { serve } from '@hono/node-server';
import { ADMIN_CREDENTIAL_KEY, ADMIN_IDEA_COLUMNS } from '@sayso/core';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import settings from '../scripts/chromium.json' with { type: 'json' };
import { createApp, createBoard, migrate, openDatabase, type Database } from '@sayso/server';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { WORDS, wordsSql } from './lib/generated-words.js';
import { measureConcurrently } from './lib/measure.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('admin-ideas.ts');
const SIZES = SMOKE ? [1_000] : [1_000, 10_000, 100_000];
const REQUESTS = SMOKE ? 5 : 20;
const PAGE = 50;
const BOARDS = 4;
const ADMIN_KEY = 'bench-admin-ideas-key-0123456789';

giveUpAfter(SMOKE ? 120_000 : 3_000_000);

const words = wordsSql;
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

const CONSOLE_DIR = fileURLToPath(new URL('../examples/admin/dist', import.meta.url));
const BROWSER_LOADS = SMOKE ? 2 : 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The console at `url` opened in a fresh tab, the admin key already in its session storage (as
 * after signing in): milliseconds until the ideas table shows a row of ideas, and until the same
 * tab's own fetch of that first page answers (the baseline: the API and the network alone).
 */
async function firstRowsInBrowser(browser: Browser, url: string): Promise<{ rows: number; fetch: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([name, key]) => sessionStorage.setItem(name!, key!), [ADMIN_CREDENTIAL_KEY, ADMIN_KEY]);
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(`${url}/admin/#/ideas`);
  await page.locator('sayso-admin-ideas [part="row"]').first().waitFor({ timeout: 120_000 });
  const rows = performance.now() - start;
  const fetched = await page.evaluate(async ([key, limit]) => {
    const begun = performance.now();
    const response = await fetch(`/api/v1/admin/ideas?limit=${limit}&sort=people`, { headers: { Authorization: `Bearer ${key}` } });
    await response.json();
    return performance.now() - begun;
  }, [ADMIN_KEY, String(PAGE)] as const);
  await context.close();
  return { rows, fetch: fetched };
}

async function run(engine: string, open: () => Promise<Database>, browser: Browser | undefined): Promise<void> {
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
      if (browser) {
        const server = serve({ fetch: createApp({ db, adminKeys: [ADMIN_KEY], staticRoutes: [{ prefix: '/admin', dir: CONSOLE_DIR }] }).fetch, port: 0, hostname: '127.0.0.1' });
        await new Promise((resolve) => server.once('listening', resolve));
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        try {
          await firstRowsInBrowser(browser, url);
          const loads = [];
          for (let n = 0; n < BROWSER_LOADS; n++) loads.push(await firstRowsInBrowser(browser, url));
          console.log(`| ${ideas.toLocaleString('en')} | baseline: the tab's own fetch of the first page | ${ms(median(loads.map((load) => load.fetch)))} | |`);
          console.log(`| ${ideas.toLocaleString('en')} | console opened until its first rows show (Chromium, ${BROWSER_LOADS} loads) | ${ms(median(loads.map((load) => load.rows)))} | |`);
        } finally {
          await new Promise((resolve) => server.close(resolve));
        }
      }
    } finally {
      await db.close();
    }
  }
}

// The console's own timing needs its build; without it the API figures still come.
const browser = existsSync(`${CONSOLE_DIR}/index.html`)
  ? await chromium.launch({ executablePath: process.env.CHROME_PATH ?? settings.executablePath, headless: true, args: settings.args })
  : undefined;
if (!browser) console.error(`No console build in ${CONSOLE_DIR} (npm start or npm test makes it): the browser rows are left out.`);
try {
  const cluster = await startPostgres();
  try {
    await run('PostgreSQL', async () => openDatabase({ url: await cluster.createDatabase() }), browser);
  } finally {
    await cluster.stop();
  }
  await run('PGlite', () => openDatabase({}), browser);
} finally {
  await browser?.close();
}
