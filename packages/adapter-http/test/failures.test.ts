import { SaysoError } from '@sayso/core';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/index.js';

// msw stands in for a server that fails in ways the real one cannot be made to.
const base = 'https://feedback.test';
const POST_ID = '6f1c3c8e-8f6a-4d7e-9a57-3f9e3c2a1b00';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const adapter = createHttpAdapter({ baseUrl: base, voterId: 'failure-voter-1' });

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

  it('sends the voter id, the JSON body and the query', async () => {
    let seen: { voter: string | null; body: unknown; url: string } | undefined;
    mock.use(
      http.post(`${base}/api/v1/boards/:board/posts`, async ({ request }) => {
        seen = { voter: request.headers.get('x-sayso-voter'), body: await request.json(), url: request.url };
        return HttpResponse.json({ id: POST_ID }, { status: 201 });
      }),
      http.get(`${base}/api/v1/boards/:board/posts`, ({ request }) => {
        seen = { voter: request.headers.get('x-sayso-voter'), body: null, url: request.url };
        return HttpResponse.json({ items: [], nextCursor: null });
      }),
    );
    let calls = 0;
    const dynamic = createHttpAdapter({ baseUrl: `${base}/`, voterId: () => `dynamic-voter-${++calls}` });
    await dynamic.createPost({ board: 'a b', title: 'Hello', body: 'World' });
    expect(seen).toEqual({ voter: 'dynamic-voter-1', body: { title: 'Hello', body: 'World' }, url: `${base}/api/v1/boards/a%20b/posts` });
    await dynamic.listPosts({ board: 'demo', sort: 'new', cursor: 'o2', limit: 5 });
    expect(seen!.voter).toBe('dynamic-voter-2');
    expect(new URL(seen!.url).search).toBe('?sort=new&cursor=o2&limit=5');
  });
});

describe('http adapter base URLs', () => {
  it('accepts a base relative to the page, with or without /api/v1', async () => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json([]);
    };
    await createHttpAdapter({ baseUrl: '', voterId: 'relative-voter', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: '/api/v1', voterId: 'relative-voter', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: '/feedback/', voterId: 'relative-voter', fetch: fakeFetch }).listBoards();
    await createHttpAdapter({ baseUrl: 'https://x.test/api/v1/', voterId: 'relative-voter', fetch: fakeFetch }).listBoards();
    expect(seen).toEqual(['/api/v1/boards', '/api/v1/boards', '/feedback/api/v1/boards', 'https://x.test/api/v1/boards']);
  });
});
