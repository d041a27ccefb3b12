import type { NotificationPage, Post } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../src/db/migrate.js';
import { insertBoard } from '../src/db/boards.js';
import { notificationPageSchema, postPageSchema, postSchema, unreadCountSchema } from '../src/schemas.js';
import { expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'notifications-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };

describe.each(ENGINES)('notifications on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'notify' });

  const newPost = async (board: string, voter: string, title = 'Dark mode') => {
    const response = await call('POST', `/boards/${board}/posts`, { voter, body: { title } });
    expect(response.status).toBe(201);
    return response.json as Post;
  };

  /** The caller's notifications, checked against the documented schema. */
  const notificationsOf = async (options: CallOptions, query = '') => {
    const response = await call('GET', `/notifications${query}`, options);
    expect(response.status).toBe(200);
    expect(notificationPageSchema.safeParse(response.json).error).toBeUndefined();
    return response.json as NotificationPage;
  };

  const setStatus = async (postId: string, status: string) => {
    const response = await call('PATCH', `/posts/${postId}`, { ...admin, body: { status } });
    expect(response.status).toBe(200);
    expect(postSchema.safeParse(response.json).error).toBeUndefined();
    return response.json as Post;
  };

  it('tells each of 200 voters, and the author, exactly once when the idea ships', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const post = await newPost(board, author);
    const voters = Array.from({ length: 200 }, (_, n) => someone(`voter-${n}`));
    for (const voter of voters) expect((await call('POST', `/posts/${post.id}/votes`, { voter })).status).toBe(200);

    await setStatus(post.id, 'planned');
    const shipped = await setStatus(post.id, 'shipped');
    expect(Date.parse(shipped.shippedAt!)).not.toBeNaN();
    // The same status again is no event, and nobody hears twice.
    await setStatus(post.id, 'shipped');

    const perRecipient = await db().query<{ key: string; n: number }>(
      `SELECT u.key, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_id
        WHERE n.post_id = $1 GROUP BY u.key`,
      [post.id],
    );
    expect(perRecipient).toHaveLength(201);
    expect(perRecipient.every((row) => row.n === 1)).toBe(true);
    expect(perRecipient.map((row) => row.key).sort()).toEqual([author, ...voters].map((name) => `visitor:${name}`).sort());

    for (const voter of [author, voters[0]!, voters[199]!]) {
      const page = await notificationsOf({ voter });
      expect(page).toEqual({
        items: [
          {
            id: expect.any(String),
            kind: 'shipped',
            post: { id: post.id, board, title: 'Dark mode' },
            comment: null,
            mergedFrom: null,
            changelog: null,
            status: { id: 'shipped', name: 'Shipped' },
            note: null,
            backlogItem: null,
            createdAt: expect.any(String),
            readAt: null,
          },
        ],
        nextCursor: null,
        unreadCount: 1,
      });
    }
    // The admin who shipped it is told nothing.
    expect(await notificationsOf(admin)).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('never shows or changes one visitor\'s notifications for another', async () => {
    const board = await freshBoard();
    const [a, b, stranger] = [someone('a'), someone('b'), someone('stranger')];
    const ofA = await newPost(board, a, 'Idea of A');
    const ofB = await newPost(board, b, 'Idea of B');
    await call('POST', `/posts/${ofA.id}/comments`, { voter: b, body: { body: 'B replies to A' } });
    await call('POST', `/posts/${ofB.id}/comments`, { voter: a, body: { body: 'A replies to B' } });
    await call('POST', `/posts/${ofB.id}/comments`, { voter: stranger, body: { body: 'Stranger replies to B' } });

    const pageA = await notificationsOf({ voter: a });
    const pageB = await notificationsOf({ voter: b });
    expect(pageA.items.map((n) => n.post?.title)).toEqual(['Idea of B', 'Idea of A']);
    // B hears of both replies under B's idea; A, who replied there first, of the stranger's too.
    expect(pageB.items.map((n) => n.post?.title)).toEqual(['Idea of B', 'Idea of B']);
    expect(pageB.items[0]!.comment!.author.id).not.toContain(stranger);
    const idsOfA = new Set(pageA.items.map((n) => n.id));
    expect(pageB.items.some((n) => idsOfA.has(n.id))).toBe(false);

    // B names A's notifications: nothing happens to them, and B learns nothing.
    const byB = await call('POST', '/notifications/read', { voter: b, body: { ids: [...idsOfA] } });
    expect(byB.status).toBe(200);
    expect(unreadCountSchema.safeParse(byB.json).error).toBeUndefined();
    expect(byB.json).toEqual({ unreadCount: 2 });
    expect((await notificationsOf({ voter: a })).unreadCount).toBe(2);
    expect((await call('POST', '/notifications/read', { voter: b, body: { all: true } })).json).toEqual({ unreadCount: 0 });
    expect((await notificationsOf({ voter: a })).items.every((n) => n.readAt === null)).toBe(true);

    // Nobody, and a visitor who never did anything, have none; a forged token is refused.
    expect(await notificationsOf({})).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect(await notificationsOf({ voter: someone('newcomer') })).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    await expectError(call('GET', '/notifications', { headers: { 'X-Sayso-Visitor': 'forged.token.value' } }), 401, 'unauthorized');
    expect((await call('POST', '/notifications/read', { body: { all: true } })).json).toEqual({ unreadCount: 0 });
  });

  it('pages by keyset, marks read by id, and refuses bad input with 400', async () => {
    const board = await freshBoard();
    const [author, replier] = [someone('author'), someone('replier')];
    const posts: Post[] = [];
    for (let n = 1; n <= 3; n++) posts.push(await newPost(board, author, `Idea number ${n}`));
    for (const post of posts) await call('POST', `/posts/${post.id}/comments`, { voter: replier, body: { body: 'Me too' } });

    const first = await notificationsOf({ voter: author }, '?limit=2');
    expect(first.items.map((n) => n.post?.title)).toEqual(['Idea number 3', 'Idea number 2']);
    // A reply between the pages does not shift the walk.
    await call('POST', `/posts/${posts[0]!.id}/comments`, { voter: replier, body: { body: 'Again' } });
    const second = await notificationsOf({ voter: author }, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.post?.title)).toEqual(['Idea number 1']);
    expect(second).toMatchObject({ nextCursor: null, unreadCount: 4 });

    const marked = await call('POST', '/notifications/read', {
      voter: author,
      body: { ids: [first.items[0]!.id, 'not-an-id', '00000000-0000-4000-8000-000000000000'] },
    });
    expect(marked.json).toEqual({ unreadCount: 3 });

    await expectError(call('GET', '/notifications?cursor=o2', { voter: author }), 400, 'invalid_input');
    await expectError(call('GET', '/notifications?limit=0', { voter: author }), 400, 'invalid_input');
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ['x'], all: true }, { ids: 'x' }, { everything: true }, '[1]']) {
      await expectError(call('POST', '/notifications/read', { voter: author, body }), 400, 'invalid_input');
    }
    await expectError(call('POST', '/notifications/read', { voter: author, body: '{not json' }), 400, 'invalid_input');
    expect((await notificationsOf({ voter: author })).unreadCount).toBe(3);
  });

  it('keeps the ship date with the status, and orders sort=shipped by it', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const first = await newPost(board, author, 'First idea');
    const second = await newPost(board, author, 'Second idea');
    expect(first.shippedAt).toBeNull();
    const secondShipped = await setStatus(second.id, 'shipped');
    const firstShipped = await setStatus(first.id, 'shipped');
    expect(Date.parse(firstShipped.shippedAt!)).toBeGreaterThan(Date.parse(secondShipped.shippedAt!));

    const list = async (query: string) => {
      const response = await call('GET', `/boards/${board}/posts?${query}`);
      expect(response.status).toBe(200);
      expect(postPageSchema.safeParse(response.json).error).toBeUndefined();
      return response.json as { items: Post[]; nextCursor: string | null };
    };
    const page = await list('sort=shipped&limit=1');
    expect(page.items.map((p) => p.id)).toEqual([first.id]);
    expect((await list(`sort=shipped&limit=1&cursor=${page.nextCursor}`)).items.map((p) => p.id)).toEqual([second.id]);
    expect((await list('sort=new')).items.map((p) => p.id)).toEqual([second.id, first.id]);
    await expectError(call('GET', `/boards/${board}/posts?sort=shipped&cursor=o1`), 400, 'invalid_input');

    // Back out of done: no ship date. Shipped again: the new date, and the author, who has not
    // read the first news yet, is not told twice.
    expect((await setStatus(first.id, 'in-progress')).shippedAt).toBeNull();
    const again = await setStatus(first.id, 'shipped');
    expect(Date.parse(again.shippedAt!)).toBeGreaterThan(Date.parse(firstShipped.shippedAt!));
    expect((await list('sort=shipped')).items.map((p) => p.id)).toEqual([first.id, second.id]);
    const page2 = await notificationsOf({ voter: author });
    expect(page2.items.map((n) => `${n.kind} ${n.post?.title}`)).toEqual(['shipped First idea', 'shipped Second idea']);
  });

  it('dates ideas already done when the migration runs: their change into done, else their creation', async () => {
    const old = await databases.open(engine, { migrate: false });
    await migrate(old, readMigrations().filter((m) => m.version < '0005'));
    // The board as the schema of 0004 holds it: without the event log of 0006 that createBoard writes to.
    const board = await old.transaction((tx) => insertBoard(tx, { slug: 'before-notifications' }));
    const [user] = await old.query<{ id: string }>(`INSERT INTO users (key) VALUES ('seed:someone') RETURNING id`);
    const insert = async (title: string, status: string) => {
      const [row] = await old.query<{ id: string }>(
        `INSERT INTO posts (board_id, title, status_key, author_id, created_at)
         SELECT id, $1, $2, $3, '2026-01-01T00:00:00Z' FROM boards WHERE slug = $4 RETURNING id`,
        [title, status, user!.id, board.slug],
      );
      return row!.id;
    };
    const moved = await insert('Moved to shipped', 'shipped');
    await old.query(
      `INSERT INTO post_events (post_id, kind, from_status, to_status, created_at)
       VALUES ($1, 'status_changed', 'open', 'planned', '2026-02-01T00:00:00Z'),
              ($1, 'status_changed', 'planned', 'shipped', '2026-03-01T00:00:00Z')`,
      [moved],
    );
    const bornShipped = await insert('Shipped from the start', 'shipped');
    const open = await insert('Still open', 'open');
    expect(await migrate(old)).toEqual(['0005', ...readMigrations().map((m) => m.version).filter((v) => v > '0005')]);
    const rows = await old.query<{ id: string; shipped_at: Date | string | null }>('SELECT id, shipped_at FROM posts');
    const shippedAt = new Map(rows.map((row) => [row.id, row.shipped_at && new Date(row.shipped_at).toISOString()]));
    expect(shippedAt.get(moved)).toBe('2026-03-01T00:00:00.000Z');
    expect(shippedAt.get(bornShipped)).toBe('2026-01-01T00:00:00.000Z');
    expect(shippedAt.get(open)).toBeNull();
  });

  it('notifies nobody of a refused status change', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const post = await newPost(board, author);
    await expectError(call('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'no-such-status' } }), 400, 'invalid_input');
    // A bad title refuses the whole change, the status with it.
    await expectError(call('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'shipped', title: 'x' } }), 400, 'invalid_input');
    expect(await notificationsOf({ voter: author })).toMatchObject({ items: [], unreadCount: 0 });
    expect((await call('GET', `/posts/${post.id}`)).json).toMatchObject({ status: 'open', shippedAt: null });
  });
});
