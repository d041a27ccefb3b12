import { requesterKey, type CustomerRequest, type RequestImportance } from '@sayso/core';
import type { Queryable } from './database.js';
import { ensureUser } from './identity.js';
import { REQUEST_KEY_PREFIX, subtreeSql } from './people.js';
import { iso } from './rows.js';

// Customer requests (migration 0008): an admin's record that someone asked for an idea
// elsewhere. Each counts in the idea's people like a vote (db/people.ts).

interface RequestRow {
  id: string;
  post_id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  source_url: string | null;
  note: string | null;
  importance: RequestImportance;
  added_by_id: string;
  added_by_name: string | null;
  created_at: Date | string;
}

const toCustomerRequest = (row: RequestRow): CustomerRequest => ({
  id: row.id,
  postId: row.post_id,
  person: { name: row.name, email: row.email },
  company: row.company,
  sourceUrl: row.source_url,
  note: row.note,
  importance: row.importance,
  addedBy: { id: row.added_by_id, name: row.added_by_name },
  createdAt: iso(row.created_at),
});

const REQUEST_SELECT = `
  SELECT r.id, r.post_id, r.name, r.email, r.company, r.source_url, r.note, r.importance,
         r.added_by AS added_by_id, adder.name AS added_by_name, r.created_at
    FROM customer_requests r JOIN users adder ON adder.id = r.added_by`;

/** The request recorded for this person (core's requesterKey) on this idea; `undefined` when none. */
export async function findCustomerRequest(db: Queryable, postId: string, requesterKey: string): Promise<CustomerRequest | undefined> {
  const [row] = await db.query<RequestRow>(`${REQUEST_SELECT} WHERE r.post_id = $1 AND r.requester_key = $2`, [postId, requesterKey]);
  return row && toCustomerRequest(row);
}

/** The requests recorded on an idea and on every idea merged into it, oldest first. */
export async function customerRequestsOf(db: Queryable, postId: string): Promise<CustomerRequest[]> {
  const rows = await db.query<RequestRow>(`${REQUEST_SELECT} WHERE r.post_id IN ${subtreeSql('$1')} ORDER BY r.created_at, r.id`, [postId]);
  return rows.map(toCustomerRequest);
}

/**
 * The users row a request counts as: the signed-in user with that email when there is one (so
 * their vote and the request count once, and they hear when the idea ships), else one of its
 * own keyed by the requester key.
 */
export async function requesterUserId(tx: Queryable, requesterKey: string, email: string | null): Promise<string> {
  if (email !== null) {
    const [user] = await tx.query<{ id: string }>(
      `SELECT id FROM users WHERE lower(email) = lower($1) AND key LIKE 'user:%' ORDER BY created_at, id LIMIT 1`,
      [email],
    );
    if (user) return user.id;
  }
  return ensureUser(tx, `${REQUEST_KEY_PREFIX}${requesterKey}`);
}

/**
 * The posts holding requests recorded for someone by email before they signed in, and the users
 * row those requests counted as until now (`request:email:<address>`); `undefined` when none.
 */
export async function requestsAwaitingUser(db: Queryable, email: string): Promise<{ requestUserId: string; postIds: string[] } | undefined> {
  const rows = await db.query<{ user_id: string; post_id: string }>(
    `SELECT r.user_id, r.post_id FROM customer_requests r JOIN users u ON u.id = r.user_id
      WHERE u.key = $1 ORDER BY r.post_id`,
    [`${REQUEST_KEY_PREFIX}${requesterKey({ email })}`],
  );
  return rows.length === 0 ? undefined : { requestUserId: rows[0]!.user_id, postIds: rows.map((row) => row.post_id) };
}

/** Makes every request that counted as `fromUserId` count as `toUserId`; returns how many moved. */
export async function moveRequests(tx: Queryable, fromUserId: string, toUserId: string): Promise<number> {
  const moved = await tx.query('UPDATE customer_requests SET user_id = $2 WHERE user_id = $1 RETURNING 1', [fromUserId, toUserId]);
  return moved.length;
}

/** Records a request; `undefined` when this person's request on this idea already was recorded. */
export async function insertCustomerRequest(
  tx: Queryable,
  request: {
    postId: string;
    userId: string;
    requesterKey: string;
    name: string | null;
    email: string | null;
    company: string | null;
    sourceUrl: string | null;
    note: string | null;
    importance: RequestImportance;
    addedBy: string;
    /** Made by linking a feedback item: removed again when the last item standing on it is unlinked. */
    fromFeedback?: boolean;
  },
): Promise<CustomerRequest | undefined> {
  const [inserted] = await tx.query<{ id: string }>(
    `INSERT INTO customer_requests (post_id, user_id, requester_key, name, email, company, source_url, note, importance, added_by, from_feedback)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (post_id, requester_key) DO NOTHING RETURNING id`,
    [
      request.postId,
      request.userId,
      request.requesterKey,
      request.name,
      request.email,
      request.company,
      request.sourceUrl,
      request.note,
      request.importance,
      request.addedBy,
      request.fromFeedback ?? false,
    ],
  );
  return inserted && findCustomerRequest(tx, request.postId, request.requesterKey);
}

/** Removes a request made by linking feedback; the idea it was on, or `undefined` when it was an admin's own (kept). */
export async function deleteFeedbackRequest(tx: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await tx.query<{ post_id: string }>('DELETE FROM customer_requests WHERE id = $1 AND from_feedback RETURNING post_id', [requestId]);
  return row?.post_id;
}
