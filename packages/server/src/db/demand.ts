import type { CustomerRequest, PostRef, PriorityInputs, RequestImportance } from '@sayso/core';
import type { Queryable } from './database.js';
import { noSuchPost } from './posts.js';
import { iso } from './rows.js';

// The demand read side (issue 10): who wants an idea and what they are worth, read from the
// votes and customer requests of its merge tree (migration 0008: a merged idea's `canonical_id`
// names the end of its chain) and the people's identity traits. No decisions: the services turn
// these rows into a Demand with core's peopleBreakdown, customerValue and priorityScore.

/** The votes and requests of a canonical's whole tree (the canonical `$1` and every idea merged into it). */
const TREE = 'SELECT id FROM posts WHERE id = $1 OR canonical_id = $1';

/** The idea whose demand a post shows (the end of its merge chain) with its board and priority inputs. */
export interface DemandSubject {
  canonicalId: string;
  boardId: string;
  /** What an admin set; missing inputs take core's defaults. */
  inputs: PriorityInputs;
}

/** Where a post's demand is counted: itself, or the canonical it was merged into; `not_found` for an unknown post. */
export async function demandSubject(db: Queryable, postId: string): Promise<DemandSubject> {
  const [row] = await db.query<{ id: string; board_id: string; impact: number | null; effort: number | null }>(
    `SELECT c.id, c.board_id, c.impact::float8 AS impact, c.effort::float8 AS effort
       FROM posts p JOIN posts c ON c.id = COALESCE(p.canonical_id, p.id)
      WHERE p.id = $1`,
    [postId],
  );
  if (!row) throw noSuchPost(postId);
  return {
    canonicalId: row.id,
    boardId: row.board_id,
    inputs: { ...(row.impact === null ? {} : { impact: row.impact }), ...(row.effort === null ? {} : { effort: row.effort }) },
  };
}

/** Each person who voted for, or was recorded as asking for, an idea of the tree: which idea, and who (users rows). */
export function treePeople(db: Queryable, canonicalId: string): Promise<Array<{ post_id: string; user_id: string }>> {
  return db.query(
    `SELECT post_id, user_id FROM votes WHERE post_id IN (${TREE})
     UNION
     SELECT post_id, user_id FROM customer_requests WHERE post_id IN (${TREE})`,
    [canonicalId],
  );
}

/** The ideas merged into a canonical, at any depth. */
export function mergedIdeas(db: Queryable, canonicalId: string): Promise<PostRef[]> {
  return db.query('SELECT id, title FROM posts WHERE canonical_id = $1 ORDER BY created_at, id', [canonicalId]);
}

/**
 * Every distinct person of the tree with their identity traits and, for customer value when the
 * traits name no company, the company of their first request in the tree that names one.
 */
export function treePeopleValues(
  db: Queryable,
  canonicalId: string,
): Promise<Array<{ traits: Record<string, unknown>; request_company: string | null }>> {
  return db.query(
    `WITH people AS (
       SELECT user_id FROM votes WHERE post_id IN (${TREE})
       UNION
       SELECT user_id FROM customer_requests WHERE post_id IN (${TREE})
     )
     SELECT u.traits,
            (SELECT r.company FROM customer_requests r
              WHERE r.user_id = u.id AND r.post_id IN (${TREE}) AND btrim(r.company) <> ''
              ORDER BY r.created_at, r.id LIMIT 1) AS request_company
       FROM users u JOIN people ON people.user_id = u.id`,
    [canonicalId],
  );
}

interface RequestRow {
  id: string;
  post_id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  source_url: string | null;
  note: string | null;
  importance: RequestImportance;
  added_by: string;
  added_by_name: string | null;
  created_at: Date | string;
}

/** The customer requests of every idea of the tree, oldest first, with the admin who recorded each. */
export async function treeRequests(db: Queryable, canonicalId: string): Promise<CustomerRequest[]> {
  const rows = await db.query<RequestRow>(
    `SELECT r.id, r.post_id, r.name, r.email, r.company, r.source_url, r.note, r.importance,
            r.added_by, admin.name AS added_by_name, r.created_at
       FROM customer_requests r JOIN users admin ON admin.id = r.added_by
      WHERE r.post_id IN (${TREE})
      ORDER BY r.created_at, r.id`,
    [canonicalId],
  );
  return rows.map((row) => ({
    id: row.id,
    postId: row.post_id,
    person: { name: row.name, email: row.email },
    company: row.company,
    sourceUrl: row.source_url,
    note: row.note,
    importance: row.importance,
    addedBy: { id: row.added_by, name: row.added_by_name },
    createdAt: iso(row.created_at),
  }));
}
