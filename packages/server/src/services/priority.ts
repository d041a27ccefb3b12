import { DEFAULT_PRIORITY_INPUTS, SaysoError, assertUnchangedSince, type Demand, type Post, type PriorityFormula, type PriorityInputs } from '@sayso/core';
import { boardIdOf } from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import { demandSubject } from '../db/demand.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { findPostsInOrder, type PostListFilters } from '../db/posts.js';
import { boardPriorityFormula, lockPriorityInputs, priorityOrder, updateBoardPriorityFormula, updatePriorityInputs } from '../db/priority.js';
import type { Slice } from '../db/rows.js';
import { demandOf, formulaOrDefault } from './demand.js';
import { record } from './record.js';

const sameFormula = (a: PriorityFormula, b: PriorityFormula) => a.peopleWeight === b.peopleWeight && a.mrrWeight === b.mrrWeight;

/** A board's priority formula; `not_found` for an unknown board. */
export async function priorityFormulaOf(db: Database, board: string): Promise<PriorityFormula> {
  return formulaOrDefault((await boardPriorityFormula(db, board)).formula);
}

/**
 * Sets a board's formula (weights already checked by core's checkPriorityFormula) and records
 * `board.priority_changed` when it changed anything.
 */
export async function setPriorityFormula(db: Database, params: { board: string; formula: PriorityFormula; actor: Actor }): Promise<PriorityFormula> {
  return db.transaction(async (tx) => {
    const { boardId, previous } = await updateBoardPriorityFormula(tx, params.board, params.formula);
    const from = formulaOrDefault(previous);
    if (!sameFormula(from, params.formula)) {
      await record(tx, {
        type: 'board.priority_changed',
        subject: { type: 'board', id: boardId },
        actorId: await ensureUser(tx, params.actor.key),
        payload: { from, to: params.formula },
      });
    }
    return formulaOrDefault((await boardPriorityFormula(tx, params.board)).formula);
  });
}

/**
 * Sets an idea's impact and/or effort (already checked by core's checkPriorityInputs), recording
 * `post.priority_changed` when either changed. Asked for a merged idea, it sets them on the
 * canonical one, whose demand ranks. Answers the idea's demand as the admin sees it.
 */
export async function setPriorityInputs(
  db: Database,
  params: { postId: string; inputs: PriorityInputs; expected?: PriorityInputs | undefined; actor: Actor },
): Promise<Demand> {
  await db.transaction(async (tx) => {
    const { canonicalId: postId } = await demandSubject(tx, params.postId);
    const before = await lockPriorityInputs(tx, postId);
    assertUnchangedSince({ ...DEFAULT_PRIORITY_INPUTS, ...before }, params.expected);
    const changed = (['impact', 'effort'] as const).filter((input) => params.inputs[input] !== undefined && params.inputs[input] !== before[input]);
    if (changed.length === 0) return;
    await updatePriorityInputs(tx, postId, params.inputs);
    await record(tx, {
      type: 'post.priority_changed',
      subject: { type: 'post', id: postId },
      actorId: await ensureUser(tx, params.actor.key),
      payload: Object.fromEntries(changed.map((input) => [input, { from: before[input] ?? null, to: params.inputs[input] }])),
    });
  });
  return demandOf(db, { postId: params.postId, admin: true });
}

/**
 * One page of a board's ideas, highest priority first under the board's formula (the admins'
 * `sort=priority`), as `viewer` sees them; paged by offset like `top`. `forbidden` unless the
 * viewer is an admin: the order weighs what customers pay.
 */
export async function listPostsByPriority(
  db: Queryable,
  params: { board: string; offset: number; limit: number; viewer: string | null; admin: boolean } & PostListFilters,
): Promise<Slice<Post>> {
  if (!params.admin) {
    throw new SaysoError('forbidden', 'Only admins may sort by priority: it weighs what customers pay. sort=top ranks ideas by people.');
  }
  const ids = await priorityOrder(db, { ...params, boardId: await boardIdOf(db, params.board) });
  return { items: await findPostsInOrder(db, ids.slice(0, params.limit), params.viewer), hasMore: ids.length > params.limit };
}
