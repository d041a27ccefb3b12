import type { SubscriptionReason } from '@sayso/core';
import type { Queryable } from './database.js';
import { unreadShippedNewsSql } from './notifications.js';
import { REQUEST_KEY_PREFIX, mergeTreeSql } from './people.js';

// Who follows which idea (migration 0013), and where their email goes. SQL only: the services
// decide when someone is subscribed (services/subscriptions.ts) and who is told (services/outbox.ts).

/**
 * Subscribes a person to an idea as the side effect of asking for it, in the caller's
 * transaction; an existing row (an explicit unsubscribe above all) stays as it is.
 */
export async function subscribe(tx: Queryable, postId: string, userId: string, reason: SubscriptionReason): Promise<void> {
  await tx.query(
    `INSERT INTO subscriptions (post_id, user_id, state, reason) VALUES ($1, $2, 'subscribed', $3)
     ON CONFLICT (post_id, user_id) DO NOTHING`,
    [postId, userId, reason],
  );
}

/**
 * The rest of a data-modifying statement whose CTE `changed` returned (`subject_id`, `actor_id`)
 * rows: subscribes each actor to each subject (the vote path, one statement).
 */
export const subscribeChanged = (reason: SubscriptionReason) =>
  `INSERT INTO subscriptions (post_id, user_id, state, reason)
   SELECT subject_id, actor_id, 'subscribed', '${reason}' FROM changed
   ON CONFLICT (post_id, user_id) DO NOTHING`;

/** Sets a person's own choice on an idea: following it (`explicit`, unless they already did) or not, which sticks. */
export async function chooseSubscription(tx: Queryable, postId: string, userId: string, subscribed: boolean): Promise<void> {
  await tx.query(
    `INSERT INTO subscriptions (post_id, user_id, state, reason) VALUES ($1, $2, $3, 'explicit')
     ON CONFLICT (post_id, user_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()
      WHERE subscriptions.state <> EXCLUDED.state`,
    [postId, userId, subscribed ? 'subscribed' : 'unsubscribed'],
  );
}

/**
 * The people following any of the canonicals in `canonicals` (an SQL uuid[]), each once: those
 * `subscribed` on an idea of a canonical's merge tree, unless they unsubscribed from that
 * canonical itself. Column `user_id`.
 */
export const followersSql = (canonicals: string) => `
  SELECT DISTINCT s.user_id
    FROM unnest(${canonicals}) AS canonical (id)
    CROSS JOIN LATERAL ${mergeTreeSql('canonical.id')} AS tree
    JOIN subscriptions s ON s.post_id = tree.id AND s.state = 'subscribed'
   WHERE NOT EXISTS (
     SELECT 1 FROM subscriptions left_out
      WHERE left_out.post_id = canonical.id AND left_out.user_id = s.user_id AND left_out.state = 'unsubscribed')`;

/**
 * Whether person `user` follows canonical `canonical` (both SQL), as SQL: the rule of
 * {@link followersSql} for one person, read through their own rows only.
 */
export const followsSql = (canonical: string, user: string) => `(
  EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = ${user} AND s.state = 'subscribed' AND s.post_id IN ${mergeTreeSql(canonical)})
  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = ${user} AND s.post_id = ${canonical} AND s.state = 'unsubscribed'))`;

/** The first of `canonicals` (an SQL uuid[], in its order) that person `user` follows, as SQL: what their news is about. */
export const firstFollowedSql = (canonicals: string, user: string) => `(
  SELECT c.id FROM unnest(${canonicals}) WITH ORDINALITY AS c (id, position)
   WHERE ${followsSql('c.id', user)} ORDER BY c.position LIMIT 1)`;

/**
 * Where email to the person of users row `u` goes, as SQL; NULL when nowhere: email turned off,
 * no address, or a visitor's address whose confirmation link was not followed. A host user's
 * address is the one the host signed; a person recorded by a customer request has the address
 * the admin recorded (the admin vouches for it).
 */
export const mailboxSql = (u: string) => `
  CASE WHEN ${u}.email_off THEN NULL
       WHEN ${u}.key LIKE '${REQUEST_KEY_PREFIX}%' THEN (
         SELECT r.email FROM customer_requests r WHERE r.user_id = ${u}.id AND r.email IS NOT NULL ORDER BY r.created_at LIMIT 1)
       WHEN ${u}.key LIKE 'user:%' OR ${u}.email_confirmed_at IS NOT NULL THEN ${u}.email
  END`;

/** Whether a person can be told in-app (has an identity of their own), as SQL over users row `u`. */
export const reachableInAppSql = (u: string) => `${u}.key NOT LIKE '${REQUEST_KEY_PREFIX}%'`;

/** One person following an idea as an audience lists them. */
export interface FollowerRow {
  id: string;
  name: string | null;
  mailbox: string | null;
  in_app: boolean;
  reasons: SubscriptionReason[];
}

/**
 * Who follows the canonicals (see {@link followersSql}), less `exceptId` (who makes the change):
 * how many can be emailed and told in-app, and the first `limit` of them by id with their
 * reasons, counted in SQL whatever their number. `shipping`: the change ships the (one)
 * canonical, so who has not read its last shipping yet is not told in-app again.
 */
export async function followersOf(
  db: Queryable,
  params: { canonicalIds: readonly string[]; exceptId: string | null; limit: number; shipping: boolean },
): Promise<{ email: number; inApp: number; total: number; people: FollowerRow[] }> {
  const followers = `
    SELECT u.id, u.name, ${mailboxSql('u')} AS mailbox,
           ${reachableInAppSql('u')} AND NOT ($3::boolean AND ${unreadShippedNewsSql('u.id', '($1::uuid[])[1]')}) AS in_app
      FROM (${followersSql('$1::uuid[]')}) AS f JOIN users u ON u.id = f.user_id
     WHERE u.id IS DISTINCT FROM $2::uuid`;
  const [counts] = await db.query<{ email: number; in_app: number; total: number }>(
    `SELECT count(mailbox)::int AS email, count(*) FILTER (WHERE in_app)::int AS in_app, count(*)::int AS total
       FROM (${followers}) AS audience`,
    [params.canonicalIds, params.exceptId, params.shipping],
  );
  const people = await db.query<FollowerRow>(
    `SELECT a.*, ARRAY(
              SELECT DISTINCT s.reason FROM subscriptions s
               WHERE s.user_id = a.id AND s.state = 'subscribed'
                 AND s.post_id IN (SELECT id FROM posts WHERE id = ANY($1::uuid[]) OR canonical_id = ANY($1::uuid[]))
               ORDER BY s.reason) AS reasons
       FROM (${followers}) AS a ORDER BY a.id LIMIT $4`,
    [params.canonicalIds, params.exceptId, params.shipping, params.limit],
  );
  return { email: Number(counts!.email), inApp: Number(counts!.in_app), total: Number(counts!.total), people };
}

/** Why a person follows any of the canonicals (each reason once): for "why you get this". */
export async function reasonsOf(db: Queryable, userId: string, canonicalIds: readonly string[]): Promise<SubscriptionReason[]> {
  const rows = await db.query<{ reason: SubscriptionReason }>(
    `SELECT DISTINCT reason FROM subscriptions
      WHERE user_id = $1 AND state = 'subscribed'
        AND post_id IN (SELECT id FROM posts WHERE id = ANY($2::uuid[]) OR canonical_id = ANY($2::uuid[]))
      ORDER BY reason`,
    [userId, canonicalIds],
  );
  return rows.map((row) => row.reason);
}

/** A person's subscription to a canonical: whether they follow it and why (its own row first). */
export async function subscriptionRow(
  db: Queryable,
  canonicalId: string,
  userId: string,
): Promise<{ subscribed: boolean; reason: SubscriptionReason | null }> {
  const [row] = await db.query<{ following: boolean; reason: SubscriptionReason | null }>(
    `SELECT ${followsSql('$1::uuid', '$2::uuid')} AS following,
            (SELECT s.reason FROM subscriptions s
              WHERE s.user_id = $2 AND s.state = 'subscribed' AND s.post_id IN ${mergeTreeSql('$1::uuid')}
              ORDER BY s.post_id = $1 DESC, s.created_at LIMIT 1) AS reason`,
    [canonicalId, userId],
  );
  return row!.following ? { subscribed: true, reason: row!.reason } : { subscribed: false, reason: null };
}

/** The canonicals a person follows, newest subscription first, up to `limit`: for their subscriptions page. */
export async function followedBy(db: Queryable, userId: string, limit: number): Promise<Array<{ id: string; title: string }>> {
  return db.query<{ id: string; title: string }>(
    `SELECT p.id, p.title FROM posts p
      WHERE p.canonical_id IS NULL
        AND ${followsSql('p.id', '$1::uuid')}
        AND p.id IN (SELECT COALESCE(q.canonical_id, q.id) FROM subscriptions s JOIN posts q ON q.id = s.post_id
                      WHERE s.user_id = $1 AND s.state = 'subscribed')
      ORDER BY p.created_at DESC LIMIT $2`,
    [userId, limit],
  );
}

/** A person's email settings as stored. */
export interface MailSettingsRow {
  key: string;
  name: string | null;
  email: string | null;
  email_confirmed_at: Date | string | null;
  email_off: boolean;
  mailbox: string | null;
}

/** A person's email settings; `undefined` for no such users row. */
export async function mailSettingsOf(db: Queryable, userId: string): Promise<MailSettingsRow | undefined> {
  const [row] = await db.query<MailSettingsRow>(
    `SELECT u.key, u.name, u.email, u.email_confirmed_at, u.email_off, ${mailboxSql('u')} AS mailbox FROM users u WHERE u.id = $1`,
    [userId],
  );
  return row;
}

/** Turns a person's email off or on again. */
export async function setEmailOff(tx: Queryable, userId: string, off: boolean): Promise<void> {
  await tx.query('UPDATE users SET email_off = $2 WHERE id = $1', [userId, off]);
}

/**
 * Stores the address a visitor left; a new address waits for its confirmation link. Returns
 * whether it changed: only then is a confirmation due, so repeating the request mails nobody again.
 */
export async function leaveAddress(tx: Queryable, userId: string, email: string): Promise<boolean> {
  const changed = await tx.query(
    `UPDATE users SET email = $2, email_confirmed_at = NULL, updated_at = now()
      WHERE id = $1 AND email IS DISTINCT FROM $2 RETURNING 1`,
    [userId, email],
  );
  return changed.length > 0;
}

/** Confirms a visitor's address, when it is still the one the link was sent for; whether it was. */
export async function confirmAddress(tx: Queryable, userId: string, email: string): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, now()) WHERE id = $1 AND email = $2 RETURNING 1`,
    [userId, email],
  );
  return rows.length > 0;
}

/** Which of the canonicals a person follows, in the given order, with their titles and boards. */
export async function followedAmong(
  db: Queryable,
  userId: string,
  canonicalIds: readonly string[],
): Promise<Array<{ id: string; title: string; board: string }>> {
  return db.query<{ id: string; title: string; board: string }>(
    `SELECT p.id, p.title, b.slug AS board FROM posts p JOIN boards b ON b.id = p.board_id
      WHERE p.id = ANY($2::uuid[]) AND ${followsSql('p.id', '$1::uuid')}
      ORDER BY array_position($2::uuid[], p.id)`,
    [userId, canonicalIds],
  );
}

/** Gives a person's subscriptions to another users row (requests recorded by email, now signed in); theirs stay where they have one. */
export async function moveSubscriptions(tx: Queryable, fromUserId: string, toUserId: string): Promise<void> {
  await tx.query(
    `INSERT INTO subscriptions (post_id, user_id, state, reason, created_at)
     SELECT post_id, $2, state, reason, created_at FROM subscriptions WHERE user_id = $1
     ON CONFLICT (post_id, user_id) DO NOTHING`,
    [fromUserId, toUserId],
  );
  await tx.query('DELETE FROM subscriptions WHERE user_id = $1', [fromUserId]);
}
