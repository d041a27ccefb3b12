import { postHistorySchema, postParams } from '../schemas.js';
import { historyOf } from '../services/history.js';
import { admin } from './access.js';
import { operation, router } from './operation.js';

const history = operation({
  method: 'get', path: '/posts/{id}/history', tag: 'admin', access: admin, errors: [404],
  summary: 'An idea\'s history: what happened to it, who did it, when',
  description:
    'From the domain events, oldest first: creation, edits, status changes, tags, priority inputs, and every merge ' +
    'and unmerge it took part in (details name both ideas, `duplicate`, `into` and `canonical`, with the counts moved). Votes are ' +
    'its demand (GET /posts/{id}/demand), not listed here.',
  request: { params: postParams },
  response: { status: 200, description: 'The entries, oldest first.', schema: postHistorySchema },
});

export const historyRoutes = () =>
  router().openapi(history, async (c) => c.json({ items: await historyOf(c.var.db, c.req.valid('param').id) }, 200));
