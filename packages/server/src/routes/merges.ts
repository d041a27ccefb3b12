import { customerRequestSchema, mergeInput, mergeResultSchema, newCustomerRequestInput, postParams } from '../schemas.js';
import { addCustomerRequest } from '../services/customer-requests.js';
import { mergePost, unmergePost } from '../services/merges.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const merge = operation({
  method: 'post', path: '/posts/{id}/merge', tag: 'posts', access: admin, errors: [400, 404, 409],
  summary: 'Merge a duplicate into another idea of its board',
  description:
    'Nothing is moved or deleted: the duplicate takes the board\'s first status of kind `duplicate` and counts on ' +
    '`into` (or on the idea `into` was merged into): its people, comments, tags and customer requests show there, a vote ' +
    'on it counts there, and its people are told once, in-app. Merging an idea into itself, into an idea merged into ' +
    'it, or across boards is 400; merging an idea already merged is 409 (unmerge it first), so of two admins merging ' +
    'the same idea at once one wins. An unknown `into` is 404.',
  request: { params: postParams, body: jsonBody(mergeInput) },
  response: { status: 200, description: 'Both ideas after the merge.', schema: mergeResultSchema },
});

const unmerge = operation({
  method: 'post', path: '/posts/{id}/unmerge', tag: 'posts', access: admin, errors: [404, 409],
  summary: 'Undo a merge exactly',
  description:
    'The duplicate stands on its own again with the status it had; every count, voter, comment and tag of both ideas ' +
    'is as before the merge. 409 for an idea that is not merged.',
  request: { params: postParams },
  response: { status: 200, description: 'Both ideas after the unmerge; `canonical` is the idea it was merged into.', schema: mergeResultSchema },
});

const request = operation({
  method: 'post', path: '/posts/{id}/requests', tag: 'posts', access: admin, errors: [400, 404],
  summary: 'Record that a customer asked for an idea',
  description:
    'The person counts among the idea\'s people like a vote (on its canonical while it is merged) and, when they are ' +
    'a signed-in user with that email, hears when it ships. The same person (same email, else same name, ' +
    'case-insensitive) on the same idea again records nothing.',
  request: { params: postParams, body: jsonBody(newCustomerRequestInput) },
  response: {
    status: 201,
    description: 'The request recorded.',
    schema: customerRequestSchema,
    repeat: { status: 200, description: 'It already was: the first record.' },
  },
});

export const mergeRoutes = () =>
  router()
    .openapi(merge, async (c) => {
      const merged = await mergePost(c.var.db, { postId: c.req.valid('param').id, into: c.req.valid('json').into, actor: c.var.actor });
      c.var.similarPosts.postsChanged();
      return c.json(merged, 200);
    })
    .openapi(unmerge, async (c) => {
      const unmerged = await unmergePost(c.var.db, { postId: c.req.valid('param').id, actor: c.var.actor });
      c.var.similarPosts.postsChanged();
      return c.json(unmerged, 200);
    })
    .openapi(request, async (c) => {
      const recorded = await addCustomerRequest(c.var.db, { postId: c.req.valid('param').id, ...c.req.valid('json'), actor: c.var.actor });
      return recorded.created ? c.json(recorded.request, 201) : c.json(recorded.request, 200);
    });
