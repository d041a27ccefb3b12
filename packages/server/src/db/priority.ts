import type { PriorityFormula, PriorityInputs } from '@sayso/core';
import { noSuchBoard } from './boards.js';
import type { Queryable } from './database.js';
import { noSuchPost } from './posts.js';

// Priority settings (migration 0009): a board's formula, an idea's impact and effort. NULL is
// "not set"; the services put core's defaults in its place.

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

/** Sets a board's formula; returns the board's id and the formula it had. `not_found` for an unknown slug. */
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

/** Sets the inputs given; the others stay. */
export async function updatePriorityInputs(tx: Queryable, postId: string, inputs: PriorityInputs): Promise<void> {
  await tx.query('UPDATE posts SET impact = COALESCE($2::numeric, impact), effort = COALESCE($3::numeric, effort) WHERE id = $1', [
    postId,
    inputs.impact ?? null,
    inputs.effort ?? null,
  ]);
}
