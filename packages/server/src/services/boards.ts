import {
  SaysoError,
  newBoardWorkflow,
  planWorkflow,
  statusName,
  type AnonymousPolicy,
  type Board,
  type BoardChange,
  type BoardNotificationSettings,
  type NewBoardSettings,
  type StatusKind,
  type WorkflowPlan,
} from '@sayso/core';
import * as boards from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/** Creates a board, with the default workflow or the given one, inside the caller's transaction (seeds; `actorId` for an admin). */
export async function insertBoard(tx: Queryable, board: boards.NewBoard, actorId: string | null = null): Promise<Board> {
  const { id, ...created } = await boards.insertBoard(tx, board);
  await record(tx, { type: 'board.created', subject: { type: 'board', id }, actorId, payload: { slug: created.slug } });
  return created;
}

/** The statuses of a workflow plan, or `invalid_input` naming what is wrong with it. */
function plannedStatuses(plan: WorkflowPlan) {
  if (!plan.ok) throw new SaysoError('invalid_input', plan.problems.map((problem) => problem.message).join(' '), { problems: plan.problems });
  return plan;
}

/** An admin creates a board (fields checked by the route's schema, the workflow here); `conflict` when the slug is taken. */
export function createBoardAsAdmin(db: Database, params: { board: NewBoardSettings; actor: Actor }): Promise<Board> {
  const { statuses } = plannedStatuses(newBoardWorkflow(params.board.statuses));
  return db.transaction(async (tx) =>
    insertBoard(tx, { ...params.board, name: params.board.name.trim(), statuses }, await ensureUser(tx, params.actor.key)),
  );
}

/**
 * Changes a board's fields and workflow in one transaction, recording `board.policy_changed` for
 * the anonymous policy (as PATCH always did) and `board.updated` with the other fields changed.
 * Changing the kind of a status that holds ideas is `conflict` (their shipped dates and
 * notifications were decided by it).
 */
export function updateBoard(db: Database, params: { board: string; change: BoardChange; actor: Actor }): Promise<Board> {
  const { name, description, anonymous, statuses } = params.change;
  return db.transaction(async (tx) => {
    const before = await boards.findBoard(tx, params.board);
    const boardId = await boards.boardIdOf(tx, params.board);
    const actorId = await ensureUser(tx, params.actor.key);
    const trimmed = name?.trim();
    await boards.updateBoardFields(tx, boardId, { name: trimmed, description, anonymous });
    if (statuses !== undefined) {
      const plan = plannedStatuses(planWorkflow(before.statuses, statuses));
      const [holding] = await boards.statusesHoldingIdeas(tx, boardId, plan.kindChanged);
      if (holding) throw new SaysoError('conflict', `The status "${statusName(before, holding)}" holds ideas: move them before changing its kind.`);
      await boards.saveWorkflow(tx, boardId, plan.statuses);
    }
    if (anonymous !== undefined && anonymous !== before.anonymous) {
      await record(tx, { type: 'board.policy_changed', subject: { type: 'board', id: boardId }, actorId, payload: { from: before.anonymous, to: anonymous } });
    }
    const changed = [
      ...(trimmed !== undefined && trimmed !== before.name ? ['name'] : []),
      ...(description !== undefined && description !== before.description ? ['description'] : []),
      ...(statuses !== undefined ? ['statuses'] : []),
    ];
    if (changed.length > 0) await record(tx, { type: 'board.updated', subject: { type: 'board', id: boardId }, actorId, payload: { changed } });
    return boards.findBoard(tx, params.board);
  });
}

/** Creates a board with the default workflow (or the given one); for seeds, tests and admins. */
export function createBoard(db: Database, board: boards.NewBoard): Promise<Board> {
  return db.transaction((tx) => insertBoard(tx, board));
}

/** Changes what anonymous visitors may do on a board; `not_found` for an unknown board. */
export function setBoardPolicy(db: Database, params: { board: string; anonymous: AnonymousPolicy; actor: Actor }): Promise<Board> {
  return updateBoard(db, { board: params.board, change: { anonymous: params.anonymous }, actor: params.actor });
}

/** Which status kinds of a board tell the ideas' followers; `not_found` for an unknown board. */
export async function notificationSettingsOf(db: Queryable, board: string): Promise<BoardNotificationSettings> {
  return { notifyKinds: await boards.notifyKindsOf(db, await boards.boardIdOf(db, board)) };
}

/** Sets which status kinds notify (`done` always, as the schema checked); records `board.notifications_changed`. */
export async function setNotificationSettings(
  db: Database,
  params: { board: string; notifyKinds: StatusKind[]; actor: Actor },
): Promise<BoardNotificationSettings> {
  return db.transaction(async (tx) => {
    const id = await boards.updateNotifyKinds(tx, params.board, params.notifyKinds);
    if (!id) throw boards.noSuchBoard(params.board);
    await record(tx, {
      type: 'board.notifications_changed',
      subject: { type: 'board', id },
      actorId: await ensureUser(tx, params.actor.key),
      payload: { notifyKinds: params.notifyKinds },
    });
    return { notifyKinds: params.notifyKinds };
  });
}
