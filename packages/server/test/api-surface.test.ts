import { createHash } from 'node:crypto';
import { encodeKeysetCursor, type Comment, type Page, type Post, type Tag } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const MISSING = '00000000-0000-4000-8000-000000000000';
const ALICE = 'voter-alice-0001';
const BOB = 'voter-bob-000002';
const ADMIN_KEY = 'env-admin-key-0123456789abcdef';
const OTHER_ADMIN_KEY = 'second-env-admin-key-abcdef';

describe.each(ENGINES)('API surface on %s', (engine) => {
  let db: Database;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    call = apiClient(createApp({ db, adminKeys: [ADMIN_KEY, OTHER_ADMIN_KEY] }), db);
  });

  const admin: CallOptions = { adminKey: ADMIN_KEY };
  const freshBoard = async (options: { anonymous?: 'off' | 'votes' } = {}) =>
    (await createBoard(db, { slug: `${engine}-surface-${++boards}`, name: 'Surface board', ...options })).slug;

  const newPost = async (board: string, title = 'Dark mode', options: CallOptions = { voter: ALICE }, body = '') => {
    const response = await call('POST', `/boards/${board}/posts`, { ...options, body: { title, body } });
    expect(response.status).toBe(201);
    return response.json as Post;
  };

  const newComment = async (postId: string, body = 'Yes please', voter = BOB) => {
    const response = await call('POST', `/posts/${postId}/comments`, { voter, body: { body } });
    expect(response.status).toBe(201);
    return response.json as Comment;
  };

  const ids = (page: Page<Post>) => page.items.map((post) => post.id);

  describe('GET /boards/:board', () => {
    it('answers one board with its anonymous policy and workflow', async () => {
      const board = await freshBoard();
      const response = await call('GET', `/boards/${board}`);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ slug: board, name: 'Surface board', description: '', anonymous: 'votes-and-posts' });
      expect(response.json.statuses).toHaveLength(7);
      expect((await call('GET', '/boards')).json).toContainEqual(response.json);
      const strict = await freshBoard({ anonymous: 'votes' });
      expect((await call('GET', `/boards/${strict}`)).json.anonymous).toBe('votes');
    });

    it('answers an unknown board with 404', async () => {
      await expectError(call('GET', '/boards/no-such-board'), 404, 'not_found');
      await expectError(call('GET', '/boards/no-such-board/tags'), 404, 'not_found');
    });
  });

  describe('listing filters', () => {
    it('filters by status, tag and full text, combined with each sort', async () => {
      const board = await freshBoard();
      const dark = await newPost(board, 'Dark mode for the editor', { voter: ALICE }, 'Easier on the eyes.');
      const csv = await newPost(board, 'Exporting to CSV', { voter: BOB }, 'For reports.');
      const offline = await newPost(board, 'Offline mode', { voter: ALICE }, 'On trains.');
      await call('PATCH', `/posts/${csv.id}`, { ...admin, body: { status: 'planned' } });
      await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Editor' } });
      await call('PUT', `/posts/${dark.id}/tags/editor`, admin);
      const list = async (query: string) => (await call('GET', `/boards/${board}/posts?${query}`)).json as Page<Post>;
      expect(ids(await list('status=planned'))).toEqual([csv.id]);
      expect(ids(await list('status=open&sort=new'))).toEqual([offline.id, dark.id]);
      expect(ids(await list('tag=editor'))).toEqual([dark.id]);
      expect(ids(await list('tag=editor&status=planned'))).toEqual([]);
      expect(ids(await list('q=mode&sort=new'))).toEqual([offline.id, dark.id]);
      // PostgreSQL full text stems English words: "export" finds "Exporting".
      expect(ids(await list('q=export'))).toEqual([csv.id]);
      expect(ids(await list('q=%22dark%20mode%22'))).toEqual([dark.id]);
      expect(ids(await list('q=mode%20-offline'))).toEqual([dark.id]);
      expect(ids(await list('q=mode&status=open&tag=editor&sort=trending'))).toEqual([dark.id]);
      expect(await list('q=the')).toEqual({ items: [], nextCursor: null });
      expect(await list('q=zeppelin')).toEqual({ items: [], nextCursor: null });
      expect(await list('tag=no-such-tag')).toEqual({ items: [], nextCursor: null });
    });

    it('refuses empty or overlong filters with 400 naming the field', async () => {
      const board = await freshBoard();
      for (const query of ['q=', 'q=%20%20', `q=${'x'.repeat(201)}`, 'status=', 'tag=', `tag=${'x'.repeat(101)}`]) {
        const error = await expectError(call('GET', `/boards/${board}/posts?${query}`), 400, 'invalid_input');
        expect(error.details).toEqual({ problems: [expect.objectContaining({ field: query.split('=')[0] })] });
      }
      expect((await call('GET', `/boards/${board}/posts?q=${'x'.repeat(200)}`)).status).toBe(200);
    });

    it('refuses a cursor of another sort, or a forged keyset cursor, with 400', async () => {
      const board = await freshBoard();
      for (let n = 1; n <= 3; n++) await newPost(board, `Idea ${n}`);
      const newest = (await call('GET', `/boards/${board}/posts?sort=new&limit=1`)).json as Page<Post>;
      expect(newest.nextCursor).toMatch(/^k/);
      const forged = encodeKeysetCursor({ at: '2026-01-01T00:00:00Z', id: 'not-a-uuid' });
      for (const query of [`sort=top&cursor=${newest.nextCursor}`, 'sort=new&cursor=o1', `sort=new&cursor=${forged}`]) {
        const error = await expectError(call('GET', `/boards/${board}/posts?${query}`), 400, 'invalid_input');
        expect(error.details).toEqual({ problems: [expect.objectContaining({ field: 'cursor' })] });
      }
    });
  });

  describe('keyset pages of new', () => {
    it('walks posts whose times differ only in microseconds, or not at all, exactly once', async () => {
      const board = await freshBoard();
      const created: string[] = [];
      for (let n = 1; n <= 6; n++) created.push((await newPost(board, `Idea ${n}`)).id);
      // Three share one millisecond, two of them one microsecond too: only (time, id) orders them.
      await db.query(`UPDATE posts SET created_at = '2026-03-01T10:00:00.123456Z' WHERE id = ANY($1::uuid[])`, [created.slice(0, 2)]);
      await db.query(`UPDATE posts SET created_at = '2026-03-01T10:00:00.123999Z' WHERE id = $1`, [created[2]]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `sort=new&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await call('GET', `/boards/${board}/posts?${query}`)).json as Page<Post>;
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect(new Set(seen)).toEqual(new Set(created));
      expect(seen.slice(0, 3)).toEqual([created[5], created[4], created[3]]);
      expect(seen[3]).toBe(created[2]);
    });
  });

  describe('PATCH /posts/:id', () => {
    it('lets the author change title and body, marking the post edited', async () => {
      const board = await freshBoard();
      const post = await newPost(board);
      const same = await call('PATCH', `/posts/${post.id}`, { voter: ALICE, body: { title: ' Dark mode ' } });
      expect(same.json).toEqual(post);
      const edited = await call('PATCH', `/posts/${post.id}`, { voter: ALICE, body: { title: '  Dark mode please ', body: 'Now with *details*' } });
      expect(edited.status).toBe(200);
      expect(edited.json).toEqual({ ...post, title: 'Dark mode please', body: 'Now with *details*', editedAt: expect.any(String) });
      expect(Date.parse(edited.json.editedAt)).toBeGreaterThanOrEqual(Date.parse(post.createdAt));
      expect((await call('GET', `/posts/${post.id}`)).json).toMatchObject({ title: 'Dark mode please', voted: false });
    });

    it('refuses others, anonymous callers, unknown posts and invalid edits', async () => {
      const board = await freshBoard();
      const post = await newPost(board);
      const path = `/posts/${post.id}`;
      await expectError(call('PATCH', path, { voter: BOB, body: { title: 'Taken over' } }), 403, 'forbidden');
      await expectError(call('PATCH', path, { body: { title: 'Taken over' } }), 401, 'unauthorized');
      await expectError(call('PATCH', `/posts/${MISSING}`, { voter: ALICE, body: { title: 'A title' } }), 404, 'not_found');
      await expectError(call('PATCH', '/posts/nope', { voter: ALICE, body: { title: 'A title' } }), 404, 'not_found');
      for (const body of [{}, { title: 'ab' }, { body: 'x'.repeat(10_001) }, { title: 42 }, { title: 'Fine title', votes: 3 }, [], 'null']) {
        await expectError(call('PATCH', path, { voter: ALICE, body }), 400, 'invalid_input');
      }
      await expectError(call('PATCH', path, { voter: ALICE, body: '{"title":' }), 400, 'invalid_input');
      expect((await call('GET', path)).json).toEqual({ ...post, voted: false });
    });

    it('lets only admins change the status, recording each change as an event', async () => {
      const board = await freshBoard();
      const post = await newPost(board);
      const path = `/posts/${post.id}`;
      await expectError(call('PATCH', path, { voter: ALICE, body: { status: 'planned' } }), 403, 'forbidden');
      await expectError(call('PATCH', path, { voter: ALICE, body: { status: 'planned', title: 'Sneaky' } }), 403, 'forbidden');
      await expectError(call('PATCH', path, { body: { status: 'planned' } }), 401, 'unauthorized');
      const planned = await call('PATCH', path, { ...admin, body: { status: 'planned' } });
      expect(planned.status).toBe(200);
      expect(planned.json).toEqual({ ...post, status: 'planned', voted: false });
      await call('PATCH', path, { ...admin, body: { status: 'planned' } });
      await call('PATCH', path, { adminKey: OTHER_ADMIN_KEY, body: { status: 'shipped', title: 'Dark mode, shipped' } });
      const error = await expectError(call('PATCH', path, { ...admin, body: { status: 'no-such-status' } }), 400, 'invalid_input');
      expect(error.details).toEqual({ problems: [{ field: 'status', message: expect.any(String) }] });
      expect((await call('GET', path)).json).toMatchObject({ status: 'shipped', title: 'Dark mode, shipped', editedAt: expect.any(String) });
      const events = await db.query<{ kind: string; from_status: string | null; to_status: string; actor: string }>(
        `SELECT e.kind, e.from_status, e.to_status, u.key AS actor
           FROM post_events e JOIN users u ON u.id = e.actor_id WHERE e.post_id = $1 ORDER BY e.id`,
        [post.id],
      );
      expect(events.map(({ actor, ...event }) => event)).toEqual([
        { kind: 'created', from_status: null, to_status: 'open' },
        { kind: 'status_changed', from_status: 'open', to_status: 'planned' },
        { kind: 'status_changed', from_status: 'planned', to_status: 'shipped' },
      ]);
      expect(events[0]!.actor).toBe(`visitor:${ALICE}`);
      expect(events[1]!.actor).toMatch(/^admin:env:/);
      expect(events[2]!.actor).toMatch(/^admin:env:/);
      expect(events[2]!.actor).not.toBe(events[1]!.actor);
      expect(events.map((e) => e.actor).join()).not.toContain(ADMIN_KEY);
    });

    it('lets an admin edit anyone\'s post, keeping its author', async () => {
      const post = await newPost(await freshBoard());
      const edited = await call('PATCH', `/posts/${post.id}`, { ...admin, body: { body: 'Clarified by the team' } });
      expect(edited.json).toMatchObject({ body: 'Clarified by the team', author: post.author, voted: false });
    });
  });

  describe('PATCH and DELETE /comments/:id', () => {
    it('lets the author edit and delete, keeping the comment count exact', async () => {
      const post = await newPost(await freshBoard());
      const one = await newComment(post.id);
      const two = await newComment(post.id, 'Me too', ALICE);
      const edited = await call('PATCH', `/comments/${one.id}`, { voter: BOB, body: { body: '  Yes please!  ' } });
      expect(edited.status).toBe(200);
      expect(edited.json).toEqual({ ...one, body: 'Yes please!', editedAt: expect.any(String) });
      expect((await call('GET', `/posts/${post.id}/comments`)).json.items).toEqual([edited.json, two]);
      const deleted = await call('DELETE', `/comments/${two.id}`, { voter: ALICE });
      expect(deleted.status).toBe(200);
      expect(deleted.json).toEqual({ commentId: two.id, postId: post.id, commentCount: 1 });
      expect((await call('GET', `/posts/${post.id}`)).json.commentCount).toBe(1);
      await expectError(call('DELETE', `/comments/${two.id}`, { voter: ALICE }), 404, 'not_found');
      await expectError(call('PATCH', `/comments/${two.id}`, { voter: ALICE, body: { body: 'Back' } }), 404, 'not_found');
    });

    it('refuses others and anonymous callers; admins may do both', async () => {
      const post = await newPost(await freshBoard());
      const comment = await newComment(post.id);
      const path = `/comments/${comment.id}`;
      await expectError(call('PATCH', path, { voter: ALICE, body: { body: 'Rewritten' } }), 403, 'forbidden');
      await expectError(call('DELETE', path, { voter: ALICE }), 403, 'forbidden');
      await expectError(call('PATCH', path, { body: { body: 'Rewritten' } }), 401, 'unauthorized');
      await expectError(call('DELETE', path), 401, 'unauthorized');
      expect((await call('PATCH', path, { ...admin, body: { body: '[edited by a moderator]' } })).json).toMatchObject({
        body: '[edited by a moderator]',
        author: comment.author,
      });
      expect((await call('DELETE', path, admin)).json).toEqual({ commentId: comment.id, postId: post.id, commentCount: 0 });
    });

    it('refuses invalid bodies and malformed or unknown ids', async () => {
      const post = await newPost(await freshBoard());
      const comment = await newComment(post.id);
      const path = `/comments/${comment.id}`;
      for (const body of [{ body: '  ' }, { body: 'x'.repeat(5_001) }, { text: 'wrong field' }, '{oops']) {
        await expectError(call('PATCH', path, { voter: BOB, body }), 400, 'invalid_input');
      }
      await expectError(call('PATCH', `/comments/${MISSING}`, { voter: BOB, body: { body: 'hi' } }), 404, 'not_found');
      await expectError(call('DELETE', `/comments/${MISSING}`, { voter: BOB }), 404, 'not_found');
      await expectError(call('DELETE', '/comments/12', { voter: BOB }), 404, 'not_found');
      expect((await call('GET', `/posts/${post.id}/comments`)).json.items).toEqual([comment]);
    });
  });

  describe('tags', () => {
    it('lets admins create, rename and delete tags; anyone lists them', async () => {
      const board = await freshBoard();
      const created = await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: '  Mobile app ' } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ slug: 'mobile-app', name: 'Mobile app' });
      await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Éditeur' } });
      // By code point, whatever the database's locale: "É" sorts after "M".
      expect((await call('GET', `/boards/${board}/tags`)).json).toEqual([
        { slug: 'mobile-app', name: 'Mobile app' },
        { slug: 'editeur', name: 'Éditeur' },
      ]);
      const renamed = await call('PATCH', `/boards/${board}/tags/mobile-app`, { ...admin, body: { name: 'Apps' } });
      expect(renamed.json).toEqual({ slug: 'mobile-app', name: 'Apps' });
      await expectError(call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'APPS' } }), 409, 'conflict');
      await expectError(call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'editeur!' } }), 409, 'conflict');
      await expectError(call('PATCH', `/boards/${board}/tags/editeur`, { ...admin, body: { name: 'apps' } }), 409, 'conflict');
      for (const body of [{ name: '' }, { name: 'x'.repeat(41) }, { name: '🚀' }, { label: 'x' }, 'nope']) {
        await expectError(call('POST', `/boards/${board}/tags`, { ...admin, body }), 400, 'invalid_input');
      }
      await expectError(call('PATCH', `/boards/${board}/tags/no-such-tag`, { ...admin, body: { name: 'Web' } }), 404, 'not_found');
      await expectError(call('POST', '/boards/no-such-board/tags', { ...admin, body: { name: 'Web' } }), 404, 'not_found');
      const deleted = await call('DELETE', `/boards/${board}/tags/editeur`, admin);
      expect(deleted.json).toEqual({ slug: 'editeur', name: 'Éditeur' });
      await expectError(call('DELETE', `/boards/${board}/tags/editeur`, admin), 404, 'not_found');
      expect((await call('GET', `/boards/${board}/tags`)).json).toEqual([{ slug: 'mobile-app', name: 'Apps' }]);
    });

    it('tags posts idempotently, only with tags of their board; a deleted tag leaves every post', async () => {
      const board = await freshBoard();
      const elsewhere = await freshBoard();
      const post = await newPost(board);
      await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Web' } });
      await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'API' } });
      await call('POST', `/boards/${elsewhere}/tags`, { ...admin, body: { name: 'Foreign' } });
      const web: Tag = { slug: 'web', name: 'Web' };
      const api: Tag = { slug: 'api', name: 'API' };
      expect((await call('PUT', `/posts/${post.id}/tags/web`, admin)).json.tags).toEqual([web]);
      expect((await call('PUT', `/posts/${post.id}/tags/api`, admin)).json).toEqual({ ...post, voted: false, tags: [api, web] });
      expect((await call('PUT', `/posts/${post.id}/tags/api`, admin)).json.tags).toEqual([api, web]);
      await expectError(call('PUT', `/posts/${post.id}/tags/foreign`, admin), 404, 'not_found');
      await expectError(call('PUT', `/posts/${MISSING}/tags/web`, admin), 404, 'not_found');
      await expectError(call('PUT', `/posts/zzz/tags/web`, admin), 404, 'not_found');
      expect((await call('DELETE', `/posts/${post.id}/tags/web`, admin)).json.tags).toEqual([api]);
      expect((await call('DELETE', `/posts/${post.id}/tags/web`, admin)).json.tags).toEqual([api]);
      await call('DELETE', `/boards/${board}/tags/api`, admin);
      expect((await call('GET', `/posts/${post.id}`)).json.tags).toEqual([]);
      const [rows] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM post_tags WHERE post_id = $1', [post.id]);
      expect(rows!.n).toBe(0);
    });

    it('answers 401 without credentials and 403 to visitors on every admin route', async () => {
      const board = await freshBoard();
      const post = await newPost(board);
      await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Web' } });
      const routes: Array<[string, string, unknown?]> = [
        ['POST', `/boards/${board}/tags`, { name: 'New' }],
        ['PATCH', `/boards/${board}/tags/web`, { name: 'Renamed' }],
        ['DELETE', `/boards/${board}/tags/web`],
        ['PUT', `/posts/${post.id}/tags/web`],
        ['DELETE', `/posts/${post.id}/tags/web`],
        ['GET', '/admin/keys'],
        ['POST', '/admin/keys', { label: 'ci' }],
        ['DELETE', `/admin/keys/${MISSING}`],
      ];
      for (const [method, path, body] of routes) {
        await expectError(call(method, path, { body }), 401, 'unauthorized');
        await expectError(call(method, path, { voter: BOB, body }), 403, 'forbidden');
        await expectError(call(method, path, { adminKey: 'not-a-key-at-all', body }), 401, 'unauthorized');
        await expectError(call(method, path, { voter: BOB, adminKey: 'not-a-key-at-all', body }), 401, 'unauthorized');
        await expectError(call(method, path, { body, headers: { Authorization: `Basic ${ADMIN_KEY}` } }), 401, 'unauthorized');
      }
      expect((await call('GET', `/boards/${board}/tags`)).json).toEqual([{ slug: 'web', name: 'Web' }]);
    });
  });

  describe('admin keys', () => {
    it('creates a key shown once and stored only as its SHA-256; it works until revoked', async () => {
      const created = await call('POST', '/admin/keys', { ...admin, body: { label: '  CI deploys ' } });
      expect(created.status).toBe(201);
      expect(created.json).toEqual({ id: expect.any(String), key: expect.stringMatching(/^sayso_admin_[A-Za-z0-9_-]{43}$/), label: 'CI deploys', createdAt: expect.any(String) });
      const { id, key } = created.json as { id: string; key: string };
      const [row] = await db.query<{ key_hash: string }>('SELECT key_hash FROM admin_keys WHERE id = $1', [id]);
      expect(row!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
      const stored = JSON.stringify(await db.query('SELECT * FROM admin_keys'));
      expect(stored).not.toContain(key);

      const listed = await call('GET', '/admin/keys', { adminKey: key });
      expect(listed.status).toBe(200);
      expect(listed.json).toContainEqual({ id, label: 'CI deploys', createdAt: created.json.createdAt });
      expect(listed.text).not.toContain(key);
      expect(listed.text).not.toContain(row!.key_hash);

      // The key acts as a user too: it may edit anyone's post.
      const post = await newPost(await freshBoard());
      expect((await call('PATCH', `/posts/${post.id}`, { adminKey: key, body: { title: 'Edited by CI' } })).status).toBe(200);

      const revoked = await call('DELETE', `/admin/keys/${id}`, admin);
      expect(revoked.json).toEqual({ id, label: 'CI deploys', createdAt: created.json.createdAt });
      await expectError(call('GET', '/admin/keys', { adminKey: key }), 401, 'unauthorized');
      await expectError(call('PATCH', `/posts/${post.id}`, { adminKey: key, body: { title: 'Again' } }), 401, 'unauthorized');
      await expectError(call('DELETE', `/admin/keys/${id}`, admin), 404, 'not_found');
      expect(((await call('GET', '/admin/keys', admin)).json as Array<{ id: string }>).map((k) => k.id)).not.toContain(id);
    });

    it('refuses invalid labels and unknown ids', async () => {
      for (const body of [{ label: '' }, { label: '   ' }, { label: 'x'.repeat(101) }, {}, 'x']) {
        await expectError(call('POST', '/admin/keys', { ...admin, body }), 400, 'invalid_input');
      }
      await expectError(call('DELETE', `/admin/keys/${MISSING}`, admin), 404, 'not_found');
      await expectError(call('DELETE', '/admin/keys/not-a-uuid', admin), 404, 'not_found');
    });

    it('refuses any bearer key when no admin key is configured, and a bad key even on reads', async () => {
      const bare = apiClient(createApp({ db }), db);
      await expectError(bare('GET', '/admin/keys', { adminKey: ADMIN_KEY }), 401, 'unauthorized');
      await expectError(bare('GET', '/boards', { adminKey: 'wrong-key' }), 401, 'unauthorized');
      expect((await bare('GET', '/boards')).status).toBe(200);
    });
  });
});
