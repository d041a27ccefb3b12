// The server as several stateless processes behind a load balancer: two real entry points on one
// PostgreSQL, requests spread over both. Counts, idempotency keys and write limits must hold as
// if there were one process, since all of that state lives in the database.
import type { Post, VoteResult } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { createBoard } from '../src/services/boards.js';
import { startMain, type MainProcess } from './support/main-process.js';
import { testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();
const WRITES_PER_VOTER = 40;

describe('two server processes on one PostgreSQL', () => {
  let servers: MainProcess[] = [];
  let db: Database;

  beforeAll(async () => {
    const url = await databases.postgresUrl();
    // Started at once: migrations and the demo seed run under advisory locks, exactly once.
    const started = await Promise.allSettled(
      [1, 2].map(() => startMain({ DATABASE_URL: url, SAYSO_WRITES_PER_MINUTE: String(WRITES_PER_VOTER) })),
    );
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    db = await openDatabase({ url });
  });
  afterAll(async () => {
    await db?.close();
    const codes = await Promise.all(servers.map((server) => server.stop()));
    expect(codes).toEqual(servers.map(() => 0));
  });

  /** Sends to process `i % 2`, as a round-robin load balancer would. */
  async function send(i: number, method: string, path: string, who: string, options: { body?: unknown; key?: string } = {}) {
    const headers: Record<string, string> = { ...(await visitorHeaders(db, who)) };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.key) headers['Idempotency-Key'] = options.key;
    const response = await fetch(`${servers[i % 2]!.url}/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as any };
  }

  const voter = (n: number) => `scale-voter-${String(n).padStart(4, '0')}`;

  it('keeps one schema and one demo board', async () => {
    const migrations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    const runs = servers.map((s) => (/applied migrations/.test(s.log()) ? 1 : 0) as number);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(migrations[0]!.n).toBeGreaterThan(0);
    const boards = await db.query(`SELECT 1 FROM boards WHERE slug = 'demo'`);
    expect(boards).toHaveLength(1);
  });

  it('counts 200 parallel votes from 200 visitors split over both processes as 200', async () => {
    const created = await send(0, 'POST', '/boards/demo/posts', voter(0), { body: { title: 'Scaled out' } });
    expect(created.status).toBe(201);
    const post = created.json as Post;
    const votes = await Promise.all(Array.from({ length: 200 }, (_, i) => send(i, 'POST', `/posts/${post.id}/votes`, voter(i))));
    expect(votes.map((v) => v.status)).toEqual(Array(200).fill(200));
    for (const i of [0, 1]) expect((await send(i, 'GET', `/posts/${post.id}`, voter(1))).json.voteCount).toBe(200);
    const [rows] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [post.id]);
    expect(rows!.n).toBe(200);

    // One visitor clicking through both processes at once counts once.
    const repeats = await Promise.all(
      Array.from({ length: 30 }, (_, i) => send(i, 'POST', `/posts/${post.id}/votes`, 'scale-repeater')),
    );
    expect(repeats.every((r) => r.status === 200 && (r.json as VoteResult).voted)).toBe(true);
    expect((await send(1, 'GET', `/posts/${post.id}`, voter(1))).json.voteCount).toBe(201);
  });

  it('executes a request sent with one Idempotency-Key to both processes once', async () => {
    const created = await send(1, 'POST', '/boards/demo/posts', 'scale-commenter', { body: { title: 'Keyed across processes' } });
    const post = created.json as Post;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(i, 'POST', `/posts/${post.id}/comments`, 'scale-commenter', { body: { body: 'Exactly once' }, key: 'cross-process-key' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const [comments] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [post.id]);
    expect(comments!.n).toBe(1);
    const clash = await send(0, 'POST', `/posts/${post.id}/comments`, 'scale-commenter', { body: { body: 'Other' }, key: 'cross-process-key' });
    expect(clash.status).toBe(422);
    expect(clash.json.error.code).toBe('idempotency_conflict');
  });

  it('shares write limits: a visitor gets the same allowance whichever process answers', async () => {
    const created = await send(0, 'POST', '/boards/demo/posts', 'scale-author-2', { body: { title: 'Limits across processes' } });
    const post = created.json as Post;
    // Alternate vote and unvote over both processes: WRITES_PER_VOTER pass, the rest are refused.
    // Each process sees only 23 of the 46 writes, under the limit of 40: only a counter shared
    // through the database refuses any.
    const answers = await Promise.all(
      Array.from({ length: WRITES_PER_VOTER + 6 }, (_, i) =>
        send(i, i % 4 < 2 ? 'POST' : 'DELETE', `/posts/${post.id}/votes`, 'scale-limited'),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(WRITES_PER_VOTER);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(6);
    expect(refused.every((a) => Number(a.headers.get('retry-after')) > 0)).toBe(true);
  });
});

describe('two app instances, each with its own pool, on one PostgreSQL', () => {
  it('counts writes sent to two app instances (each with its own pool) together', async () => {
    const url = await databases.postgresUrl();
    const one = await openDatabase({ url });
    const two = await openDatabase({ url });
    try {
      await migrate(one);
      await createBoard(one, { slug: 'shared-limits' });
      const a = createApp({ db: one, rateLimit: { max: 4, windowMs: 60_000 } });
      const b = createApp({ db: two, rateLimit: { max: 4, windowMs: 60_000 } });
      const post = async (app: typeof a, title: string) =>
        await app.request('/api/v1/boards/shared-limits/posts', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(await visitorHeaders(one, 'shared-limit-voter')) },
          body: JSON.stringify({ title }),
        });
      const statuses = await Promise.all([a, b, a, b, a, b].map((app, i) => post(app, `Idea number ${i}`).then((r) => r.status)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(4);
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      const [count] = await one.query<{ count: number }>(
        `SELECT count FROM rate_limit_counters WHERE bucket LIKE 'voter:%'`,
      );
      expect(count!.count).toBe(6);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
