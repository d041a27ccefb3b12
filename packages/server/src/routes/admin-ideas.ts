import type { TypedResponse } from 'hono';
import { encodeAdminIdeaCursor } from '@sayso/core';
import { listAdminIdeas } from '../db/admin-ideas.js';
import { boardIdOf } from '../db/boards.js';
import { listSavedViews } from '../db/saved-views.js';
import { adminIdeaPageSchema, adminIdeasQuery, newSavedViewInput, savedViewParams, savedViewSchema, savedViewsSchema } from '../schemas.js';
import { deleteView, saveView } from '../services/saved-views.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const list = operation({
  method: 'get', path: '/admin/ideas', tag: 'admin', access: admin, errors: [400, 404],
  summary: 'Every board\'s ideas for the admin console, sorted by any column, filtered, a keyset page at a time',
  description:
    'Canonical ideas only (ideas merged into others count on them). Each sort reads its own index, so a page costs ' +
    'the same at any size. The cursor belongs to its sort and direction (400 for another). An unknown board is 404. ' +
    '`hasDuplicates` reads the duplicate queue as it stands after the changes committed so far were checked.',
  request: { query: adminIdeasQuery },
  response: { status: 200, description: 'A page of ideas.', schema: adminIdeaPageSchema },
});

const views = operation({
  method: 'get', path: '/admin/views', tag: 'admin', access: admin, errors: [],
  summary: 'The saved views of the ideas list, shared by every admin',
  response: { status: 200, description: 'The views, by name.', schema: savedViewsSchema },
});

const save = operation({
  method: 'post', path: '/admin/views', tag: 'admin', access: admin, errors: [400, 409],
  summary: 'Save the ideas list\'s present params under a name',
  description: 'A name another view has (case-insensitive) is 409.',
  request: { body: jsonBody(newSavedViewInput) },
  response: { status: 201, description: 'The saved view.', schema: savedViewSchema },
});

const remove = operation({
  method: 'delete', path: '/admin/views/{viewId}', tag: 'admin', access: admin, errors: [404],
  summary: 'Delete a saved view',
  request: { params: savedViewParams },
  response: { status: 204, description: 'Deleted.' },
});

export const adminIdeaRoutes = () =>
  router()
    .openapi(list, async (c) => {
      const { board, ...query } = c.req.valid('query');
      if (query.hasDuplicates !== undefined) await c.var.similarPosts.duplicatesChecked(board);
      const slice = await listAdminIdeas(c.var.db, { ...query, boardId: board === undefined ? undefined : await boardIdOf(c.var.db, board) });
      return c.json({ items: slice.items, nextCursor: slice.hasMore && slice.lastPosition ? encodeAdminIdeaCursor(slice.lastPosition) : null }, 200);
    })
    .openapi(views, async (c) => c.json({ items: await listSavedViews(c.var.db) }, 200))
    .openapi(save, async (c) => c.json(await saveView(c.var.db, { ...c.req.valid('json'), actor: c.var.actor }), 201))
    .openapi(remove, async (c) => {
      await deleteView(c.var.db, { viewId: c.req.valid('param').viewId, actor: c.var.actor });
      // A 204 has no body; the declared type of a response without content is an empty object.
      return c.body(null, 204) as unknown as TypedResponse<{}, 204>;
    });
