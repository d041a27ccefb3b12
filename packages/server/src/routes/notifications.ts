import { listNotificationsQuery, markNotificationsReadInput, notificationPageSchema, unreadCountSchema } from '../schemas.js';
import { markNotificationsRead, notificationsOf } from '../services/notifications.js';
import { anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';
import { keysetPage } from './paging.js';

// Only ever the caller's own. A caller without identity simply has none, so a bell on a page a
// visitor has never acted on shows an empty list rather than an error.

const list = operation({
  method: 'get', path: '/notifications', tag: 'notifications', access: anyone, errors: [400, 401],
  summary: 'The caller\'s notifications, newest first, and their unread count',
  description:
    'An idea moved into a done status notifies its author and every voter once (`shipped`); a comment notifies the ' +
    'idea\'s author and earlier commenters (`reply`). Nobody is notified of what they did. Only ever the caller\'s own; ' +
    'a caller without identity has none. Keyset pages: notifications added between pages never repeat.',
  request: { query: listNotificationsQuery },
  response: {
    status: 200,
    description:
      'A page of notifications and the unread count over all pages. Each names its idea (`post: { id, board, title }`) ' +
      'and, for a reply, the comment.',
    schema: notificationPageSchema,
  },
});

const markRead = operation({
  method: 'post', path: '/notifications/read', tag: 'notifications', access: anyone, errors: [400, 401],
  summary: 'Mark the caller\'s notifications read, by id or all',
  description:
    'Send `{ ids }` or `{ all: true }`. Ids of anyone else\'s notifications, or unknown ones, change nothing. ' +
    'Repeating it changes nothing. A caller without identity has none to mark.',
  request: { body: jsonBody(markNotificationsReadInput) },
  response: { status: 200, description: 'The caller\'s unread count afterwards.', schema: unreadCountSchema },
});

export const notificationRoutes = () =>
  router()
    .openapi(list, async (c) => {
      const slice = await notificationsOf(c.var.db, { viewer: c.var.caller.key, ...c.req.valid('query') });
      return c.json({ ...keysetPage(slice), unreadCount: slice.unreadCount }, 200);
    })
    .openapi(markRead, async (c) =>
      c.json(await markNotificationsRead(c.var.db, { viewer: c.var.caller.key, selection: c.req.valid('json') }), 200),
    );
