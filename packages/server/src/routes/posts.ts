import { z } from '@hono/zod-openapi';
import { SaysoError } from '@sayso/core';
import { listPosts } from '../db/posts.js';
import {
  boardParams,
  dryRunQuery,
  editPostInput,
  notificationAudienceSchema,
  listPostsQuery,
  newPostInput,
  postPageSchema,
  postParams,
  postListSchema,
  postSchema,
  similarPostsQuery,
} from '../schemas.js';
import { createPost, getPost, previewStatusChange, updatePost } from '../services/posts.js';
import { listPostsByPriority } from '../services/priority.js';
import { anyone, participant } from './access.js';
import { jsonBody, operation, router } from './operation.js';
import { keysetPage, offsetPage } from './paging.js';

const list = operation({
  method: 'get', path: '/boards/{board}/posts', tag: 'posts', access: anyone, errors: [400, 403, 404],
  summary: 'One page of a board\'s ideas, sorted, filtered, searched',
  description:
    'The filters `status`, `tag` and `q` combine: an idea must match each one given. `sort=shipped` is the ' +
    'changelog\'s order, newest `shippedAt` first. Cursors are opaque and belong to their sort. `new` and `shipped` ' +
    'page by keyset, so ideas added between pages never repeat or shift the list; `top`, `trending` and `priority` ' +
    'page by offset, as their order moves with every vote anyway. `sort=priority` is for admins only (403 for anyone ' +
    'else): it ranks by the customers\' MRR.',
  request: { params: boardParams, query: listPostsQuery },
  response: { status: 200, description: 'A page of ideas.', schema: postPageSchema },
});

const submit = operation({
  method: 'post', path: '/boards/{board}/posts', tag: 'posts', access: participant({ act: 'post', on: 'board' }),
  errors: [400, 404, 409],
  summary: 'Submit an idea; the author\'s vote counts',
  request: { params: boardParams, body: jsonBody(newPostInput) },
  response: { status: 201, description: 'The new idea, in the board\'s first open status.', schema: postSchema },
});

const similar = operation({
  method: 'get', path: '/boards/{board}/similar', tag: 'posts', access: anyone, errors: [400, 404],
  summary: 'Ideas similar to a text being typed, best first',
  description:
    'For the idea form: ideas of the board that say what `text` says, ranked by the server\'s similarity engine ' +
    '(stems, word pairs and character trigrams, typo tolerant, plus English word vectors for other wordings). Ideas ' +
    'merged or closed as duplicates are left out, and so are weak matches, so there may be fewer than `limit`, or ' +
    'none. Just after a server start, a large board is searched as far as its index is built.',
  request: { params: boardParams, query: similarPostsQuery },
  response: { status: 200, description: 'Up to `limit` ideas, `voted` for the caller.', schema: postListSchema },
});

const one = operation({
  method: 'get', path: '/posts/{id}', tag: 'posts', access: anyone, errors: [404],
  summary: 'One idea',
  request: { params: postParams },
  response: {
    status: 200,
    description:
      'The idea with its `tags`, `editedAt` and `shippedAt`, `voted` for the caller. Asked for an idea merged into ' +
      'another, the answer is that other idea (the end of the chain), its `mergedFrom` naming the idea asked for.',
    schema: postSchema,
  },
});

const change = operation({
  method: 'patch', path: '/posts/{id}', tag: 'posts', access: participant(), errors: [400, 403, 404, 409],
  summary: 'Edit an idea (author or admin); change its status (admin)',
  description:
    'title and body: the author or an admin. status: admins only (403 for anyone else); a change is recorded ' +
    'as a status_changed event. An unknown status key is 400; the status of an idea merged into another is 409 ' +
    '(unmerge it first). A status of a kind the board notifies of (`done` always) tells the idea\'s followers, and ' +
    'those of every idea merged into it, each once (in the bell and by email), with `statusNote` when given. With `?dryRun=true` (and a ' +
    'status) nothing changes: the answer is who would be told, through which channels.',
  request: { params: postParams, query: dryRunQuery, body: jsonBody(editPostInput) },
  response: {
    status: 200,
    description: 'The idea after the change; with dryRun, a NotificationAudience.',
    schema: z.union([postSchema, notificationAudienceSchema]),
  },
});

export const postRoutes = () =>
  router()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      if (query.sort === 'priority') {
        const { key: viewer, admin } = c.var.caller;
        const slice = await listPostsByPriority(c.var.db, { board: c.req.valid('param').board, ...query, viewer, admin });
        return c.json(offsetPage(slice, query.offset, query.limit), 200);
      }
      const slice = await listPosts(c.var.db, { board: c.req.valid('param').board, ...query, viewer: c.var.caller.key });
      const keyset = query.sort === 'new' || query.sort === 'shipped';
      return c.json(keyset ? keysetPage(slice) : offsetPage(slice, query.offset, query.limit), 200);
    })
    .openapi(submit, async (c) => {
      const input = c.req.valid('json');
      const post = await createPost(c.var.db, { board: c.req.valid('param').board, ...input, voter: c.var.actor.key });
      c.var.similarPosts.postsChanged();
      return c.json(post, 201);
    })
    .openapi(similar, async (c) => {
      const query = c.req.valid('query');
      return c.json(await c.var.similarPosts.find({ board: c.req.valid('param').board, ...query, viewer: c.var.caller.key }), 200);
    })
    .openapi(one, async (c) => c.json(await getPost(c.var.db, c.req.valid('param').id, c.var.caller.key), 200))
    .openapi(change, async (c) => {
      const { dryRun, limit } = c.req.valid('query');
      const edit = c.req.valid('json');
      const postId = c.req.valid('param').id;
      if (dryRun && edit.status !== undefined) {
        return c.json(await previewStatusChange(c.var.db, { postId, actor: c.var.actor, status: edit.status, limit }), 200);
      }
      if (dryRun) throw new SaysoError('invalid_input', 'dryRun previews a status change: send a status.');
      const post = await updatePost(c.var.db, { postId, actor: c.var.actor, ...edit, ...c.var.telling });
      c.var.similarPosts.postsChanged();
      return c.json(post, 200);
    });
