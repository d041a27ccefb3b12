import type { Queryable } from './database.js';

// What the live stream reads (services/live-changes.ts): the event log in order, with the board
// and idea each public event is about, and the unread counts of the people listening. SQL only.

/**
 * The events that change what any visitor of a board sees of an idea. Nothing else is read with
 * its board: admin-only events (priorities, dismissed duplicates, webhooks) and private ones
 * (follows, email settings) never reach a stream.
 */
export const PUBLIC_POST_EVENTS = [
  'post.created',
  'post.edited',
  'post.tagged',
  'post.untagged',
  'post.status_changed',
  'post.merged',
  'post.unmerged',
  'vote.added',
  'vote.removed',
  'request.added',
  'feedback.linked',
  'feedback.unlinked',
  'feedback.archived',
  'comment.added',
  'comment.edited',
  'comment.deleted',
] as const;

export type PublicPostEvent = (typeof PUBLIC_POST_EVENTS)[number];

/** One event of the log: its board and idea when it is a public change of an idea, else `null`. */
export interface LoggedChange {
  sequence: number;
  type: string;
  board: string | null;
  postId: string | null;
}

/**
 * The next `limit` events after `after` (up to `upTo` when given), in order. Every event is
 * listed, so the caller sees holes in the sequence (a transaction not committed yet); with
 * `board`, only that board's public changes are (a resumed stream, a poll).
 */
export async function eventsAfter(
  db: Queryable,
  params: { after: number; upTo?: number; board?: string; limit: number },
): Promise<LoggedChange[]> {
  const values: unknown[] = [params.after, params.limit, PUBLIC_POST_EVENTS];
  const upTo = params.upTo === undefined ? '' : `AND e.sequence <= $${values.push(params.upTo)}`;
  const board = params.board === undefined ? '' : `AND b.slug = $${values.push(params.board)}`;
  const rows = await db.query<{ sequence: string; type: string; board: string | null; post_id: string | null }>(
    `SELECT e.sequence::text AS sequence, e.type, b.slug AS board, p.id::text AS post_id
       FROM domain_events e
       LEFT JOIN posts p ON e.type = ANY($3::text[]) AND p.id = CASE e.subject_type
              WHEN 'post' THEN e.subject_id
              WHEN 'comment' THEN (e.payload->>'postId')::uuid
              WHEN 'feedback_item' THEN (e.payload->>'postId')::uuid
            END
       LEFT JOIN boards b ON b.id = p.board_id
      WHERE e.sequence > $1 ${upTo} ${board}
      ORDER BY e.sequence
      LIMIT $2`,
    values,
  );
  return rows.map((row) => ({ sequence: Number(row.sequence), type: row.type, board: row.board, postId: row.post_id }));
}

/**
 * The unread notifications of each of `keys` (private user keys) that has any, in one query
 * however many people listen; a key missing from the answer has none.
 */
export async function unreadCountsOf(db: Queryable, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.query<{ key: string; unread: number }>(
    `SELECT u.key, count(*)::int AS unread
       FROM users u JOIN notifications n ON n.recipient_id = u.id AND n.read_at IS NULL
      WHERE u.key = ANY($1::text[])
      GROUP BY u.key`,
    [keys],
  );
  return new Map(rows.map((row) => [row.key, Number(row.unread)]));
}
