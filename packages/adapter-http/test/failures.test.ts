import { SaysoError } from '@sayso/core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage } from './storage.js';

// msw stands in for a server that fails in ways the real one cannot be made to.
const base = 'https://feedback.test';
const POST_ID = '6f1c3c8e-8f6a-4d7e-9a57-3f9e3c2a1b00';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const adapter = createHttpAdapter({ baseUrl: base, visitorStorage: memoryStorage('failure.visitor.token') });

async function failure(promise: Promise<unknown>): Promise<SaysoError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SaysoError);
  return error as SaysoError;
}

describe('http adapter failures', () => {
  it('turns a network error into network, retryable', async () => {
    mock.use(http.get(`${base}/api/v1/boards`, () => HttpResponse.error()));
    const error = await failure(adapter.listBoards());
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('turns a 500 with an HTML body into server', async () => {
    mock.use(
      http.get(`${base}/api/v1/posts/${POST_ID}`, () =>
        HttpResponse.html('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 500 }),
      ),
    );
    const error = await failure(adapter.getPost({ postId: POST_ID }));
    expect(error.code).toBe('server');
    expect(error.message).toMatch(/500/);
    expect(error.retryable).toBe(true);
  });

  it('turns a 429 with Retry-After into rate_limited with retryAfterSeconds', async () => {
    mock.use(
      http.post(`${base}/api/v1/posts/${POST_ID}/votes`, () =>
        new HttpResponse('Slow down', { status: 429, headers: { 'Retry-After': '17' } }),
      ),
    );
    const error = await failure(adapter.vote({ postId: POST_ID }));
    expect(error.code).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBe(17);
  });

  it('keeps the server\'s code and message from a JSON error body', async () => {
    mock.use(
      http.get(`${base}/api/v1/boards/gone/posts`, () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'There is no board "gone".' } }, { status: 404 }),
      ),
    );
    const error = await failure(adapter.listPosts({ board: 'gone' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('There is no board "gone".');
  });

  it('maps statuses without a JSON body', async () => {
    const cases: Array<[number, string]> = [
      [400, 'invalid_input'],
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [409, 'conflict'],
      [413, 'invalid_input'],
      [422, 'invalid_input'],
      [503, 'server'],
    ];
    for (const [status, code] of cases) {
      mock.use(http.get(`${base}/api/v1/boards`, () => new HttpResponse(null, { status })));
      expect((await failure(adapter.listBoards())).code).toBe(code);
    }
  });

  it('turns a 200 that is not JSON into server', async () => {
    mock.use(http.get(`${base}/api/v1/boards`, () => HttpResponse.text('<html>captive portal</html>')));
    expect((await failure(adapter.listBoards())).code).toBe('server');
  });

  it('sends the host token, the JSON body and the query', async () => {
    let seen: { auth: string | null; visitor: string | null; body: unknown; url: string } | undefined;
    mock.use(
      http.post(`${base}/api/v1/boards/:board/posts`, async ({ request }) => {
        seen = { auth: request.headers.get('authorization'), visitor: request.headers.get('x-sayso-visitor'), body: await request.json(), url: request.url };
        return HttpResponse.json({ id: POST_ID }, { status: 201 });
      }),
      http.get(`${base}/api/v1/boards/:board/posts`, ({ request }) => {
        seen = { auth: request.headers.get('authorization'), visitor: request.headers.get('x-sayso-visitor'), body: null, url: request.url };
        return HttpResponse.json({ items: [], nextCursor: null });
      }),
    );
    let calls = 0;
    const signedIn = createHttpAdapter({ baseUrl: `${base}/`, getToken: () => `host.token.${++calls}` });
    await signedIn.createPost({ board: 'a b', title: 'Hello', body: 'World' });
    expect(seen).toEqual({ auth: 'Bearer host.token.1', visitor: null, body: { title: 'Hello', body: 'World' }, url: `${base}/api/v1/boards/a%20b/posts` });
    await signedIn.listPosts({ board: 'demo', sort: 'new', cursor: 'o2', limit: 5 });
    expect(seen!.auth).toBe('Bearer host.token.1');
    expect(calls).toBe(1);
    expect(new URL(seen!.url).search).toBe('?sort=new&cursor=o2&limit=5');
  });

  it('fetches a new visitor token once when the server no longer knows the stored one', async () => {
    const storage = memoryStorage('old.visitor.token');
    let issued = 0;
    mock.use(
      http.post(`${base}/api/v1/visitors`, () => HttpResponse.json({ visitorToken: `new.visitor.t${++issued}` }, { status: 201 })),
      http.post(`${base}/api/v1/posts/:id/votes`, ({ request }) =>
        request.headers.get('x-sayso-visitor') === 'old.visitor.token'
          ? HttpResponse.json({ error: { code: 'unauthorized', message: 'Unknown token.', details: { credential: 'visitor_token' } } }, { status: 401 })
          : HttpResponse.json({ postId: POST_ID, voted: true, voteCount: 1 }),
      ),
    );
    const visitor = createHttpAdapter({ baseUrl: base, visitorStorage: storage });
    expect(await visitor.vote({ postId: POST_ID })).toMatchObject({ voted: true });
    expect(issued).toBe(1);
    expect(storage.data.get('sayso:visitor-token')).toBe('new.visitor.t1');
  });

  it('does not renew the visitor token when a board policy refuses the visitor', async () => {
    let issued = 0;
    mock.use(
      http.post(`${base}/api/v1/visitors`, () => HttpResponse.json({ visitorToken: `new.visitor.t${++issued}` }, { status: 201 })),
      http.post(`${base}/api/v1/posts/:id/votes`, () =>
        HttpResponse.json({ error: { code: 'unauthorized', message: 'Sign-in is required.', details: { policy: 'off' } } }, { status: 401 }),
      ),
    );
    const visitor = createHttpAdapter({ baseUrl: base, visitorStorage: memoryStorage('kept.visitor.token') });
    expect((await failure(visitor.vote({ postId: POST_ID }))).code).toBe('unauthorized');
    expect(issued).toBe(0);
  });
});

describe('http adapter base URLs', () => {
  it('accepts a base relative to the page, with or without /api/v1', async () => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json([]);
    };
    await createHttpAdapter({ baseUrl: '', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: '/api/v1', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: '/feedback/', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: 'https://x.test/api/v1/', fetch: fakeFetch }).listBoards();
    expect(seen).toEqual(['/api/v1/boards', '/api/v1/boards', '/feedback/api/v1/boards', 'https://x.test/api/v1/boards']);
  });
});
