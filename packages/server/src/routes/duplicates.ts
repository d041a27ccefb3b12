import type { TypedResponse } from 'hono';
import {
  boardParams,
  comparedPostsParams,
  duplicateCandidateListSchema,
  duplicateDismissalInput,
  duplicatesQuery,
  ideaComparisonSchema,
} from '../schemas.js';
import { compareIdeas, dismissDuplicatePair } from '../services/duplicates.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const queue = operation({
  method: 'get', path: '/boards/{board}/duplicates', tag: 'posts', access: admin, errors: [400, 404],
  summary: 'The duplicate queue: pairs of ideas that may say the same thing, most similar first',
  description:
    'Each idea is checked against its board when it arrives and whenever its text changes; its closest ideas ' +
    'above the threshold become candidate pairs. Ideas merged or closed as duplicates never appear, nor do pairs ' +
    'dismissed since either idea\'s text last changed. Accept a pair with `POST /posts/{id}/merge`, the ' +
    'suggested canonical (`posts[0]`) as `into`. Just after a server start, a board whose ideas were never ' +
    'checked fills its queue in the background.',
  request: { params: boardParams, query: duplicatesQuery },
  response: { status: 200, description: 'Up to `limit` pairs.', schema: duplicateCandidateListSchema },
});

const dismiss = operation({
  method: 'post', path: '/duplicates/dismissals', tag: 'posts', access: admin, errors: [400, 404],
  summary: 'Dismiss a pair of the duplicate queue: it comes back only when either idea\'s text changes',
  description: 'Idempotent. Two ideas of different boards, or one idea twice, are 400; an unknown idea is 404.',
  request: { body: jsonBody(duplicateDismissalInput) },
  response: { status: 204, description: 'Dismissed.' },
});

const compare = operation({
  method: 'get', path: '/posts/{id}/compare/{other}', tag: 'posts', access: admin, errors: [400, 404],
  summary: 'Two ideas side by side, with the people they share: is one a duplicate of the other?',
  description:
    'Each idea as it is, with its evidence per source, and its people (voters and recorded requests of the idea and ' +
    'of the ideas merged into it, each once) counted as shared with the other or only its own; the shared people are ' +
    'named where known (a signed-in name or email, else what a request recorded). The same idea twice is 400.',
  request: { params: comparedPostsParams },
  response: { status: 200, description: 'The comparison.', schema: ideaComparisonSchema },
});

export const duplicateRoutes = () =>
  router()
    .openapi(queue, async (c) => {
      const items = await c.var.similarPosts.duplicates({ board: c.req.valid('param').board, ...c.req.valid('query'), viewer: c.var.caller.key });
      return c.json({ items }, 200);
    })
    .openapi(dismiss, async (c) => {
      await dismissDuplicatePair(c.var.db, { postIds: c.req.valid('json').postIds, actor: c.var.actor });
      // A 204 has no body; the declared type of a response without content is an empty object.
      return c.body(null, 204) as unknown as TypedResponse<{}, 204>;
    })
    .openapi(compare, async (c) => {
      const { id, other } = c.req.valid('param');
      return c.json(await compareIdeas(c.var.db, { postIds: [id, other], viewer: c.var.caller.key }), 200);
    });
