import { LIMITS, type Board, type Comment, type Page, type Post, type VoteResult } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { apiClient } from './support/api-client.js';
import { visitorHeaders } from './support/visitors.js';
import { signVisitorToken } from '../src/identity/tokens.js';

const databases = testDatabases();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';
const ALICE = 'voter-alice-0001';
const BOB = 'voter-bob-000002';

describe.each(ENGINES)('REST API on %s', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    app = createApp({ db });
    call = apiClient(app, db);
  });


  async function expectError(
    request: Promise<{ status: number; json: any; headers: Headers }>,
    status: number,
    code: string,
  ) {
    const response = await request;
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.json).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(Object.keys(response.json.error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
    return response.json.error as { code: string; message: string; details?: Record<string, unknown> };
  }

  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-board-${++boards}`, name: 'Test board' })).slug;

  const newPost = async (board: string, title = 'Dark mode', voter = ALICE) => {
    const response = await call('POST', `/boards/${board}/posts`, { voter, body: { title, body: '' } });
    expect(response.status).toBe(201);
    return response.json as Post;
  };

  describe('boards', () => {
    it('lists boards with their ordered workflows', async () => {
      const slug = await freshBoard();
      const response = await call('GET', '/boards');
      expect(response.status).toBe(200);
      const board = (response.json as Board[]).find((b) => b.slug === slug);
      expect(board).toEqual({
        slug,
        name: 'Test board',
        description: '',
        anonymous: 'votes-and-posts',
        statuses: [
          { id: 'open', name: 'Open', kind: 'open', position: 0 },
          { id: 'under-review', name: 'Under review', kind: 'open', position: 1 },
          { id: 'planned', name: 'Planned', kind: 'active', position: 2 },
          { id: 'in-progress', name: 'In progress', kind: 'active', position: 3 },
          { id: 'shipped', name: 'Shipped', kind: 'done', position: 4 },
          { id: 'declined', name: 'Declined', kind: 'declined', position: 5 },
          { id: 'merged', name: 'Merged', kind: 'duplicate', position: 6 },
        ],
      });
    });

    it('answers an unknown board with 404 not_found', async () => {
      await expectError(call('GET', '/boards/nope/posts'), 404, 'not_found');
      await expectError(call('POST', '/boards/nope/posts', { voter: ALICE, body: { title: 'A title', body: '' } }), 404, 'not_found');
    });
  });

  describe('posts', () => {
    it('creates a post with the author\'s vote, in the first open status', async () => {
      const board = await freshBoard();
      const response = await call('POST', `/boards/${board}/posts`, {
        voter: ALICE,
        body: { title: '  Offline mode  ', body: 'Needed on **trains**.\n' },
      });
      expect(response.status).toBe(201);
      const post = response.json as Post;
      expect(post).toEqual({
        id: expect.stringMatching(UUID),
        board,
        title: 'Offline mode',
        body: 'Needed on **trains**.\n',
        status: 'open',
        voteCount: 1,
        peopleCount: 1,
        commentCount: 0,
        voted: true,
        author: { id: expect.stringMatching(UUID), name: null },
        tags: [],
        createdAt: expect.any(String),
        editedAt: null,
        shippedAt: null,
        mergedInto: null,
        mergedFrom: null,
      });
      expect(new Date(post.createdAt).toISOString()).toBe(post.createdAt);
      expect((await call('GET', `/posts/${post.id}`, { voter: ALICE })).json).toEqual(post);
      const asBob = await call('GET', `/posts/${post.id}`, { voter: BOB });
      expect(asBob.json).toEqual({ ...post, voted: false });
      expect(asBob.text).not.toContain(ALICE);
      expect((await call('GET', `/posts/${post.id}`)).json).toMatchObject({ voted: false, voteCount: 1 });
    });

    it('accepts a missing body as empty and records the creation event', async () => {
      const board = await freshBoard();
      const response = await call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'No details' } });
      expect(response.status).toBe(201);
      expect(response.json.body).toBe('');
      const events = await db.query<{ kind: string; to_status: string }>(
        'SELECT kind, to_status FROM post_events WHERE post_id = $1',
        [response.json.id],
      );
      expect(events).toEqual([{ kind: 'created', to_status: 'open' }]);
    });

    it('uses the same author id for the same visitor and never exposes the voter key', async () => {
      const board = await freshBoard();
      const one = await newPost(board, 'First one');
      const two = await newPost(board, 'Second one');
      expect(one.author.id).toBe(two.author.id);
      const list = await call('GET', `/boards/${board}/posts`, { voter: BOB });
      expect(list.text).not.toContain(ALICE);
    });

    it('refuses invalid titles and bodies with 400 invalid_input and details', async () => {
      const board = await freshBoard();
      const short = await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: '  ab  ', body: '' } }), 400, 'invalid_input');
      expect(short.message).toMatch(/title/i);
      expect(short.details).toEqual({ problems: [{ field: 'title', message: expect.stringMatching(/at least 3/) }] });
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'x'.repeat(LIMITS.titleMax + 1), body: '' } }), 400, 'invalid_input');
      const long = await expectError(
        call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Fine title', body: 'x'.repeat(LIMITS.bodyMax + 1) } }),
        400,
        'invalid_input',
      );
      expect(long.details).toEqual({ problems: [{ field: 'body', message: expect.any(String) }] });
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 42, body: '' } }), 400, 'invalid_input');
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { body: 'no title' } }), 400, 'invalid_input');
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: ['Fine title'] }), 400, 'invalid_input');
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: 'null' }), 400, 'invalid_input');
      expect((await call('GET', `/boards/${board}/posts`)).json).toEqual({ items: [], nextCursor: null });
    });

    it('refuses text PostgreSQL cannot store with 400, in bodies and in the path', async () => {
      const board = await freshBoard();
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Nul \u0000 inside', body: '' } }), 400, 'invalid_input');
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Fine', body: 'a\u0000b' } }), 400, 'invalid_input');
      await expectError(call('GET', '/boards/a%00b/posts'), 400, 'invalid_input');
      await expectError(call('POST', '/boards/a%00b/posts', { voter: ALICE, body: { title: 'Fine title', body: '' } }), 400, 'invalid_input');
    });

    it('accepts a title of exactly the limits after trimming', async () => {
      const board = await freshBoard();
      expect((await newPost(board, `  ${'y'.repeat(LIMITS.titleMax)}  `)).title).toBe('y'.repeat(LIMITS.titleMax));
      expect((await newPost(board, ' abc ')).title).toBe('abc');
    });

    it('refuses malformed JSON with 400 and an oversize body with 413, both invalid_input', async () => {
      const board = await freshBoard();
      const malformed = await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: '{"title": "x",' }), 400, 'invalid_input');
      expect(malformed.message).toMatch(/JSON/);
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: '' }), 400, 'invalid_input');
      const huge = JSON.stringify({ title: 'Too big', body: 'x'.repeat(70_000) });
      await expectError(call('POST', `/boards/${board}/posts`, { voter: ALICE, body: huge }), 413, 'invalid_input');
    });

    it('refuses writes without a valid voter id with 401 unauthorized', async () => {
      const board = await freshBoard();
      const body = { title: 'Anonymous idea', body: '' };
      await expectError(call('POST', `/boards/${board}/posts`, { body }), 401, 'unauthorized');
      // An unsigned id, garbage, or a token signed with another secret is no identity.
      const forged = await signVisitorToken('voter-alice-0001', new Uint8Array(32).fill(7));
      for (const token of ['voter-alice-0001', 'has spaces in it', 'x'.repeat(129), 'a.b.c', forged]) {
        await expectError(call('POST', `/boards/${board}/posts`, { headers: { 'X-Sayso-Visitor': token }, body }), 401, 'unauthorized');
      }
      expect((await call('GET', `/boards/${board}/posts`)).json.items).toEqual([]);
    });

    it('answers a malformed or unknown post id with 404 not_found, never 500', async () => {
      await expectError(call('GET', `/posts/${MISSING}`), 404, 'not_found');
      await expectError(call('GET', '/posts/not-a-uuid'), 404, 'not_found');
      await expectError(call('GET', "/posts/1'%3B%20DROP%20TABLE%20posts"), 404, 'not_found');
      await expectError(call('POST', '/posts/12345/votes', { voter: ALICE }), 404, 'not_found');
      await expectError(call('DELETE', '/posts/zzz/votes', { voter: ALICE }), 404, 'not_found');
      await expectError(call('GET', '/posts/zzz/comments'), 404, 'not_found');
      await expectError(call('POST', '/posts/zzz/comments', { voter: ALICE, body: { body: 'hi' } }), 404, 'not_found');
    });

    it('refuses a post on a board with no open status with 409 conflict', async () => {
      const { slug } = await createBoard(db, {
        slug: `${engine}-closed`,
        statuses: [{ id: 'done', name: 'Done', kind: 'done', position: 0 }],
      });
      await expectError(call('POST', `/boards/${slug}/posts`, { voter: ALICE, body: { title: 'Too late', body: '' } }), 409, 'conflict');
    });
  });

  describe('votes', () => {
    it('votes and unvotes idempotently, answering a VoteResult', async () => {
      const board = await freshBoard();
      const post = await newPost(board);
      const vote = () => call('POST', `/posts/${post.id}/votes`, { voter: BOB });
      const unvote = () => call('DELETE', `/posts/${post.id}/votes`, { voter: BOB });
      const expected = (voted: boolean, voteCount: number): VoteResult => ({ postId: post.id, voted, voteCount, peopleCount: voteCount });
      expect((await vote()).json).toEqual(expected(true, 2));
      expect((await vote()).json).toEqual(expected(true, 2));
      expect((await call('GET', `/posts/${post.id}`, { voter: BOB })).json).toMatchObject({ voted: true, voteCount: 2 });
      expect((await unvote()).json).toEqual(expected(false, 1));
      expect((await unvote()).json).toEqual(expected(false, 1));
      expect((await call('DELETE', `/posts/${post.id}/votes`, { voter: 'never-wrote-before' })).json).toEqual(expected(false, 1));
      expect((await call('DELETE', `/posts/${post.id}/votes`, { voter: ALICE })).json).toEqual(expected(false, 0));
      const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [post.id]);
      expect(count!.n).toBe(0);
    });

    it('refuses votes on unknown posts and votes without a voter', async () => {
      await expectError(call('POST', `/posts/${MISSING}/votes`, { voter: BOB }), 404, 'not_found');
      await expectError(call('DELETE', `/posts/${MISSING}/votes`, { voter: BOB }), 404, 'not_found');
      const post = await newPost(await freshBoard());
      await expectError(call('POST', `/posts/${post.id}/votes`), 401, 'unauthorized');
      await expectError(call('DELETE', `/posts/${post.id}/votes`), 401, 'unauthorized');
    });
  });

  describe('sorting and pages', () => {
    it('orders by top, new and trending with deterministic ties', async () => {
      const board = await freshBoard();
      const first = await newPost(board, 'First idea');
      const second = await newPost(board, 'Second idea');
      const third = await newPost(board, 'Third idea');
      await call('POST', `/posts/${first.id}/votes`, { voter: BOB });
      await call('POST', `/posts/${first.id}/votes`, { voter: 'voter-carol-003' });
      await call('POST', `/posts/${third.id}/votes`, { voter: BOB });
      const list = async (sort?: string) =>
        ((await call('GET', `/boards/${board}/posts${sort ? `?sort=${sort}` : ''}`, { voter: BOB })).json as Page<Post>).items;
      expect((await list('top')).map((p) => p.title)).toEqual(['First idea', 'Third idea', 'Second idea']);
      expect((await list()).map((p) => p.title)).toEqual(['First idea', 'Third idea', 'Second idea']);
      expect((await list('top')).map((p) => p.voted)).toEqual([true, true, false]);
      expect((await list('new')).map((p) => p.id)).toEqual([third.id, second.id, first.id]);
      // Same age, so trending follows the votes.
      expect((await list('trending')).map((p) => p.id)).toEqual([first.id, third.id, second.id]);
    });

    it('ranks a fresh idea above an old one with more votes in trending', async () => {
      const board = await freshBoard();
      const old = await newPost(board, 'Old and loved');
      const fresh = await newPost(board, 'Fresh');
      for (const n of [1, 2, 3]) await call('POST', `/posts/${old.id}/votes`, { voter: `old-voter-${n}` });
      await db.query(`UPDATE posts SET created_at = now() - interval '30 days' WHERE id = $1`, [old.id]);
      const trending = (await call('GET', `/boards/${board}/posts?sort=trending`)).json as Page<Post>;
      expect(trending.items.map((p) => p.id)).toEqual([fresh.id, old.id]);
      const top = (await call('GET', `/boards/${board}/posts?sort=top`)).json as Page<Post>;
      expect(top.items.map((p) => p.id)).toEqual([old.id, fresh.id]);
    });

    it('pages top and trending with offset cursors and new with keyset cursors, each post exactly once', async () => {
      const board = await freshBoard();
      const ids: string[] = [];
      for (let n = 1; n <= 5; n++) ids.push((await newPost(board, `Idea ${n}`)).id);
      for (const sort of ['top', 'new', 'trending']) {
        const seen: string[] = [];
        const cursors: Array<string | null> = [];
        let cursor: string | null = null;
        do {
          const query: string = `?sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = (await call('GET', `/boards/${board}/posts${query}`)).json as Page<Post>;
          seen.push(...page.items.map((p) => p.id));
          cursor = page.nextCursor;
          cursors.push(cursor);
        } while (cursor);
        if (sort === 'new') {
          expect(cursors).toEqual([expect.stringMatching(/^k/), expect.stringMatching(/^k/), null]);
        } else {
          expect(cursors).toEqual(['o2', 'o4', null]);
        }
        expect(seen.sort()).toEqual([...ids].sort());
      }
      expect((await call('GET', `/boards/${board}/posts?limit=5`)).json.nextCursor).toBeNull();
      expect((await call('GET', `/boards/${board}/posts?cursor=o9`)).json).toEqual({ items: [], nextCursor: null });
    });

    it('refuses a bad sort, limit or cursor with 400 invalid_input', async () => {
      const board = await freshBoard();
      for (const query of ['sort=hot', 'sort=', 'limit=0', 'limit=101', 'limit=abc', 'limit=2.5', 'limit=-1', 'cursor=nope', 'cursor=o!']) {
        const error = await expectError(call('GET', `/boards/${board}/posts?${query}`), 400, 'invalid_input');
        expect(error.details).toEqual({ problems: [expect.objectContaining({ field: query.split('=')[0] })] });
      }
      expect((await call('GET', `/boards/${board}/posts?limit=100`)).status).toBe(200);
    });
  });

  describe('comments', () => {
    it('adds trimmed comments, lists them oldest first in pages and counts them', async () => {
      const post = await newPost(await freshBoard());
      const one = await call('POST', `/posts/${post.id}/comments`, { voter: BOB, body: { body: '  Yes please  ' } });
      expect(one.status).toBe(201);
      expect(one.json).toEqual({
        id: expect.stringMatching(UUID),
        postId: post.id,
        body: 'Yes please',
        author: { id: expect.stringMatching(UUID), name: null },
        createdAt: expect.any(String),
        editedAt: null,
        mergedFrom: null,
      } satisfies Comment);
      const two = (await call('POST', `/posts/${post.id}/comments`, { voter: ALICE, body: { body: 'Thanks!' } })).json as Comment;
      expect(two.author.id).toBe(post.author.id);
      const three = (await call('POST', `/posts/${post.id}/comments`, { voter: BOB, body: { body: 'x'.repeat(LIMITS.commentMax) } })).json as Comment;
      const first = (await call('GET', `/posts/${post.id}/comments?limit=2`)).json as Page<Comment>;
      expect(first.items.map((c) => c.id)).toEqual([one.json.id, two.id]);
      expect(first.nextCursor).toBe('o2');
      const rest = (await call('GET', `/posts/${post.id}/comments?limit=2&cursor=o2`)).json as Page<Comment>;
      expect(rest).toEqual({ items: [three], nextCursor: null });
      expect((await call('GET', `/posts/${post.id}`)).json.commentCount).toBe(3);
      expect((await call('GET', `/posts/${post.id}/comments`)).text).not.toContain(BOB);
    });

    it('refuses empty, too long or malformed comments, unknown posts and missing voters', async () => {
      const post = await newPost(await freshBoard());
      const path = `/posts/${post.id}/comments`;
      await expectError(call('POST', path, { voter: BOB, body: { body: '  \n ' } }), 400, 'invalid_input');
      await expectError(call('POST', path, { voter: BOB, body: { body: 'x'.repeat(LIMITS.commentMax + 1) } }), 400, 'invalid_input');
      await expectError(call('POST', path, { voter: BOB, body: { text: 'wrong field' } }), 400, 'invalid_input');
      await expectError(call('POST', path, { voter: BOB, body: '{oops' }), 400, 'invalid_input');
      await expectError(call('POST', path, { body: { body: 'hello' } }), 401, 'unauthorized');
      await expectError(call('POST', `/posts/${MISSING}/comments`, { voter: BOB, body: { body: 'hello' } }), 404, 'not_found');
      await expectError(call('GET', `/posts/${MISSING}/comments`), 404, 'not_found');
      await expectError(call('GET', `${path}?limit=0`), 400, 'invalid_input');
      await expectError(call('GET', `${path}?cursor=bad`), 400, 'invalid_input');
      expect((await call('GET', path)).json).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('protocol', () => {
    it('answers unknown routes and methods with 404 JSON', async () => {
      await expectError(call('GET', '/nothing-here'), 404, 'not_found');
      await expectError(call('PUT', '/boards'), 404, 'not_found');
      const outside = await app.request('/not-the-api');
      expect(outside.status).toBe(404);
      expect(await outside.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it('allows cross-origin calls with the voter header', async () => {
      const preflight = await app.request('/api/v1/boards/demo/posts', {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://customer.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, x-sayso-voter',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-sayso-visitor');
    });

    it('limits writes per visitor with 429 rate_limited and Retry-After', async () => {
      const limited = createApp({ db, rateLimit: { max: 2, windowMs: 60_000 } });
      const post = await newPost(await freshBoard());
      const vote = async (voter: string) =>
        limited.request(`/api/v1/posts/${post.id}/votes`, { method: 'POST', headers: { ...(await visitorHeaders(db, voter)) } });
      expect((await vote('limited-voter-1')).status).toBe(200);
      expect((await vote('limited-voter-1')).status).toBe(200);
      const refused = await vote('limited-voter-1');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toEqual({
        error: { code: 'rate_limited', message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } },
      });
      expect((await vote('limited-voter-2')).status).toBe(200);
      expect((await limited.request(`/api/v1/posts/${post.id}`)).status).toBe(200);
    });
  });
});
