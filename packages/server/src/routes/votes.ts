import { postParams, voteResultSchema } from '../schemas.js';
import { setVote } from '../services/votes.js';
import { participant } from './access.js';
import { operation, router } from './operation.js';

const mayVote = participant({ act: 'vote', on: 'post' });

const vote = operation({
  method: 'post', path: '/posts/{id}/votes', tag: 'votes', access: mayVote, errors: [404],
  summary: 'Vote; idempotent',
  request: { params: postParams },
  response: { status: 200, description: 'The caller\'s vote and the exact count.', schema: voteResultSchema },
});

const unvote = operation({
  method: 'delete', path: '/posts/{id}/votes', tag: 'votes', access: mayVote, errors: [404],
  summary: 'Take a vote back; idempotent',
  request: { params: postParams },
  response: { status: 200, description: 'The caller\'s vote and the exact count.', schema: voteResultSchema },
});

export const voteRoutes = () =>
  router()
    .openapi(vote, async (c) => c.json(await setVote(c.var.db, { postId: c.req.valid('param').id, voter: c.var.actor.key, voted: true }), 200))
    .openapi(unvote, async (c) =>
      c.json(await setVote(c.var.db, { postId: c.req.valid('param').id, voter: c.var.actor.key, voted: false }), 200),
    );
