import type { PriorityFormula, PriorityInputs } from '@sayso/core';
import { noSuchBoard } from './boards.js';
import type { Queryable } from './database.js';
import { filterClauses, noSuchPost, type PostListFilters } from './posts.js';

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

/** A person's MRR trait, as core's personValueFromTraits reads it: a number of at least 0, else none. */
const mrrTrait = (traits: string) =>
  `CASE WHEN jsonb_typeof(${traits} -> 'mrr') = 'number' AND (${traits} ->> 'mrr')::float8 >= 0 THEN (${traits} ->> 'mrr')::float8 END`;

/**
 * The MRR of the companies behind the ideas standing on their own: core's customerValue in SQL,
 * so the admins' list can order by it. Each person of an idea's post_people (its whole merge
 * tree) counts with the company of their traits, else with that of their first request in the
 * tree naming one; a company (trimmed, case-insensitive) counts once, at the highest MRR any of
 * its people report. It starts from the few users who have a company (users_with_company_idx)
 * and reads their ideas from post_people_user_idx alone (it covers post_id and refs), for every
 * board: the list keeps its board's. Joining each row to its post to filter by board cost more
 * than the rows of other boards (a random read per row).
 */
const IDEA_MRR = `
  WITH traited AS MATERIALIZED (
    SELECT u.id, btrim(u.traits ->> 'company') AS company, ${mrrTrait('u.traits')} AS mrr
      FROM users u
     WHERE jsonb_typeof(u.traits -> 'company') = 'string' AND btrim(u.traits ->> 'company') <> ''
  ), valued AS (
    SELECT pp.post_id, t.company, t.mrr
      FROM traited t JOIN post_people pp ON pp.user_id = t.id AND pp.refs > 0
    UNION ALL
    (SELECT DISTINCT ON (COALESCE(p.canonical_id, p.id), r.user_id)
            COALESCE(p.canonical_id, p.id), btrim(r.company), ${mrrTrait('u.traits')}
       FROM customer_requests r
       JOIN posts p ON p.id = r.post_id AND p.board_id = $1
       JOIN users u ON u.id = r.user_id
      WHERE btrim(r.company) <> '' AND u.id NOT IN (SELECT id FROM traited)
      ORDER BY COALESCE(p.canonical_id, p.id), r.user_id, r.created_at, r.id)
  ), companies AS (
    SELECT post_id, max(COALESCE(mrr, 0)) AS mrr FROM valued GROUP BY post_id, lower(company)
  )
  SELECT post_id, sum(mrr) AS mrr FROM companies GROUP BY post_id`;

/**
 * One page of a board's ideas by priority, highest first (core's priorityScore, rounded as it
 * rounds, then the newest, then the greater id: postOrder('priority')), as ids: `limit` of them
 * from `offset`, and one more when more follow. Merged ideas are left out as in every board list
 * (filterClauses): their people count on their canonical. Every idea matching the filters is scored on each call; the score moves with
 * every vote, request, trait and setting, so nothing keeps it.
 */
export async function priorityOrder(
  db: Queryable,
  params: {
    boardId: string;
    formula: PriorityFormula;
    defaults: Required<PriorityInputs>;
    offset: number;
    limit: number;
  } & PostListFilters,
): Promise<string[]> {
  const values: unknown[] = [params.boardId];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['p.board_id = $1', ...filterClauses(params, param)];
  const score = `round(((p.people_count * ${param(params.formula.peopleWeight)}::float8
                        + COALESCE(m.mrr, 0) * ${param(params.formula.mrrWeight)}::float8)
                       * COALESCE(p.impact::float8, ${param(params.defaults.impact)}::float8)
                       / COALESCE(p.effort::float8, ${param(params.defaults.effort)}::float8))::numeric, 3)`;
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM posts p LEFT JOIN (${IDEA_MRR}) m ON m.post_id = p.id
      WHERE ${where.join(' AND ')}
      ORDER BY ${score} DESC, p.created_at DESC, p.id DESC
      LIMIT ${param(params.limit + 1)} OFFSET ${param(params.offset)}`,
    values,
  );
  return rows.map((row) => row.id);
}
