import {
  boardParams,
  demandHistorySchema,
  demandSchema,
  postParams,
  priorityFormulaInput,
  priorityFormulaSchema,
  priorityInputsInput,
} from '../schemas.js';
import { demandHistoryOf, demandOf } from '../services/demand.js';
import { priorityFormulaOf, setPriorityFormula, setPriorityInputs } from '../services/priority.js';
import { admin, anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const demand = operation({
  method: 'get', path: '/posts/{id}/demand', tag: 'posts', access: anyone, errors: [404],
  summary: 'The true demand behind an idea: its distinct people, and for admins its customers and priority',
  description:
    'people: each person once, `direct` (voted for or were recorded as asking for the idea itself) and `viaMerged` ' +
    '(the people of every idea merged into it, at any depth). merged: those ideas, each with its own people. For ' +
    'admins only (null for anyone else): the customer requests, the customer value of the people (companies from ' +
    'identity traits, else from their request; each company\'s MRR once; per plan) and the priority score with each ' +
    'of its terms. Asked for a merged idea, it answers for the idea it was merged into.',
  request: { params: postParams },
  response: { status: 200, description: 'The demand.', schema: demandSchema },
});

const history = operation({
  method: 'get', path: '/posts/{id}/demand/history', tag: 'admin', access: admin, errors: [404],
  summary: 'How the demand behind an idea grew, day by day',
  description:
    'Each day (UTC) some of the idea\'s people first wanted it (their earliest vote or request on it or an idea merged ' +
    'into it; linked feedback counts as a request), with the running total. Asked for a merged idea, it answers for ' +
    'the idea it was merged into.',
  request: { params: postParams },
  response: { status: 200, description: 'The days, oldest first.', schema: demandHistorySchema },
});

const setInputs = operation({
  method: 'put', path: '/posts/{id}/priority', tag: 'admin', access: admin, errors: [400, 404],
  summary: 'Set an idea\'s impact and effort for its priority',
  description: 'Fields left out stay as they are (both default to 1). On a merged idea they are set on the idea it was merged into.',
  request: { params: postParams, body: jsonBody(priorityInputsInput) },
  response: { status: 200, description: 'The idea\'s demand, with its new priority.', schema: demandSchema },
});

const formula = operation({
  method: 'get', path: '/boards/{board}/priority', tag: 'admin', access: admin, errors: [404],
  summary: 'A board\'s priority formula',
  description: 'score = (people × peopleWeight + MRR × mrrWeight) × impact ÷ effort; until an admin sets one, peopleWeight 1 and mrrWeight 0.01.',
  request: { params: boardParams },
  response: { status: 200, description: 'The formula\'s weights.', schema: priorityFormulaSchema },
});

const setFormula = operation({
  method: 'put', path: '/boards/{board}/priority', tag: 'admin', access: admin, errors: [400, 404],
  summary: 'Set a board\'s priority formula',
  description: 'Both weights are numbers of at least 0. A change is recorded as a board.priority_changed event.',
  request: { params: boardParams, body: jsonBody(priorityFormulaInput) },
  response: { status: 200, description: 'The formula as stored.', schema: priorityFormulaSchema },
});

export const demandRoutes = () =>
  router()
    .openapi(demand, async (c) => c.json(await demandOf(c.var.db, { postId: c.req.valid('param').id, admin: c.var.caller.admin }), 200))
    .openapi(history, async (c) => c.json(await demandHistoryOf(c.var.db, c.req.valid('param').id), 200))
    .openapi(setInputs, async (c) => {
      const { expected, ...inputs } = c.req.valid('json');
      return c.json(await setPriorityInputs(c.var.db, { postId: c.req.valid('param').id, inputs, expected, actor: c.var.actor }), 200);
    })
    .openapi(formula, async (c) => c.json(await priorityFormulaOf(c.var.db, c.req.valid('param').board), 200))
    .openapi(setFormula, async (c) =>
      c.json(await setPriorityFormula(c.var.db, { board: c.req.valid('param').board, formula: c.req.valid('json'), actor: c.var.actor }), 200),
    );
