import { findBoard, listBoards } from '../db/boards.js';
import { boardChangeInput, boardListSchema, boardParams, boardSchema, newBoardInput } from '../schemas.js';
import { createBoardAsAdmin, updateBoard } from '../services/boards.js';
import { admin, anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const list = operation({
  method: 'get', path: '/boards', tag: 'boards', access: anyone, errors: [],
  summary: 'List boards with their workflows',
  response: { status: 200, description: 'Every board with its ordered statuses, oldest first.', schema: boardListSchema },
});

const one = operation({
  method: 'get', path: '/boards/{board}', tag: 'boards', access: anyone, errors: [404],
  summary: 'One board: name, description, anonymous policy, ordered statuses',
  request: { params: boardParams },
  response: {
    status: 200,
    description: 'The board, with its `anonymous` policy (`off`, `votes` or `votes-and-posts`) and its statuses in order.',
    schema: boardSchema,
  },
});

const create = operation({
  method: 'post', path: '/boards', tag: 'admin', access: admin, errors: [400, 409],
  summary: 'Create a board, with the default workflow or the one given',
  description: 'The slug is the board\'s address and never changes; a slug taken is 409.',
  request: { body: jsonBody(newBoardInput) },
  response: { status: 201, description: 'The new board.', schema: boardSchema },
});

const change = operation({
  method: 'patch', path: '/boards/{board}', tag: 'admin', access: admin, errors: [400, 404, 409],
  summary: 'Change a board: name, description, what anonymous visitors may do, its workflow',
  description:
    'Fields left out stay. `statuses` is the whole workflow in order: existing statuses keep their key however renamed ' +
    'or moved, and none may be left out. Changing the kind of a status that holds ideas is 409.',
  request: { params: boardParams, body: jsonBody(boardChangeInput) },
  response: { status: 200, description: 'The board.', schema: boardSchema },
});

export const boardRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(await listBoards(c.var.db), 200))
    .openapi(one, async (c) => c.json(await findBoard(c.var.db, c.req.valid('param').board), 200))
    .openapi(create, async (c) => c.json(await createBoardAsAdmin(c.var.db, { board: c.req.valid('json'), actor: c.var.actor }), 201))
    .openapi(change, async (c) => {
      const board = await updateBoard(c.var.db, { board: c.req.valid('param').board, change: c.req.valid('json'), actor: c.var.actor });
      c.var.boardPolicies.forget();
      return c.json(board, 200);
    });
