import type { Post } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { pruneRateLimitCounters } from '../src/middleware/rate-limit.js';
import { startServer } from '../src/server.js';
import { testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();

// On PGlite here; on PostgreSQL, across processes, in scale-out.test.ts.
describe.each(['pglite'] as const)('write limits in the database on %s', (engine) => {
  let db: Database;
  let postId: string;

  beforeAll(async () => {
    db = await databases.open(engine);
    const board = (await createBoard(db, { slug: `limits-${engine}` })).slug;
    const created = await createApp({ db }).request(`/api/v1/boards/${board}/posts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await visitorHeaders(db, 'limits-author-1')) },
      body: JSON.stringify({ title: 'Limited idea' }),
    });
    postId = ((await created.json()) as Post).id;
  });

  const vote = async (app: ReturnType<typeof createApp>, voter: string, headers: Record<string, string> = {}) =>
    app.request(`/api/v1/posts/${postId}/votes`, { method: 'POST', headers: { ...(await visitorHeaders(db, voter)), ...headers } });

  async function expectLimited(response: Response) {
    expect(response.status).toBe(429);
    const wait = Number(response.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await response.json()).toEqual({
      error: { code: 'rate_limited', message: expect.any(String), details: { retryAfterSeconds: wait } },
    });
  }

  it('limits writes per visitor; reads and other visitors go on', async () => {
    const app = createApp({ db, rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await vote(app, `per-voter-${engine}`)).status).toBe(200);
    await expectLimited(await vote(app, `per-voter-${engine}`));
    expect((await vote(app, `per-voter-${engine}-b`)).status).toBe(200);
    expect((await app.request(`/api/v1/posts/${postId}`)).status).toBe(200);
  });

  it('limits writes per IP address across visitors, from X-Forwarded-For only behind a trusted proxy', async () => {
    const app = createApp({ db, rateLimit: { maxPerIp: 2, windowMs: 60_000 }, trustProxy: 1 });
    // The proxy appended the real address last; the client's own entry to its left proves nothing.
    const from = (ip: string, spoof = '10.9.9.9') => ({ 'X-Forwarded-For': `${spoof}, ${ip}` });
    expect((await vote(app, `ip-voter-${engine}-1`, from('203.0.113.7'))).status).toBe(200);
    expect((await vote(app, `ip-voter-${engine}-2`, from('203.0.113.7', '10.1.1.1'))).status).toBe(200);
    await expectLimited(await vote(app, `ip-voter-${engine}-3`, from('203.0.113.7', '10.2.2.2')));
    expect((await vote(app, `ip-voter-${engine}-4`, from('203.0.113.8'))).status).toBe(200);
  });

  it('counts in fixed windows cut by the database clock', async () => {
    const app = createApp({ db, rateLimit: { max: 1, windowMs: 1000 } });
    const voter = `window-voter-${engine}`;
    // Start right after a window boundary so that two calls fall in one window.
    const [now] = await db.query<{ ms: number }>(`SELECT (extract(epoch FROM now()) * 1000)::float8 AS ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Number(now!.ms) % 1000) + 20));
    expect((await vote(app, voter)).status).toBe(200);
    const refused = await vote(app, voter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await vote(app, voter)).status).toBe(200);
    // Windows before the last one are pruned; the current one is kept.
    await db.query(`INSERT INTO rate_limit_counters (bucket, window_start, count) VALUES ('ip:old', now() - interval '1 hour', 5)`);
    expect(await pruneRateLimitCounters(db, 1000)).toBeGreaterThanOrEqual(1);
    expect(await db.query(`SELECT 1 FROM rate_limit_counters WHERE bucket = 'ip:old'`)).toEqual([]);
    expect((await db.query(`SELECT 1 FROM rate_limit_counters WHERE window_start > now() - interval '2 seconds'`)).length).toBeGreaterThan(0);
  });

  it('takes the socket address and ignores X-Forwarded-For unless told to trust a proxy', async () => {
    await createBoard(db, { slug: 'socket-limits' });
    const server = await startServer({ port: 0, hostname: '127.0.0.1', db, rateLimit: { maxPerIp: 2, windowMs: 60_000 } });
    try {
      const send = async (i: number) =>
        fetch(`${server.url}/api/v1/boards/socket-limits/posts`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(await visitorHeaders(db, `socket-voter-${i}`)), 'X-Forwarded-For': `198.51.100.${i}` },
          body: JSON.stringify({ title: `Socket idea ${i}` }),
        });
      expect((await send(1)).status).toBe(201);
      expect((await send(2)).status).toBe(201);
      const refused = await send(3);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const rows = await db.query<{ count: number }>(`SELECT count FROM rate_limit_counters WHERE bucket = 'ip:127.0.0.1'`);
      expect(rows).toEqual([{ count: 3 }]);
      expect(await db.query(`SELECT 1 FROM rate_limit_counters WHERE bucket LIKE 'ip:198.51.100.%'`)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
