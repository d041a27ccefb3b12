import type { PriorityFormula, PriorityInputs } from '@sayso/core';
import { noSuchBoard } from './boards.js';
import type { Queryable } from './database.js';
import { filterClauses, noSuchPost, type PostListFilters } from './posts.js';

// Priority settings (migration 0009): a board's formula, an idea's impact and effort. NULL is
// "not set"; the services put core's defaults in its place. Each idea keeps its customers' MRR
// and its score (migration 0011): the score follows people_count, customer_mrr, impact and effort
// by a trigger, customer_mrr is refreshed wherever an idea's people change (db/people.ts, refreshCustomerMrr).

/** A board's id and the formula an admin set on it (`null`: none yet); `not_found` for an unknown slug. */
export async function boardPriorityFormula(db: Queryable, slug: string): Promise<{ boardId: string; formula: PriorityFormula | null }> {
  const [row] = await db.query<{ id: string; priority_formula: PriorityFormula | null }>(
    'SELECT id, priority_formula FROM boards WHERE slug = $1',
    [slug],
  );
  if (!row) throw noSuchBoard(slug);
  return { boardId: row.id, formula: row.priority_formula };
}

/** The formula an admin set on a board, by its id (`null`: none yet). */
export async function boardPriorityFormulaById(db: Queryable, boardId: string): Promise<PriorityFormula | null> {
  const [row] = await db.query<{ priority_formula: PriorityFormula | null }>('SELECT priority_formula FROM boards WHERE id = $1', [boardId]);
  return row?.priority_formula ?? null;
}

/**
 * Sets a board's formula and rescores its ideas (merged ones too: they keep a score for when they
 * are unmerged); returns the board's id and the formula it had. `not_found` for an unknown slug.
 */
export async function updateBoardPriorityFormula(
  tx: Queryable,
  slug: string,
  formula: PriorityFormula,
): Promise<{ boardId: string; previous: PriorityFormula | null }> {
  const [row] = await tx.query<{ id: string; previous: PriorityFormula | null }>(
    `UPDATE boards b SET priority_formula = $2::jsonb FROM boards old
      WHERE b.slug = $1 AND old.id = b.id
      RETURNING b.id, old.priority_formula AS previous`,
    [slug, JSON.stringify({ peopleWeight: formula.peopleWeight, mrrWeight: formula.mrrWeight })],
  );
  if (!row) throw noSuchBoard(slug);
  await tx.query(
    'UPDATE posts SET priority_score = priority_score_of(people_count, customer_mrr, impact, effort, board_id) WHERE board_id = $1',
    [row.id],
  );
  return { boardId: row.id, previous: row.previous };
}

/** An idea's impact and effort as an admin set them (`undefined`: not set), locked for the rest of the transaction. */
export async function lockPriorityInputs(tx: Queryable, postId: string): Promise<PriorityInputs> {
  const [row] = await tx.query<{ impact: number | null; effort: number | null }>(
    'SELECT impact::float8 AS impact, effort::float8 AS effort FROM posts WHERE id = $1 FOR UPDATE',
    [postId],
  );
  if (!row) throw noSuchPost(postId);
  return { ...(row.impact === null ? {} : { impact: row.impact }), ...(row.effort === null ? {} : { effort: row.effort }) };
}

/** Sets the inputs given; the others stay (and the idea's score follows, migration 0011). */
export async function updatePriorityInputs(tx: Queryable, postId: string, inputs: PriorityInputs): Promise<void> {
  await tx.query('UPDATE posts SET impact = COALESCE($2::numeric, impact), effort = COALESCE($3::numeric, effort) WHERE id = $1', [
    postId,
    inputs.impact ?? null,
    inputs.effort ?? null,
  ]);
}

/**
 * One page of a board's ideas by priority, highest first (core's priorityScore, rounded as it
 * rounds, then the newest, then the greater id: postOrder('priority')), as ids: `limit` of them
 * from `offset`, and one more when more follow. Merged ideas are left out as in every board list
 * (filterClauses): their people count on their canonical. Each idea keeps its score
 * (posts.priority_score, migration 0011), so the page walks posts_board_priority_idx like `top`.
 */
export async function priorityOrder(
  db: Queryable,
  params: {
    boardId: string;
    offset: number;
    limit: number;
  } & PostListFilters,
): Promise<string[]> {
  const values: unknown[] = [params.boardId];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['p.board_id = $1', ...filterClauses(params, param)];
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM posts p
      WHERE ${where.join(' AND ')}
      ORDER BY p.priority_score DESC, p.created_at DESC, p.id DESC
      LIMIT ${param(params.limit + 1)} OFFSET ${param(params.offset)}`,
    values,
  );
  return rows.map((row) => row.id);
}

/**
 * Writes core's defaults where the stored scores read them (priority_defaults) and rescores every
 * idea when they changed since the last start: a board or idea nobody weighed follows core.
 */
export async function syncPriorityDefaults(tx: Queryable, formula: PriorityFormula, inputs: Required<PriorityInputs>): Promise<void> {
  const changed = await tx.query(
    `UPDATE priority_defaults SET people_weight = $1, mrr_weight = $2, impact = $3, effort = $4
      WHERE (people_weight, mrr_weight, impact, effort) IS DISTINCT FROM ($1::float8, $2::float8, $3::float8, $4::float8)
      RETURNING 1`,
    [formula.peopleWeight, formula.mrrWeight, inputs.impact, inputs.effort],
  );
  if (changed.length > 0) {
    await tx.query('UPDATE posts SET priority_score = priority_score_of(people_count, customer_mrr, impact, effort, board_id)');
  }
}
