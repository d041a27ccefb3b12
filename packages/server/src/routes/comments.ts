import {
  commentDeletionSchema,
  commentPageSchema,
  commentParams,
  commentSchema,
  editCommentInput,
  listCommentsQuery,
  newCommentInput,
  newTeamCommentInput,
  postParams,
} from '../schemas.js';
import { addComment, addTeamComment, commentsOf, deleteComment, updateComment } from '../services/comments.js';
import { admin, anyone, participant } from './access.js';
import { jsonBody, operation, router } from './operation.js';
import { offsetPage } from './paging.js';

const list = operation({
  method: 'get', path: '/posts/{id}/comments', tag: 'comments', access: anyone, errors: [400, 404],
  summary: 'One page of an idea\'s comments, oldest first',
  description: 'The team\'s internal notes are listed to admins only.',
  request: { params: postParams, query: listCommentsQuery },
  response: { status: 200, description: 'A page of comments, oldest first.', schema: commentPageSchema },
});

const add = operation({
  method: 'post', path: '/posts/{id}/comments', tag: 'comments', access: participant({ act: 'post', on: 'post' }),
  errors: [400, 404],
  summary: 'Comment on an idea',
  request: { params: postParams, body: jsonBody(newCommentInput) },
  response: { status: 201, description: 'The new comment.', schema: commentSchema },
});

const addAsTeam = operation({
  method: 'post', path: '/posts/{id}/team-comments', tag: 'comments', access: admin, errors: [400, 404],
  summary: 'Comment as the team, or keep an internal note (admin)',
  description:
    'A reply shows as from the team (`team: true`) and tells the conversation like any comment. With `internal: true` ' +
    'it is an internal note: listed to admins only, left out of the idea\'s commentCount, and telling nobody (no ' +
    'notification, email, webhook or live change).',
  request: { params: postParams, body: jsonBody(newTeamCommentInput) },
  response: { status: 201, description: 'The new comment.', schema: commentSchema },
});

const edit = operation({
  method: 'patch', path: '/comments/{commentId}', tag: 'comments', access: participant(), errors: [400, 403, 404],
  summary: 'Edit a comment (author or admin)',
  request: { params: commentParams, body: jsonBody(editCommentInput) },
  response: { status: 200, description: 'The comment after the change.', schema: commentSchema },
});

// Answers 200 with the post's new comment count rather than 204, so a client can update the
// post it shows without fetching it again.
const remove = operation({
  method: 'delete', path: '/comments/{commentId}', tag: 'comments', access: participant(), errors: [403, 404],
  summary: 'Delete a comment for good (author or admin)',
  request: { params: commentParams },
  response: {
    status: 200,
    description: 'The deleted comment\'s id, its idea\'s id and the idea\'s exact comment count afterwards.',
    schema: commentDeletionSchema,
  },
});

export const commentRoutes = () =>
  router()
    .openapi(list, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const slice = await commentsOf(c.var.db, { postId: c.req.valid('param').id, offset: cursor, limit, internal: c.var.caller.admin });
      return c.json(offsetPage(slice, cursor, limit), 200);
    })
    .openapi(add, async (c) =>
      c.json(await addComment(c.var.db, { postId: c.req.valid('param').id, body: c.req.valid('json').body, voter: c.var.actor.key }), 201),
    )
    .openapi(addAsTeam, async (c) =>
      c.json(await addTeamComment(c.var.db, { postId: c.req.valid('param').id, ...c.req.valid('json'), actor: c.var.actor }), 201),
    )
    .openapi(edit, async (c) =>
      c.json(
        await updateComment(c.var.db, { commentId: c.req.valid('param').commentId, body: c.req.valid('json').body, actor: c.var.actor }),
        200,
      ),
    )
    .openapi(remove, async (c) =>
      c.json(await deleteComment(c.var.db, { commentId: c.req.valid('param').commentId, actor: c.var.actor }), 200),
    );
