import { SaysoError, encodeKeysetCursor, encodeOffsetCursor, type NotificationPage, type Page } from '@sayso/core';
import { Hono, type Context } from 'hono';
import type { AppEnv } from './app.js';
import { generateAdminKey, hashAdminKey, type AskerFunctions } from './asker.js';
import type { Database } from './db/database.js';
import * as queries from './db/queries.js';
import {
  boardPolicyInput,
  editCommentInput,
  editPostInput,
  listCommentsQuery,
  listNotificationsQuery,
  markNotificationsReadInput,
  listPostsQuery,
  newAdminKeyInput,
  newCommentInput,
  newPostInput,
  parseInput,
  similarPostsQuery,
  tagNameInput,
} from './schemas.js';
import { createSimilarPosts } from './services/similar-posts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the path; a malformed one is simply a thing that does not exist. */
function idParam(c: Context<AppEnv>, name: string, what: string): string {
  const id = c.req.param(name) ?? '';
  if (!UUID.test(id)) throw new SaysoError('not_found', `There is no ${what} "${id}".`);
  return id.toLowerCase();
}

const postIdParam = (c: Context<AppEnv>) => idParam(c, 'id', 'post');

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SaysoError('invalid_input', 'The request body is not valid JSON.');
  }
}

const offsetPage = <T>(slice: queries.Slice<T>, offset: number, limit: number): Page<T> => ({
  items: slice.items,
  nextCursor: slice.hasMore ? encodeOffsetCursor(offset + limit) : null,
});

/**
 * Every route of the REST API, relative to `/api/v1` (mounted by createApp after its
 * middleware). Who is asking is only ever read through `asker`; each route is described in
 * the OpenAPI document (openapi.ts), which a test keeps complete.
 */
export function apiRoutes(options: { db: Database; asker: AskerFunctions; openApiDocument: () => unknown }): Hono<AppEnv> {
  const { db, asker } = options;
  const api = new Hono<AppEnv>();
  const similarPosts = createSimilarPosts(db);

  // Credentials that are sent are checked on every route, reads included: an invalid token or
  // an unknown admin key is 401 everywhere, never silently downgraded to an anonymous caller.
  api.use('*', async (c, next) => {
    await asker.whoIsAsking(c);
    await next();
  });

  api.get('/openapi.json', (c) => c.json(options.openApiDocument() as Record<string, unknown>));

  // Identity

  // No body, no credentials needed: a new anonymous visitor. Write limits per IP address apply.
  api.post('/visitors', async (c) => c.json({ visitorToken: await asker.issueVisitor() }, 201));

  // Boards

  api.get('/boards', async (c) => c.json(await queries.listBoards(db)));

  api.get('/boards/:board', async (c) => c.json(await queries.findBoard(db, c.req.param('board'))));

  api.patch('/boards/:board', async (c) => {
    await asker.requireAdmin(c);
    const input = parseInput(boardPolicyInput, await readJson(c));
    return c.json(await queries.setBoardPolicy(db, c.req.param('board'), input.anonymous));
  });

  // Posts

  api.get('/boards/:board/posts', async (c) => {
    const query = parseInput(listPostsQuery, c.req.query());
    const slice = await queries.listPosts(db, { board: c.req.param('board'), ...query, viewer: await asker.viewer(c) });
    if (query.sort === 'new' || query.sort === 'shipped') {
      const next = slice.hasMore && slice.lastPosition ? encodeKeysetCursor(slice.lastPosition) : null;
      return c.json({ items: slice.items, nextCursor: next } satisfies Page<unknown>);
    }
    return c.json(offsetPage(slice, query.offset, query.limit));
  });

  api.post('/boards/:board/posts', async (c) => {
    const actor = await asker.requireParticipant(c, 'post', await queries.boardPolicy(db, c.req.param('board')));
    const input = parseInput(newPostInput, await readJson(c));
    const post = await queries.createPost(db, { board: c.req.param('board'), ...input, voter: actor.key });
    return c.json(post, 201);
  });

  api.get('/boards/:board/similar', async (c) => {
    const query = parseInput(similarPostsQuery, c.req.query());
    return c.json(await similarPosts.find({ board: c.req.param('board'), ...query, viewer: await asker.viewer(c) }));
  });

  api.get('/posts/:id', async (c) => {
    const postId = postIdParam(c);
    const post = await queries.findPost(db, postId, await asker.viewer(c));
    if (!post) throw new SaysoError('not_found', `There is no post "${postId}".`);
    return c.json(post);
  });

  api.patch('/posts/:id', async (c) => {
    const postId = postIdParam(c);
    const actor = await asker.requireActor(c);
    const input = parseInput(editPostInput, await readJson(c));
    return c.json(await queries.updatePost(db, { postId, actor, ...input }));
  });

  // Votes

  api.post('/posts/:id/votes', async (c) => {
    const postId = postIdParam(c);
    const actor = await asker.requireParticipant(c, 'vote', await queries.postBoardPolicy(db, postId));
    return c.json(await queries.setVote(db, { postId, voter: actor.key, voted: true }));
  });

  api.delete('/posts/:id/votes', async (c) => {
    const postId = postIdParam(c);
    const actor = await asker.requireParticipant(c, 'vote', await queries.postBoardPolicy(db, postId));
    return c.json(await queries.setVote(db, { postId, voter: actor.key, voted: false }));
  });

  // Comments

  api.get('/posts/:id/comments', async (c) => {
    const postId = postIdParam(c);
    const query = parseInput(listCommentsQuery, c.req.query());
    const slice = await queries.listComments(db, { postId, offset: query.cursor, limit: query.limit });
    return c.json(offsetPage(slice, query.cursor, query.limit));
  });

  api.post('/posts/:id/comments', async (c) => {
    const postId = postIdParam(c);
    const actor = await asker.requireParticipant(c, 'post', await queries.postBoardPolicy(db, postId));
    const input = parseInput(newCommentInput, await readJson(c));
    return c.json(await queries.addComment(db, { postId, body: input.body, voter: actor.key }), 201);
  });

  api.patch('/comments/:commentId', async (c) => {
    const commentId = idParam(c, 'commentId', 'comment');
    const actor = await asker.requireActor(c);
    const input = parseInput(editCommentInput, await readJson(c));
    return c.json(await queries.updateComment(db, { commentId, body: input.body, actor }));
  });

  // Answers 200 with the post's new comment count rather than 204, so a client can update the
  // post it shows without fetching it again.
  api.delete('/comments/:commentId', async (c) => {
    const commentId = idParam(c, 'commentId', 'comment');
    const actor = await asker.requireActor(c);
    return c.json(await queries.deleteComment(db, { commentId, actor }));
  });

  // Notifications: only ever the caller's own. A caller without identity simply has none, so a
  // bell on a page a visitor has never acted on shows an empty list rather than an error.

  api.get('/notifications', async (c) => {
    const query = parseInput(listNotificationsQuery, c.req.query());
    const slice = await queries.listNotifications(db, { viewer: await asker.viewer(c), ...query });
    const next = slice.hasMore && slice.lastPosition ? encodeKeysetCursor(slice.lastPosition) : null;
    return c.json({ items: slice.items, nextCursor: next, unreadCount: slice.unreadCount } satisfies NotificationPage);
  });

  api.post('/notifications/read', async (c) => {
    const selection = parseInput(markNotificationsReadInput, await readJson(c));
    return c.json(await queries.markNotificationsRead(db, { viewer: await asker.viewer(c), selection }));
  });

  // Tags

  api.get('/boards/:board/tags', async (c) => c.json(await queries.listTags(db, c.req.param('board'))));

  api.post('/boards/:board/tags', async (c) => {
    await asker.requireAdmin(c);
    const input = parseInput(tagNameInput, await readJson(c));
    return c.json(await queries.createTag(db, { board: c.req.param('board'), name: input.name }), 201);
  });

  api.patch('/boards/:board/tags/:tag', async (c) => {
    await asker.requireAdmin(c);
    const input = parseInput(tagNameInput, await readJson(c));
    return c.json(await queries.renameTag(db, { board: c.req.param('board'), tag: c.req.param('tag'), name: input.name }));
  });

  api.delete('/boards/:board/tags/:tag', async (c) => {
    await asker.requireAdmin(c);
    return c.json(await queries.deleteTag(db, { board: c.req.param('board'), tag: c.req.param('tag') }));
  });

  api.put('/posts/:id/tags/:tag', async (c) => {
    const postId = postIdParam(c);
    const admin = await asker.requireAdmin(c);
    return c.json(await queries.setPostTag(db, { postId, tag: c.req.param('tag'), tagged: true, viewer: admin.key }));
  });

  api.delete('/posts/:id/tags/:tag', async (c) => {
    const postId = postIdParam(c);
    const admin = await asker.requireAdmin(c);
    return c.json(await queries.setPostTag(db, { postId, tag: c.req.param('tag'), tagged: false, viewer: admin.key }));
  });

  // Admin keys

  api.get('/admin/keys', async (c) => {
    await asker.requireAdmin(c);
    return c.json(await queries.listAdminKeys(db));
  });

  api.post('/admin/keys', async (c) => {
    await asker.requireAdmin(c);
    const input = parseInput(newAdminKeyInput, await readJson(c));
    const key = generateAdminKey();
    const stored = await queries.insertAdminKey(db, { label: input.label, keyHash: hashAdminKey(key) });
    return c.json({ ...stored, key }, 201);
  });

  api.delete('/admin/keys/:keyId', async (c) => {
    await asker.requireAdmin(c);
    return c.json(await queries.revokeAdminKey(db, idParam(c, 'keyId', 'admin key')));
  });

  return api;
}
