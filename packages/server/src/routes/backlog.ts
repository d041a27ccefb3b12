import { z } from '@hono/zod-openapi';
import { backlogExport } from '@sayso/core';
import type { TypedResponse } from 'hono';
import { evidenceOfItem, noSuchBacklogItem, backlogItemRow } from '../db/backlog.js';
import {
  backlogEvidenceListSchema,
  backlogEvidenceParams,
  backlogExportQuery,
  backlogItemChangesInput,
  backlogItemParams,
  backlogItemSchema,
  backlogItemsSchema,
  backlogQuery,
  backlogSuggestionsQuery,
  backlogSuggestionsSchema,
  boardParams,
  capacityReportSchema,
  capacitySettingsInput,
  linkBacklogEvidenceInput,
  newBacklogItemInput,
  publicBacklogSchema,
} from '../schemas.js';
import {
  createBacklogItem,
  deleteBacklogItem,
  getBacklogItem,
  getCapacity,
  linkBacklogEvidence,
  listBacklog,
  listPublicBacklog,
  setCapacitySettings,
  suggestBacklogEvidence,
  unlinkBacklogEvidence,
  updateBacklogItem,
} from '../services/backlog.js';
import { admin, anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const RANKED =
  'Ranked by priority, `(people × peopleWeight + MRR × mrrWeight + risk × riskWeight) ÷ effort` (the board\'s idea ' +
  'formula; risk for security_compliance items only; effort the estimate, 1 without one), then people, then oldest. ' +
  'People are the distinct people behind all its evidence, each once.';

const list = operation({
  method: 'get', path: '/boards/{board}/backlog', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'A board\'s engineering backlog, ranked by what the people behind it suffer',
  description: `${RANKED} Every matching item (no paging: a backlog is hundreds of items). Filters combine.`,
  request: { params: boardParams, query: backlogQuery },
  response: { status: 200, description: 'The items, ranked.', schema: backlogItemsSchema },
});

const create = operation({
  method: 'post', path: '/boards/{board}/backlog', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'Add an item to a board\'s engineering backlog',
  description: 'Title and category are required; status defaults to proposed. Link evidence with POST /backlog/{itemId}/evidence.',
  request: { params: boardParams, body: jsonBody(newBacklogItemInput) },
  response: { status: 201, description: 'The new item.', schema: backlogItemSchema },
});

const read = operation({
  method: 'get', path: '/backlog/{itemId}', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'One backlog item, with its demand and priority',
  request: { params: backlogItemParams },
  response: { status: 200, description: 'The item.', schema: backlogItemSchema },
});

const change = operation({
  method: 'patch', path: '/backlog/{itemId}', tag: 'backlog', access: admin, errors: [400, 404, 409],
  summary: 'Change a backlog item: its text, estimate, owner, tracker links or status',
  description:
    'Fields left out stay. With `expected.updatedAt`, 409 conflict when the item changed since. Moving it to done ' +
    'tells everyone behind its evidence (bell and email, as their preferences allow) the first time only; moving it ' +
    'out of done and back tells nobody again.',
  request: { params: backlogItemParams, body: jsonBody(backlogItemChangesInput) },
  response: { status: 200, description: 'The item as it is now.', schema: backlogItemSchema },
});

const remove = operation({
  method: 'delete', path: '/backlog/{itemId}', tag: 'backlog', access: admin, errors: [404],
  summary: 'Delete a backlog item and its evidence links (the ideas and feedback stay)',
  request: { params: backlogItemParams },
  response: { status: 204, description: 'Deleted.' },
});

const evidence = operation({
  method: 'get', path: '/backlog/{itemId}/evidence', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'The ideas and feedback behind a backlog item, newest linked first',
  request: { params: backlogItemParams },
  response: { status: 200, description: 'Its evidence.', schema: backlogEvidenceListSchema },
});

const link = operation({
  method: 'post', path: '/backlog/{itemId}/evidence', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'Link ideas and feedback to a backlog item as evidence',
  description:
    'Ideas of any board (a merged idea links as itself and counts with its canonical\'s people) and feedback items ' +
    '(each counts with its author, the same person as when it is linked to an idea). Linking one again changes ' +
    'nothing; an unknown id is 400 naming it, and nothing is linked.',
  request: { params: backlogItemParams, body: jsonBody(linkBacklogEvidenceInput) },
  response: { status: 200, description: 'The item as it is now.', schema: backlogItemSchema },
});

const unlink = operation({
  method: 'delete', path: '/backlog/{itemId}/evidence/{evidenceId}', tag: 'backlog', access: admin, errors: [404],
  summary: 'Take one piece of evidence off a backlog item',
  request: { params: backlogEvidenceParams },
  response: { status: 200, description: 'The item as it is now.', schema: backlogItemSchema },
});

const suggestions = operation({
  method: 'get', path: '/backlog/{itemId}/suggestions', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'Ideas and feedback that look like a backlog item, not linked yet, for one-click linking',
  description:
    'By its title, description and next step: ideas of its board as GET /boards/{board}/similar finds them, and the ' +
    'board\'s newest feedback items (not archived) most like it. Scores 0–1, most similar first.',
  request: { params: backlogItemParams, query: backlogSuggestionsQuery },
  response: { status: 200, description: 'Up to `limit` ideas and `limit` feedback items.', schema: backlogSuggestionsSchema },
});

const capacity = operation({
  method: 'get', path: '/boards/{board}/capacity', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'A board\'s engineering capacity: targets beside the actual shares of effort done',
  description:
    'Effort done in the last `windowWeeks`: ideas shipped (their effort) and backlog items done (their estimate), 1 ' +
    'each without one; engineering\'s share and each category\'s, against the targets.',
  request: { params: boardParams },
  response: { status: 200, description: 'The report.', schema: capacityReportSchema },
});

const setCapacity = operation({
  method: 'put', path: '/boards/{board}/capacity', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'Set a board\'s capacity targets and backlog settings',
  description: 'Settings left out stay; a board nobody set has 20 % engineering, a 6-week window, stale after 90 days, risk weight 5, days.',
  request: { params: boardParams, body: jsonBody(capacitySettingsInput) },
  response: { status: 200, description: 'The report under the new settings.', schema: capacityReportSchema },
});

const exportFile = operation({
  method: 'get', path: '/boards/{board}/backlog/export', tag: 'backlog', access: admin, errors: [400, 404],
  summary: 'The ranked backlog as a CSV or JSON file, for planning meetings',
  description:
    'The same items and filters as GET /boards/{board}/backlog, as an attachment (`Content-Disposition`). CSV cells ' +
    'that a spreadsheet would run as a formula are prefixed with `\'`.',
  request: { params: boardParams, query: backlogExportQuery },
  response: {
    status: 200,
    description: 'The file: text/csv, or application/json with `format=json`.',
    schema: z.string().describe('CSV, header row first; or the JSON `{ board, exportedAt, items }`.'),
    mediaType: 'text/csv',
  },
});

const publicList = operation({
  method: 'get', path: '/boards/{board}/public-backlog', tag: 'backlog', access: anyone, errors: [400, 404],
  summary: 'The engineering work a board\'s team made public, for the roadmap',
  description: 'Items marked public and not dropped, read-only: nothing of their evidence or of who asked, only how many people.',
  request: { params: boardParams },
  response: { status: 200, description: 'The public items.', schema: publicBacklogSchema },
});

/** The header naming a download's file, ASCII-safe (board slugs and dates are). */
const attachment = (filename: string) => `attachment; filename="${filename}"`;

export const backlogRoutes = () =>
  router()
    .openapi(list, async (c) => c.json({ items: await listBacklog(c.var.db, { ...c.req.valid('param'), ...c.req.valid('query') }) }, 200))
    .openapi(create, async (c) =>
      c.json(await createBacklogItem(c.var.db, { ...c.req.valid('param'), ...c.req.valid('json'), actor: c.var.actor }), 201),
    )
    .openapi(read, async (c) => c.json(await getBacklogItem(c.var.db, c.req.valid('param').itemId), 200))
    .openapi(change, async (c) =>
      c.json(await updateBacklogItem(c.var.db, { ...c.req.valid('param'), ...c.req.valid('json'), actor: c.var.actor }), 200),
    )
    .openapi(remove, async (c) => {
      await deleteBacklogItem(c.var.db, { ...c.req.valid('param'), actor: c.var.actor });
      // A 204 has no body; the declared type of a response without content is an empty object.
      return c.body(null, 204) as unknown as TypedResponse<{}, 204>;
    })
    .openapi(evidence, async (c) => {
      const { itemId } = c.req.valid('param');
      if (!(await backlogItemRow(c.var.db, itemId))) throw noSuchBacklogItem(itemId);
      return c.json({ items: await evidenceOfItem(c.var.db, itemId) }, 200);
    })
    .openapi(link, async (c) =>
      c.json(await linkBacklogEvidence(c.var.db, { ...c.req.valid('param'), ...c.req.valid('json'), actor: c.var.actor }), 200),
    )
    .openapi(unlink, async (c) => c.json(await unlinkBacklogEvidence(c.var.db, { ...c.req.valid('param'), actor: c.var.actor }), 200))
    .openapi(suggestions, async (c) =>
      c.json(
        await suggestBacklogEvidence(c.var.db, c.var.similarPosts, { ...c.req.valid('param'), ...c.req.valid('query'), viewer: c.var.caller.key }),
        200,
      ),
    )
    .openapi(capacity, async (c) => c.json(await getCapacity(c.var.db, c.req.valid('param')), 200))
    .openapi(setCapacity, async (c) =>
      c.json(await setCapacitySettings(c.var.db, { ...c.req.valid('param'), ...c.req.valid('json'), actor: c.var.actor }), 200),
    )
    .openapi(exportFile, async (c) => {
      const { board } = c.req.valid('param');
      const { format, ...filters } = c.req.valid('query');
      const file = backlogExport(board, await listBacklog(c.var.db, { board, ...filters }), format, new Date());
      // The typed answers of @hono/zod-openapi are JSON ones; the document names the file's types.
      return c.body(file.body, 200, { 'Content-Type': file.contentType, 'Content-Disposition': attachment(file.filename) }) as never;
    })
    .openapi(publicList, async (c) => c.json({ items: await listPublicBacklog(c.var.db, c.req.valid('param')) }, 200));
