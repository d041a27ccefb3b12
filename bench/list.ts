// The list benchmark of issue 10: p50/p95 of a board's list (`sort=top`, `trending`, `new`, a
// `q=` search, and the admins' `sort=priority`) on PostgreSQL at 1,000, 10,000 and 100,000 ideas with 10 votes an idea on average,
// next to baselines measured in the same run: the list's old query shape (a `count(*)` of the
// votes of every post on each read) and a no-op statement through the same pool.
//
//   npm run bench:list              the three sizes, 300 lists per figure (a few minutes, most of it seeding)
//   npm run bench:list -- --smoke   1,000 ideas, 20 lists per figure: proves the script works
// (both run `node --import tsx list.ts` in bench/)
//
// Readers call listPosts() (what GET /boards/:board/posts runs) straight through the server's
// pg pool, 10 at a time: the figures are the database's and the query's, without HTTP on top.
// The plans printed at the end are EXPLAIN ANALYZE of the exact statements listPosts sends.
import { performance } from 'node:perf_hooks';
import {
  createBoard,
  listPosts,
  listPostsByPriority,
  migrate,
  openDatabase,
  recountPosts,
  type Database,
  type PostListFilters,
  type Queryable,
} from '@sayso/server';
import { startPostgres } from '../packages/server/test/support/postgres.js';
import { measureConcurrently } from './lib/measure.js';
import { giveUpAfter, smokeFlag } from './lib/run-options.js';

const SMOKE = smokeFlag('list.ts');

const SIZES = SMOKE ? [1_000] : [1_000, 10_000, 100_000];
const VOTES_PER_IDEA = 10;
const VOTERS = 10_000;
const READERS = 10;
const LISTS = SMOKE ? 20 : 300;
/** The old query shape takes seconds at 100,000 ideas: fewer samples of it. */
const baselineLists = (ideas: number) => (SMOKE ? 10 : Math.max(10, Math.min(LISTS, 300_000 / ideas)));
const PAGE = 20;
const SEARCH = 'export';
const DEADLINE_MS = SMOKE ? 50_000 : 1_200_000;

// The cluster is stopped by its own exit hook.
giveUpAfter(DEADLINE_MS);

// Words of the generated ideas, three to an idea: `q=export` matches about 3 % of them.
const WORDS = `export import search filter dark mode mobile offline sync calendar slack email webhook api
  tags roadmap comments mentions avatars billing invoice sso saml csv pdf chart report widget theme
  keyboard shortcut undo history archive duplicate merge notify digest`.split(/\s+/);

/** Adds a board of `ideas` ideas (creation times spread over a year) and about 10 votes each. */
async function seedBoard(db: Database, ideas: number): Promise<string> {
  const slug = `list-${ideas}`;
  const board = await createBoard(db, { slug });
  const [row] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [board.slug]);
  const words = `ARRAY[${WORDS.map((word) => `'${word}'`).join(', ')}]`;
  // Ids are md5 of the idea's number, so votes can name ideas without a lookup. 7919 is prime, so
  // i * 7919 mod n visits every age once: age and number are unrelated.
  await db.query(
    `INSERT INTO posts (id, board_id, title, body, status_key, author_id, created_at)
     SELECT md5($2 || '-' || i)::uuid, $1, 'Idea ' || i || ': ' || (${words})[1 + i % ${WORDS.length}],
            'Please add ' || (${words})[1 + (i * 7) % ${WORDS.length}] || ' and ' || (${words})[1 + (i * 13) % ${WORDS.length}],
            'open', md5('bench-voter-1')::uuid,
            now() - make_interval(secs => ((i::bigint * 7919) % $3) * (365 * 86400.0 / $3))
       FROM generate_series(1, $3::int) AS i`,
    [row!.id, slug, ideas],
  );
  // Skewed like real boards: random()^2 gives a few ideas many votes and many ideas few.
  await db.query(
    `INSERT INTO votes (post_id, user_id)
     SELECT md5($1 || '-' || (1 + floor($2 * random() ^ 2))::int)::uuid, md5('bench-voter-' || (1 + floor(random() * $3))::int)::uuid
       FROM generate_series(1, $2::int * $4)
     ON CONFLICT DO NOTHING`,
    [slug, ideas, VOTERS, VOTES_PER_IDEA],
  );
  await recountPosts(db, row!.id);
  return slug;
}

/** p50 and p95 in ms of `calls` calls of `read`, `READERS` at a time. */
const measure = (calls: number, read: () => Promise<unknown>) => measureConcurrently(calls, READERS, read);

/** The list's query before migration 0007: every post's votes counted on each read. */
const countOnRead = (db: Queryable, slug: string) =>
  db.query(
    `SELECT p.id, (SELECT count(*) FROM votes v WHERE v.post_id = p.id)::int AS vote_count,
            (SELECT count(*) FROM comments c WHERE c.post_id = p.id)::int AS comment_count
       FROM posts p JOIN boards b ON b.id = p.board_id
      WHERE b.slug = $1
      ORDER BY vote_count DESC, p.created_at DESC, p.id DESC LIMIT ${PAGE + 1}`,
    [slug],
  );

/** A Queryable that also records EXPLAIN ANALYZE of every paged statement it runs. */
const explaining = (db: Queryable, plans: string[]): Queryable => ({
  async query<T>(sql: string, params?: readonly unknown[]) {
    if (/\bLIMIT\b/.test(sql)) {
      const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    return db.query<T>(sql, params);
  },
  exec: (sql) => db.exec(sql),
});

/** One page of a board's list, first page, through `db`. */
type Listing = { name: string; read: (db: Queryable, board: string) => Promise<unknown> };

const listing = (name: string, sort: 'top' | 'trending' | 'new', filters: PostListFilters = {}): Listing => ({
  name,
  read: (db, board) => listPosts(db, { board, sort, ...filters, limit: PAGE, viewer: 'bench-reader' }),
});

const LISTINGS: Listing[] = [
  listing('sort=top', 'top'),
  listing('sort=trending', 'trending'),
  listing('sort=new', 'new'),
  listing(`q=${SEARCH} (top)`, 'top', { q: SEARCH }),
  // The admins' order: walks each idea's stored score (posts_board_priority_idx, db/priority.ts).
  { name: 'sort=priority (admins)', read: (db, board) => listPostsByPriority(db, { board, offset: 0, limit: PAGE, viewer: 'bench-reader', admin: true }) },
];

const cluster = await startPostgres();
try {
  const db = await openDatabase({ url: await cluster.createDatabase() });
  try {
    await migrate(db);
    // One voter in ten is a customer's signed-in user: a company of 500 (with its MRR) and a plan,
    // what the admins' priority order values.
    await db.query(
      `INSERT INTO users (id, key, traits)
       SELECT md5('bench-voter-' || j)::uuid, 'bench-voter-' || j,
              CASE WHEN j % 10 = 0 THEN jsonb_build_object('company', 'Company ' || (j / 10) % 500, 'mrr', 50 + (j / 10) % 500 * 10,
                                                           'plan', (ARRAY['starter', 'pro', 'enterprise'])[1 + j % 3])
                   ELSE '{}'::jsonb END
         FROM generate_series(1, $1::int) AS j`,
      [VOTERS],
    );
    const boards: Array<{ ideas: number; slug: string; votes: number }> = [];
    for (const ideas of SIZES) {
      const start = performance.now();
      const slug = await seedBoard(db, ideas);
      const [votes] = await db.query<{ n: number }>('SELECT sum(vote_count)::int AS n FROM posts p JOIN boards b ON b.id = p.board_id WHERE b.slug = $1', [slug]);
      boards.push({ ideas, slug, votes: votes!.n });
      console.log(`seeded ${ideas} ideas, ${votes!.n} votes in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
    await db.exec('VACUUM ANALYZE');

    console.log(`\nPostgreSQL, ${READERS} concurrent readers calling listPosts() through the server's pool, ${PAGE} ideas a page, ${LISTS} lists a figure`);
    console.log('trending is exact: core trendingScore() over the ideas that can still reach the page (see db/posts.ts)');
    console.log('sort=priority walks each idea\'s stored score (db/priority.ts)\n');
    console.log('| ideas | votes | list | p50 | p95 |');
    console.log('|---|---|---|---|---|');
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    for (const { ideas, slug, votes } of boards) {
      const row = (name: string, figures: { p50: number; p95: number }) =>
        console.log(`| ${ideas.toLocaleString('en')} | ${votes.toLocaleString('en')} | ${name} | ${ms(figures.p50)} | ${ms(figures.p95)} |`);
      row('baseline: no-op `SELECT 1`', await measure(LISTS, () => db.query('SELECT 1')));
      row('baseline: sort=top counting votes on read (before)', await measure(baselineLists(ideas), () => countOnRead(db, slug)));
      for (const listing of LISTINGS) {
        const read = () => listing.read(db, slug);
        await read(); // warm
        row(listing.name, await measure(LISTS, read));
      }
    }

    const largest = boards.at(-1)!;
    console.log(`\n## Plans at ${largest.ideas.toLocaleString('en')} ideas (EXPLAIN ANALYZE of the statements listPosts sends)`);
    for (const listing of LISTINGS) {
      const plans: string[] = [];
      await listing.read(explaining(db, plans), largest.slug);
      console.log(`\n### ${listing.name}\n\n\`\`\`\n${plans.join('\n\n')}\n\`\`\``);
    }
  } finally {
    await db.close();
  }
} finally {
  await cluster.stop();
}
