import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { openDatabase, retryingDeadlock } from '../src/db/database.js';
import { migrate, readMigrations } from '../src/db/migrate.js';
import { trendingScore, type VoteResult } from '@sayso/core';
import { findPost, listPosts } from '../src/db/posts.js';
import { createBoard } from '../src/services/boards.js';
import { createPost } from '../src/services/posts.js';
import { startServer } from '../src/server.js';
import { DEMO_BACKLOG, DEMO_IDEAS } from '../src/seed/demo-ideas.js';
import { getCapacity, listBacklog, listPublicBacklog } from '../src/services/backlog.js';
import { seedDemo } from '../src/seed/demo.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();

describe.each(ENGINES)('database on %s', (engine) => {
  // One database for the three tests (PGlite takes seconds to start); each migrates first,
  // which is a no-op after the first.
  let db: Database;
  beforeAll(async () => {
    db = await databases.open(engine, { migrate: false });
  });

  it('applies the migrations once; applying again is a no-op', async () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions[0]).toBe('0001');
    expect(await migrate(db)).toEqual(versions);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((row) => row.version)).toEqual(versions);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'admin_keys',
      'backlog_evidence',
      'backlog_items',
      'backlog_settings',
      'boards',
      'changelog_entries',
      'changelog_entry_posts',
      'comments',
      'customer_requests',
      'deliveries',
      'delivery_fanouts',
      'domain_events',
      'duplicate_candidates',
      'duplicate_checks',
      'duplicate_dismissals',
      'feedback_import_rows',
      'feedback_imports',
      'feedback_items',
      'idempotency_keys',
      'ingestion_keys',
      'notifications',
      'post_events',
      'post_merges',
      'post_people',
      'post_tags',
      'posts',
      'priority_defaults',
      'rate_limit_counters',
      'saved_views',
      'schema_migrations',
      'server_secrets',
      'statuses',
      'subscriptions',
      'tags',
      'tracker_deliveries',
      'users',
      'votes',
      'webhook_bodies',
      'webhook_endpoints',
    ]);
  });

  it('rolls back a failing migration entirely', async () => {
    await migrate(db);
    const dir = mkdtempSync(join(tmpdir(), 'sayso-migrations-'));
    try {
      writeFileSync(join(dir, '9999_half.sql'), 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
      await expect(migrate(db, [...readMigrations(), ...readMigrations(dir)])).rejects.toThrow(/no_such_table/);
      const [found] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`,
      );
      expect(found!.n).toBe(0);
      expect(await db.query(`SELECT 1 FROM schema_migrations WHERE version = '9999'`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds the demo board once, with real votes, comments and history', async () => {
    await migrate(db);
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemo(db)).toBe(false);
    const [board] = await db.query<{ name: string; posts: number }>(
      `SELECT b.name, (SELECT count(*) FROM posts p WHERE p.board_id = b.id)::int AS posts FROM boards b WHERE slug = 'demo'`,
    );
    expect(board).toEqual({ name: 'Acme Notes', posts: DEMO_IDEAS.length });
    expect(DEMO_IDEAS.length).toBeGreaterThanOrEqual(25);
    const counts = await db.query<{ title: string; votes: number; status: string; age_days: number }>(
      `SELECT p.title, p.status_key AS status, (SELECT count(*) FROM votes v WHERE v.post_id = p.id)::int AS votes,
              extract(epoch FROM now() - p.created_at)::float8 / 86400 AS age_days
         FROM posts p`,
    );
    for (const idea of DEMO_IDEAS) {
      const row = counts.find((c) => c.title === idea.title)!;
      expect(row).toMatchObject({ votes: idea.votes, status: idea.status });
      expect(row.age_days).toBeLessThanOrEqual(91);
    }
    const statuses = new Set(counts.map((c) => c.status));
    for (const status of ['open', 'under-review', 'planned', 'in-progress', 'shipped', 'declined']) expect(statuses).toContain(status);
    const [comments] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments');
    expect(comments!.n).toBeGreaterThanOrEqual(5);
    const [changes] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM post_events WHERE kind = 'status_changed'`);
    expect(changes!.n).toBeGreaterThan(0);
    const [seedVoters] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE key !~ '^seed:'`);
    expect(seedVoters!.n).toBe(0);

    // A small engineering backlog backed by the ideas, one item public, one done within the capacity window.
    const backlog = await listBacklog(db, { board: 'demo' });
    expect(backlog.map((item) => item.title).sort()).toEqual(DEMO_BACKLOG.map((item) => item.title).sort());
    const sync = backlog.find((item) => item.title === 'Rebuild sync on a conflict-free model')!;
    expect(sync.demand).toMatchObject({ ideas: 2, feedback: 0 });
    expect(sync.demand.people).toBeGreaterThanOrEqual(DEMO_IDEAS.find((idea) => idea.title === 'Offline mode for the mobile app')!.votes);
    expect(await listPublicBacklog(db, { board: 'demo' })).toEqual([expect.objectContaining({ title: 'Move search to a full-text index', status: 'in_progress' })]);
    expect((await getCapacity(db, { board: 'demo' })).engineeringEffort).toBe(1);
  });

  it('orders trending in SQL exactly as core trendingScore() does', async () => {
    await migrate(db);
    await seedDemo(db);
    const now = new Date();
    const { items } = await listPosts(db, { board: 'demo', sort: 'trending', offset: 0, limit: 100, viewer: null });
    const expected = [...items].sort(
      (a, b) =>
        trendingScore(b.voteCount, new Date(b.createdAt), now) - trendingScore(a.voteCount, new Date(a.createdAt), now) ||
        Date.parse(b.createdAt) - Date.parse(a.createdAt),
    );
    expect(items.map((p) => p.title)).toEqual(expected.map((p) => p.title));
    const top = await listPosts(db, { board: 'demo', sort: 'top', offset: 0, limit: 100, viewer: null });
    expect(top.items.map((p) => p.voteCount)).toEqual([...top.items.map((p) => p.voteCount)].sort((a, b) => b - a));
  });
});

describe('PostgreSQL under concurrency', () => {
  it('migrates and seeds once when two processes start at the same time', async () => {
    const url = await databases.postgresUrl();
    const [a, b] = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
    try {
      const applied = await Promise.all([migrate(a), migrate(b)]);
      expect(applied.flat()).toEqual(readMigrations().map((m) => m.version));
      const seeded = await Promise.all([seedDemo(a), seedDemo(b)]);
      expect(seeded.sort()).toEqual([false, true]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('counts 50 parallel voters exactly, and one voter voting 30 times at once once (over HTTP)', async () => {
    const db = await databases.open('postgres');
    const server = await startServer({ port: 0, hostname: '127.0.0.1', db });
    try {
      const { slug } = await createBoard(db, { slug: 'concurrency' });
      const post = await createPost(db, { board: slug, title: 'Popular idea', body: '', voter: 'author-key-1' });
      const send = async (method: 'POST' | 'DELETE', voter: string) => {
        const response = await fetch(`${server.url}/api/v1/posts/${post.id}/votes`, {
          method,
          headers: { ...(await visitorHeaders(db, voter)) },
        });
        expect(response.status).toBe(200);
        return (await response.json()) as VoteResult;
      };

      const results = await Promise.all(Array.from({ length: 50 }, (_, n) => send('POST', `parallel-voter-${n}`)));
      expect(results.every((r) => r.voted)).toBe(true);
      expect((await findPost(db, post.id, null))!.voteCount).toBe(51);

      const repeated = await Promise.all(Array.from({ length: 30 }, () => send('POST', 'eager-voter-1')));
      expect(repeated.every((r) => r.voted)).toBe(true);
      expect((await findPost(db, post.id, 'visitor:eager-voter-1'))!).toMatchObject({ voteCount: 52, voted: true });
      const [users] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE key = 'visitor:eager-voter-1'`);
      expect(users!.n).toBe(1);

      const taken = await Promise.all(Array.from({ length: 20 }, (_, n) => send('DELETE', `parallel-voter-${n % 10}`)));
      expect(taken.every((r) => !r.voted)).toBe(true);
      const [rows] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [post.id]);
      expect(rows!.n).toBe(42);
      expect((await findPost(db, post.id, null))!.voteCount).toBe(42);
    } finally {
      await server.close();
    }
  });
});


describe('retryingDeadlock', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs a statement PostgreSQL rolled back to break a deadlock again, and gives up after three tries', async () => {
    let calls = 0;
    expect(await retryingDeadlock(async () => (++calls < 3 ? Promise.reject(deadlock) : 'voted'))).toBe('voted');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryingDeadlock(async () => (++calls, Promise.reject(deadlock)))).rejects.toBe(deadlock);
    expect(calls).toBe(3);
  });

  it('never repeats a statement that failed for another reason', async () => {
    let calls = 0;
    const other = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(retryingDeadlock(async () => (++calls, Promise.reject(other)))).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
