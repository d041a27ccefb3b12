import { HTTP_STATUS_BY_ERROR_CODE, SaysoError, type Comment, type Post } from '@sayso/core';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { idempotency, pruneIdempotencyKeys } from '../src/middleware/idempotency.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { apiClient } from './support/api-client.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();
const VOTER = 'idem-voter-0001';
const OTHER = 'idem-voter-0002';
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('Idempotency-Key on %s', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    app = createApp({ db });
    call = apiClient(app, db);
  });

  const newPost = async () => {
    const board = (await createBoard(db, { slug: `idem-${engine}-${++boards}` })).slug;
    const created = await call('POST', `/boards/${board}/posts`, { voter: VOTER, body: { title: 'Keyed idea' } });
    expect(created.status).toBe(201);
    return created.json as Post;
  };

  const commentsOf = async (postId: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId]))[0]!.n;

  it('replays the stored answer for the same key and body, executing once', async () => {
    const post = await newPost();
    const send = () => call('POST', `/posts/${post.id}/comments`, { voter: OTHER, idempotencyKey: 'comment-key-1', body: { body: 'Once' } });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect((second.json as Comment).id).toBe((first.json as Comment).id);
    expect(await commentsOf(post.id)).toBe(1);
    // Without a key, every request runs.
    await call('POST', `/posts/${post.id}/comments`, { voter: OTHER, body: { body: 'Once' } });
    expect(await commentsOf(post.id)).toBe(2);
  });

  it('answers the same key with another body with 422 idempotency_conflict', async () => {
    const post = await newPost();
    const path = `/posts/${post.id}/comments`;
    expect((await call('POST', path, { voter: OTHER, idempotencyKey: 'comment-key-2', body: { body: 'First' } })).status).toBe(201);
    const clash = await call('POST', path, { voter: OTHER, idempotencyKey: 'comment-key-2', body: { body: 'Second' } });
    expect(clash.status).toBe(422);
    expect(clash.json).toEqual({
      error: { code: 'idempotency_conflict', message: expect.any(String), details: { header: 'Idempotency-Key' } },
    });
    expect(await commentsOf(post.id)).toBe(1);
  });

  it('scopes keys by caller and by method and path', async () => {
    const post = await newPost();
    const key = 'shared-key-0001';
    expect((await call('POST', `/posts/${post.id}/votes`, { voter: OTHER, idempotencyKey: key })).json.voteCount).toBe(2);
    // Another visitor, same key: a different operation, executed.
    expect((await call('POST', `/posts/${post.id}/votes`, { voter: 'idem-voter-0003', idempotencyKey: key })).json.voteCount).toBe(3);
    // Same visitor, same key, other method: executed too.
    const unvote = await call('DELETE', `/posts/${post.id}/votes`, { voter: OTHER, idempotencyKey: key });
    expect(unvote.headers.get('idempotent-replayed')).toBeNull();
    expect(unvote.json).toMatchObject({ voted: false, voteCount: 2 });
    // The first vote replayed: its stored answer, not a new vote.
    const replay = await call('POST', `/posts/${post.id}/votes`, { voter: OTHER, idempotencyKey: key });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).toMatchObject({ voted: true, voteCount: 2 });
    expect((await call('GET', `/posts/${post.id}`)).json.voteCount).toBe(2);
  });

  it('stores 4xx answers, refuses malformed keys, ignores keys on reads', async () => {
    const missing = await call('POST', `/posts/${MISSING}/votes`, { voter: OTHER, idempotencyKey: 'missing-post' });
    expect(missing.status).toBe(404);
    const again = await call('POST', `/posts/${MISSING}/votes`, { voter: OTHER, idempotencyKey: 'missing-post' });
    expect(again.status).toBe(404);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(missing.text);

    for (const key of ['', 'x'.repeat(256), 'tab\there', 'ünïcode']) {
      const bad = await app.request(`/api/v1/posts/${MISSING}/votes`, {
        method: 'POST',
        headers: { ...(await visitorHeaders(db, OTHER)), 'Idempotency-Key': key },
      });
      expect(bad.status, JSON.stringify(key)).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'invalid_input', details: { header: 'Idempotency-Key' } } });
    }
    expect((await call('POST', `/posts/${MISSING}/votes`, { voter: OTHER, idempotencyKey: 'k'.repeat(255) })).status).toBe(404);
    const read = await call('GET', '/boards', { idempotencyKey: '' });
    expect(read.status).toBe(200);
  });

  it('checks the body size before hashing it, and never stores a 413', async () => {
    const post = await newPost();
    const path = `/posts/${post.id}/comments`;
    const huge = await call('POST', path, { voter: OTHER, idempotencyKey: 'big-one', body: { body: 'x'.repeat(70 * 1024) } });
    expect(huge.status).toBe(413);
    const fine = await call('POST', path, { voter: OTHER, idempotencyKey: 'big-one', body: { body: 'Small now' } });
    expect(fine.status).toBe(201);
  });

  it('never stores a 429: the request was not executed', async () => {
    const limited = createApp({ db, rateLimit: { max: 1, windowMs: 60_000 } });
    const post = await newPost();
    const vote = async (key: string) =>
      limited.request(`/api/v1/posts/${post.id}/votes`, {
        method: 'POST',
        headers: { ...(await visitorHeaders(db, 'idem-limited-01')), 'Idempotency-Key': key },
      });
    expect((await vote('limited-1')).status).toBe(200);
    expect((await vote('limited-2')).status).toBe(429);
    expect(await db.query(`SELECT 1 FROM idempotency_keys WHERE key = 'limited-2'`)).toEqual([]);
  });

  it('runs concurrent requests with one key once; the others get its answer', async () => {
    const post = await newPost();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call('POST', `/posts/${post.id}/comments`, { voter: OTHER, idempotencyKey: 'racing-key', body: { body: 'Only one' } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await commentsOf(post.id)).toBe(1);
  });

  it('forgets keys after 24 hours', async () => {
    const post = await newPost();
    const path = `/posts/${post.id}/comments`;
    expect((await call('POST', path, { voter: OTHER, idempotencyKey: 'old-key', body: { body: 'Yesterday' } })).status).toBe(201);
    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old-key'`);
    const fresh = await call('POST', path, { voter: OTHER, idempotencyKey: 'old-key', body: { body: 'Today' } });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(await commentsOf(post.id)).toBe(2);
  });

  it('prunes keys older than 24 hours', async () => {
    const post = await newPost();
    await call('POST', `/posts/${post.id}/votes`, { voter: OTHER, idempotencyKey: 'prune-me' });
    await call('POST', `/posts/${post.id}/votes`, { voter: OTHER, idempotencyKey: 'keep-me' });
    await db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'prune-me'`);
    expect(await pruneIdempotencyKeys(db)).toBeGreaterThanOrEqual(1);
    expect((await db.query(`SELECT key FROM idempotency_keys WHERE key IN ('prune-me', 'keep-me')`)).map((r) => r.key)).toEqual([
      'keep-me',
    ]);
  });

  it('takes over a claim whose request never answered (its process died)', async () => {
    const post = await newPost();
    const path = `/posts/${post.id}/comments`;
    expect((await call('POST', path, { voter: OTHER, idempotencyKey: 'orphan', body: { body: 'Maybe lost' } })).status).toBe(201);
    await db.query(
      `UPDATE idempotency_keys SET status = NULL, response_body = NULL, created_at = now() - interval '2 minutes' WHERE key = 'orphan'`,
    );
    const retry = await call('POST', path, { voter: OTHER, idempotencyKey: 'orphan', body: { body: 'Maybe lost' } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  describe('the middleware alone', () => {
    /** A route that fails with 500 on its first call and counts its runs; slow when asked. */
    function probe(waitMs?: number) {
      let runs = 0;
      const app = new Hono<{ Variables: { voter: string | null } }>();
      app.use('*', async (c, next) => {
        c.set('voter', c.req.header('X-Test-Caller') ?? null);
        await next();
      });
      app.use('*', idempotency(db, { waitMs }));
      app.onError((error, c) =>
        error instanceof SaysoError
          ? c.json({ error: { code: error.code, details: error.details } }, HTTP_STATUS_BY_ERROR_CODE[error.code] as 409)
          : c.json({ error: 'unexpected' }, 500),
      );
      app.post('/flaky', (c) => (++runs === 1 ? c.json({ error: 'down' }, 500) : c.json({ runs }, 200)));
      app.post('/secret', (c) => c.json({ secret: ++runs }, 201, { 'Cache-Control': 'no-store' }));
      app.post('/slow', async (c) => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 600));
        return c.json({ runs });
      });
      const send = (path: string, key: string) =>
        app.request(path, { method: 'POST', headers: { 'X-Test-Caller': `probe-${engine}`, 'Idempotency-Key': key } });
      return { send, runs: () => runs };
    }

    it('does not store a 5xx: the retry runs again', async () => {
      const { send, runs } = probe();
      expect((await send('/flaky', `flaky-${engine}`)).status).toBe(500);
      const retry = await send('/flaky', `flaky-${engine}`);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ runs: 2 });
      const replay = await send('/flaky', `flaky-${engine}`);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(runs()).toBe(2);
    });

    it('never stores an answer marked Cache-Control: no-store (a secret)', async () => {
      const { send, runs } = probe();
      expect(await (await send('/secret', `secret-${engine}`)).json()).toEqual({ secret: 1 });
      expect(await (await send('/secret', `secret-${engine}`)).json()).toEqual({ secret: 2 });
      expect(runs()).toBe(2);
      expect(await db.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [`secret-${engine}`])).toEqual([]);
    });

    it('answers 409 with Retry-After when the first request outlasts the wait', async () => {
      const { send, runs } = probe(100);
      const [first, second] = await Promise.all([
        send('/slow', `slow-${engine}`),
        new Promise((resolve) => setTimeout(resolve, 50)).then(() => send('/slow', `slow-${engine}`)),
      ]);
      expect(first.status).toBe(200);
      expect(second.status).toBe(409);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await second.json()).toMatchObject({ error: { code: 'conflict', details: { retryAfterSeconds: 1 } } });
      expect(runs()).toBe(1);
    });
  });
});
