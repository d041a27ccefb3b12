import { findBoard, listBoards } from '../db/boards.js';
import { boardListSchema, boardParams, boardPolicyInput, boardSchema } from '../schemas.js';
import { setBoardPolicy } from '../services/boards.js';
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

const setPolicy = operation({
  method: 'patch', path: '/boards/{board}', tag: 'admin', access: admin, errors: [400, 404],
  summary: 'Change what anonymous visitors may do on a board',
  request: { params: boardParams, body: jsonBody(boardPolicyInput) },
  response: { status: 200, description: 'The board.', schema: boardSchema },
});

export const boardRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(await listBoards(c.var.db), 200))
    .openapi(one, async (c) => c.json(await findBoard(c.var.db, c.req.valid('param').board), 200))
    .openapi(setPolicy, async (c) => {
      const { anonymous } = c.req.valid('json');
      const board = await setBoardPolicy(c.var.db, { board: c.req.valid('param').board, anonymous, actor: c.var.actor });
      c.var.boardPolicies.forget();
      return c.json(board, 200);
    });
