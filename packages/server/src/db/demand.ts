import type { PostRef, PriorityInputs } from '@sayso/core';
import type { Queryable } from './database.js';
import { mergeTreeSql } from './people.js';
import { noSuchPost } from './posts.js';

// The demand read side (issue 10): what the services need besides the people of an idea
// (db/people.ts) and its requests (db/customer-requests.ts) to make a Demand with core's
// peopleBreakdown, customerValue and priorityScore.

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

/** The ideas merged into a canonical, at any depth, oldest first. */
export function mergedIdeas(db: Queryable, canonicalId: string): Promise<PostRef[]> {
  return db.query('SELECT id, title FROM posts WHERE canonical_id = $1 ORDER BY created_at, id', [canonicalId]);
}

/**
 * The identity traits of some people of a canonical's tree and, for customer value when the
 * traits name no company, the company of each one's first request in the tree that names one.
 */
export function peopleTraits(
  db: Queryable,
  canonicalId: string,
  userIds: readonly string[],
): Promise<Array<{ traits: Record<string, unknown>; request_company: string | null }>> {
  return db.query(
    `SELECT u.traits,
            (SELECT r.company FROM customer_requests r
              WHERE r.user_id = u.id AND r.post_id IN ${mergeTreeSql('$1::uuid')} AND btrim(r.company) <> ''
              ORDER BY r.created_at, r.id LIMIT 1) AS request_company
       FROM users u WHERE u.id = ANY($2::uuid[])`,
    [canonicalId, userIds],
  );
}

/**
 * How many of a canonical idea's people (post_people: its whole tree) first wanted it on each
 * day (UTC): each person's earliest vote or request anywhere in the tree (feedback linked counts
 * as a request). Only the people it has now, so the days add up to its people count.
 */
export function peopleFirstWantedPerDay(db: Queryable, canonicalId: string): Promise<Array<{ date: string; added: number }>> {
  return db.query<{ date: string; added: number }>(
    `WITH tree AS ${mergeTreeSql('$1::uuid')},
          signs AS (
            SELECT v.user_id, v.created_at AS at FROM votes v WHERE v.post_id IN (SELECT id FROM tree)
            UNION ALL
            SELECT r.user_id, r.created_at FROM customer_requests r WHERE r.post_id IN (SELECT id FROM tree)
          ),
          firsts AS (
            SELECT s.user_id, min(s.at) AS at
              FROM signs s JOIN post_people pp ON pp.post_id = $1::uuid AND pp.user_id = s.user_id AND pp.refs > 0
             GROUP BY s.user_id
          )
     SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, count(*)::int AS added FROM firsts GROUP BY 1`,
    [canonicalId],
  );
}
