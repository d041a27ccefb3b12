import {
  SaysoError,
  checkBoardFields,
  checkNewBoard,
  newBoardWorkflow,
  planWorkflow,
  statusName,
  type Board,
  type SaysoAdapter,
  type SaysoAdminApi,
  type WorkflowPlan,
} from '@sayso/core';
import { addMemoryBoard } from './data.js';
import { refuse, type MemoryVisitor } from './visitor.js';

export function boardOperations({ data, settle, boardOf }: MemoryVisitor): Pick<SaysoAdapter, 'listBoards' | 'getBoard'> {
  return {
    listBoards: () => settle(() => [...data.boards.values()]),
    getBoard: ({ board }) => settle(() => boardOf(board)),
  };
}

/** Boards as admins create and change them, with the rules every adapter shares (`planWorkflow`). */
export function boardAdminOperations(visitor: MemoryVisitor): Pick<SaysoAdminApi, 'createBoard' | 'updateBoard'> {
  const { data, commit, boardOf } = visitor;
  const planned = (plan: WorkflowPlan) => {
    if (!plan.ok) refuse(plan.problems);
    return plan as Extract<WorkflowPlan, { ok: true }>;
  };
  return {
    createBoard: (board) =>
      commit(() => {
        refuse(checkNewBoard(board));
        if (data.boards.has(board.slug)) throw new SaysoError('conflict', `There already is a board "${board.slug}".`);
        const { statuses } = planned(newBoardWorkflow(board.statuses));
        return addMemoryBoard(data, { ...board, name: board.name.trim(), statuses });
      }),

    updateBoard: ({ board: slug, name, description, anonymous, statuses }) =>
      commit(() => {
        const board = boardOf(slug);
        refuse(checkBoardFields({ name, description, anonymous }));
        const changed: Board = {
          ...board,
          ...(name === undefined ? {} : { name: name.trim() }),
          ...(description === undefined ? {} : { description }),
          ...(anonymous === undefined ? {} : { anonymous }),
        };
        if (statuses !== undefined) {
          const plan = planned(planWorkflow(board.statuses, statuses));
          const holding = plan.kindChanged.find((id) => [...data.posts.values()].some((post) => post.board === slug && post.status === id));
          if (holding) throw new SaysoError('conflict', `The status "${statusName(board, holding)}" holds ideas: move them before changing its kind.`);
          changed.statuses = plan.statuses;
        }
        data.boards.set(slug, changed);
        return changed;
      }),
  };
}
