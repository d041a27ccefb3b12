import { createBoard, migrate, openDatabase, startServer, type Database, type RunningServer } from '@sayso/server';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage, visitorStorage } from './storage.js';

const base = 'https://feedback.test';
const POST_ID = '6f1c3c8e-8f6a-4d7e-9a57-3f9e3c2a1b00';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('http adapter: Idempotency-Key and one retry on a lost connection', () => {
  // msw stands in for a flaky network; the real server is tested further down.
  const mock = setupServer();
  beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.resetHandlers());
  afterAll(() => mock.close());
  const adapter = createHttpAdapter({ baseUrl: base, visitorStorage: memoryStorage('retry.visitor.token') });

  it('retries a change once when no answer came, with the same key', async () => {
    const keys: Array<string | null> = [];
    mock.use(
      http.post(`${base}/api/v1/posts/:id/votes`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return keys.length === 1 ? HttpResponse.error() : HttpResponse.json({ postId: POST_ID, voted: true, voteCount: 3 });
      }),
    );
    await expect(adapter.vote({ postId: POST_ID })).resolves.toEqual({ postId: POST_ID, voted: true, voteCount: 3 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
  });

  it('gives every change its own key, sends the body again, and no key on reads', async () => {
    const seen: Array<{ method: string; key: string | null; body: string }> = [];
    const record = async ({ request }: { request: Request }) => {
      seen.push({ method: request.method, key: request.headers.get('idempotency-key'), body: await request.text() });
      return seen.length === 1 ? HttpResponse.error() : HttpResponse.json({ ok: true }, { status: 201 });
    };
    mock.use(
      http.post(`${base}/api/v1/posts/:id/comments`, record),
      http.delete(`${base}/api/v1/posts/:id/votes`, record),
      http.get(`${base}/api/v1/boards`, record),
    );
    await adapter.addComment({ postId: POST_ID, body: 'Hello' });
    await adapter.unvote({ postId: POST_ID });
    await adapter.listBoards();
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST', 'DELETE', 'GET']);
    expect(seen[1]!.key).toBe(seen[0]!.key);
    expect(seen[1]!.body).toBe(JSON.stringify({ body: 'Hello' }));
    expect(seen[2]!.key).toMatch(UUID);
    expect(seen[2]!.key).not.toBe(seen[0]!.key);
    expect(seen[3]!.key).toBeNull();
  });

  it('sends a key the caller chose as the header, never in the body', async () => {
    const seen: Array<{ key: string | null; body: string }> = [];
    const record = async ({ request }: { request: Request }) => {
      seen.push({ key: request.headers.get('idempotency-key'), body: await request.text() });
      return HttpResponse.json({ ok: true }, { status: 201 });
    };
    mock.use(
      http.post(`${base}/api/v1/boards/:board/posts`, record),
      http.post(`${base}/api/v1/posts/:id/votes`, record),
      http.delete(`${base}/api/v1/posts/:id/votes`, record),
    );
    await adapter.createPost({ board: 'demo', title: 'Kept offline', body: 'Sent later', idempotencyKey: 'outbox-1' });
    await adapter.vote({ postId: POST_ID, idempotencyKey: 'outbox-2' });
    await adapter.unvote({ postId: POST_ID, idempotencyKey: 'outbox-3' });
    expect(seen).toEqual([
      { key: 'outbox-1', body: JSON.stringify({ title: 'Kept offline', body: 'Sent later' }) },
      { key: 'outbox-2', body: '' },
      { key: 'outbox-3', body: '' },
    ]);
  });

  it('gives up with network after the one retry; reads and HTTP errors are not retried', async () => {
    let writes = 0;
    let reads = 0;
    let failures = 0;
    mock.use(
      http.post(`${base}/api/v1/posts/:id/votes`, () => (writes++, HttpResponse.error())),
      http.get(`${base}/api/v1/boards`, () => (reads++, HttpResponse.error())),
      http.delete(`${base}/api/v1/posts/:id/votes`, () => (failures++, new HttpResponse(null, { status: 503 }))),
    );
    await expect(adapter.vote({ postId: POST_ID })).rejects.toMatchObject({ code: 'network' });
    await expect(adapter.listBoards()).rejects.toMatchObject({ code: 'network' });
    await expect(adapter.unvote({ postId: POST_ID })).rejects.toMatchObject({ code: 'server' });
    expect([writes, reads, failures]).toEqual([2, 1, 1]);
  });

  it('maps a 422 idempotency_conflict from the body', async () => {
    mock.use(
      http.post(`${base}/api/v1/posts/:id/votes`, () =>
        HttpResponse.json({ error: { code: 'idempotency_conflict', message: 'Key reused.' } }, { status: 422 }),
      ),
    );
    await expect(adapter.vote({ postId: POST_ID })).rejects.toMatchObject({ code: 'idempotency_conflict', retryable: false });
  });
});

describe('http adapter against the real server when an answer is lost', () => {
  let db: Database;
  let server: RunningServer;
  beforeAll(async () => {
    db = await openDatabase();
    await migrate(db);
    await createBoard(db, { slug: 'lossy' });
    server = await startServer({ port: 0, hostname: '127.0.0.1', db });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  /** A fetch whose first change reaches the server, which acts on it, but whose answer is lost. */
  function losingFirstAnswer() {
    let lost = 0;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method && init.method !== 'GET' && lost === 0) {
        lost++;
        await response.body?.cancel();
        throw new TypeError('fetch failed: connection reset');
      }
      return response;
    };
    return lossy;
  }

  it('neither doubles nor loses a post, a comment or a vote', async () => {
    const author = createHttpAdapter({ baseUrl: server.url, visitorStorage: await visitorStorage(server.url), fetch: losingFirstAnswer() });
    const post = await author.createPost({ board: 'lossy', title: 'Sent over a flaky line', body: '' });
    const listed = await author.listPosts({ board: 'lossy' });
    expect(listed.items.map((p) => p.id)).toEqual([post.id]);

    const commenter = createHttpAdapter({ baseUrl: server.url, visitorStorage: await visitorStorage(server.url), fetch: losingFirstAnswer() });
    const comment = await commenter.addComment({ postId: post.id, body: 'Only once, please' });
    expect((await commenter.listComments({ postId: post.id })).items.map((c) => c.id)).toEqual([comment.id]);

    const voter = createHttpAdapter({ baseUrl: server.url, visitorStorage: await visitorStorage(server.url), fetch: losingFirstAnswer() });
    expect(await voter.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
    expect((await voter.getPost({ postId: post.id })).voteCount).toBe(2);
  });
});
