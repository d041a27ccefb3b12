import { z } from '@hono/zod-openapi';
import type { TypedResponse } from 'hono';
import {
  boardParams,
  changelogEntryChangesInput,
  changelogEntryParams,
  changelogEntrySchema,
  changelogPageSchema,
  dryRunQuery,
  listChangelogQuery,
  newChangelogEntryInput,
  notificationAudienceSchema,
} from '../schemas.js';
import {
  createChangelogEntry,
  deleteChangelogEntry,
  listChangelogEntries,
  previewChangelogEntry,
  publishChangelogEntry,
  updateChangelogEntry,
} from '../services/changelog.js';
import { admin, anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';
import { keysetPage } from './paging.js';

const list = operation({
  method: 'get', path: '/boards/{board}/changelog', tag: 'changelog', access: anyone, errors: [400, 404],
  summary: 'A board\'s changelog entries, newest first',
  description: 'Published entries for everyone, by publication; admins also see drafts (by creation). Keyset pages.',
  request: { params: boardParams, query: listChangelogQuery },
  response: { status: 200, description: 'A page of entries, each with the ideas it ships as they are now.', schema: changelogPageSchema },
});

const create = operation({
  method: 'post', path: '/boards/{board}/changelog', tag: 'changelog', access: admin, errors: [400, 404],
  summary: 'Write a draft changelog entry',
  description:
    'A title (3–140 characters), a markdown body and the ideas it ships (`postIds`, ideas of the board; 400 naming ' +
    '`postIds` otherwise). Nobody sees or hears of it until it is published.',
  request: { params: boardParams, body: jsonBody(newChangelogEntryInput) },
  response: { status: 201, description: 'The draft.', schema: changelogEntrySchema },
});

const update = operation({
  method: 'patch', path: '/changelog/{entryId}', tag: 'changelog', access: admin, errors: [400, 404, 409],
  summary: 'Change an entry\'s title, body or ideas',
  description: 'A published entry can still be reworded; the ideas it shipped stay (409 for `postIds`).',
  request: { params: changelogEntryParams, body: jsonBody(changelogEntryChangesInput) },
  response: { status: 200, description: 'The entry after the change.', schema: changelogEntrySchema },
});

const remove = operation({
  method: 'delete', path: '/changelog/{entryId}', tag: 'changelog', access: admin, errors: [404, 409],
  summary: 'Delete a draft',
  description: 'A published entry stays (409).',
  request: { params: changelogEntryParams },
  response: { status: 204, description: 'Deleted.' },
});

const publish = operation({
  method: 'post', path: '/changelog/{entryId}/publish', tag: 'changelog', access: admin, errors: [400, 404, 409],
  summary: 'Publish an entry: its ideas ship, and everyone who asked for any of them hears once',
  description:
    'In one transaction: every idea of the entry not yet done moves to the board\'s first status of kind done (the ' +
    'move tells nobody on its own), and everyone following any of the ideas (and the ideas merged into them) is told ' +
    'once, with the entry: one notice in the bell (about the first of its ideas they follow), one email, and the ' +
    '`changelog.published` webhook (each idea\'s move still calls `idea.status_changed` hooks). Publishing twice is 409, ' +
    'as is an entry with ideas on a board without a done status. With `?dryRun=true` nothing changes: the answer is who ' +
    'would be told, through which channels.',
  request: { params: changelogEntryParams, query: dryRunQuery },
  response: {
    status: 200,
    description: 'The published entry; with dryRun, a NotificationAudience.',
    schema: z.union([changelogEntrySchema, notificationAudienceSchema]),
  },
});

export const changelogRoutes = () =>
  router()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const slice = await listChangelogEntries(c.var.db, { board: c.req.valid('param').board, admin: c.var.caller.admin, ...query });
      return c.json(keysetPage(slice), 200);
    })
    .openapi(create, async (c) =>
      c.json(await createChangelogEntry(c.var.db, { board: c.req.valid('param').board, ...c.req.valid('json'), actor: c.var.actor }), 201),
    )
    .openapi(update, async (c) =>
      c.json(await updateChangelogEntry(c.var.db, { entryId: c.req.valid('param').entryId, ...c.req.valid('json'), actor: c.var.actor }), 200),
    )
    .openapi(remove, async (c) => {
      await deleteChangelogEntry(c.var.db, { entryId: c.req.valid('param').entryId, actor: c.var.actor });
      // A 204 has no body; the declared type of a response without content is an empty object.
      return c.body(null, 204) as unknown as TypedResponse<{}, 204>;
    })
    .openapi(publish, async (c) => {
      const { entryId } = c.req.valid('param');
      const { dryRun, limit } = c.req.valid('query');
      if (dryRun) return c.json(await previewChangelogEntry(c.var.db, { entryId, actor: c.var.actor, limit }), 200);
      return c.json(await publishChangelogEntry(c.var.db, { entryId, actor: c.var.actor, ...c.var.telling }), 200);
    });
