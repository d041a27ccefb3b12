import type { Queryable } from './database.js';

/** One event of an idea's history, with who did it. */
export interface HistoryRow {
  sequence: string;
  type: string;
  actor_id: string | null;
  actor_name: string | null;
  occurred_at: Date | string;
  payload: Record<string, unknown>;
}

/**
 * The domain events of an idea, oldest first: those about the idea itself (its creation, edits,
 * status, tags, priority, its own merge and unmerge) and the merges and unmerges of other ideas
 * into it, which name it in their payload (`duplicate`, `into`, `canonical`: see MergedPayload). Votes are left out: they are the idea's demand, not
 * its history, and a popular idea has thousands.
 */
export function postHistory(db: Queryable, postId: string): Promise<HistoryRow[]> {
  return db.query<HistoryRow>(
    `SELECT e.sequence::text AS sequence, e.type, e.actor_id, u.name AS actor_name,
            e.occurred_at, e.payload
       FROM domain_events e LEFT JOIN users u ON u.id = e.actor_id
      WHERE e.subject_type = 'post'
        AND ((e.subject_id = $1 AND e.type NOT IN ('vote.added', 'vote.removed'))
             OR (e.type IN ('post.merged', 'post.unmerged')
                 AND $1::text IN (e.payload -> 'duplicate' ->> 'id', e.payload -> 'into' ->> 'id', e.payload -> 'canonical' ->> 'id')))
      ORDER BY e.sequence`,
    [postId],
  );
}
