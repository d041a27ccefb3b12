import type { DeliveryChannel } from '@sayso/core';
import { backerMailboxSql, backersSql, firstBackedIdeaSql } from './backlog-backers.js';
import type { Queryable } from './database.js';
import { unreadShippedNewsSql } from './notifications.js';
import { firstFollowedSql, followersSql, mailboxSql, reachableInAppSql } from './subscriptions.js';

// The outbox (migration 0013): deliveries and the audiences still to expand into them. SQL only;
// services/outbox.ts decides what an event sends, services/delivery-worker.ts sends it.

/** The key that makes a delivery unique: one per event, channel and recipient. */
export const dedupeKey = (sequence: string, channel: DeliveryChannel, recipientId: string) => `${sequence}:${channel}:${recipientId}`;

/**
 * The channels whose deliveries are made by expanding an audience: email, sent later by the
 * worker, and the bell (`in_app`), whose notification is made and logged as sent as the page is
 * expanded.
 */
export type FanoutChannel = 'email' | 'in_app';

/** People told per page of an audience when nothing says otherwise. */
export const FANOUT_PAGE_SIZE = 500;

/**
 * Who a fan-out tells: the followers of canonicals (`postIds`, in the order their news names
 * them), or the people behind a backlog item's evidence (db/backlog-backers.ts).
 */
export type FanoutAudience = { postIds: readonly string[] } | { backlogItemId: string };

/** An audience still to be told of an event through a channel, from `afterUserId` on. */
export interface Fanout {
  sequence: string;
  channel: FanoutChannel;
  audience: FanoutAudience;
  afterUserId: string | null;
}

/** The audience as the columns of `delivery_fanouts` hold it: `post_ids` (empty for a backlog item's) and `backlog_item_id`. */
const audienceColumns = (audience: FanoutAudience): [readonly string[], string | null] =>
  'backlogItemId' in audience ? [[], audience.backlogItemId] : [audience.postIds, null];

/** Records that `audience` is to be told of an event through `channel`; expanded later. */
export async function insertFanout(tx: Queryable, params: { sequence: string; channel: FanoutChannel; audience: FanoutAudience }): Promise<void> {
  await tx.query(
    `INSERT INTO delivery_fanouts (event_sequence, channel, post_ids, backlog_item_id) VALUES ($1, $2, $3::uuid[], $4) ON CONFLICT DO NOTHING`,
    [params.sequence, params.channel, ...audienceColumns(params.audience)],
  );
}

/** One delivery to one person, made at once (a confirmation link); nothing when it already exists. */
export async function insertDelivery(
  tx: Queryable,
  params: { sequence: string; channel: DeliveryChannel; userId: string; postId: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO deliveries (event_sequence, channel, user_id, post_id, dedupe_key) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [params.sequence, params.channel, params.userId, params.postId, dedupeKey(params.sequence, params.channel, params.userId)],
  );
}

// In the statements below, $1 names the fan-out's audience (its canonicals, or its backlog item),
// $3 is its event's sequence, `e` the event and `u` the told person's users row.

/** Whether the bell's news of event `e` is a shipping (else a move into a status the board tells of), as SQL. */
const shipsSql = `(e.type = 'changelog.published' OR (e.payload->>'ships')::boolean IS TRUE)`;

/** An audience as SQL: who it is, what each person's news names, and how their bell and mail tell it. */
interface AudienceSql {
  /** Its people, each once: column `user_id`. */
  people: string;
  /** The idea the news of person `user` names (NULL: none): the first of the audience's ideas they follow or back. */
  ideaOf: (user: string) => string;
  /** Where their mail goes; NULL: nowhere. */
  mailboxOf: (u: string) => string;
  /** Whose bell already holds the news, not told again. */
  toldAlready: (u: string) => string;
  /** The bell's notification: its kind, status key and backlog item. */
  news: { kind: string; statusKey: string; backlogItem: string };
}

const audiences: Record<'followers' | 'backers', AudienceSql> = {
  followers: {
    people: followersSql('$1::uuid[]'),
    ideaOf: (user) => firstFollowedSql('$1::uuid[]', user),
    mailboxOf: mailboxSql,
    // Nobody's bell fills up with the same news: who has not read an idea's last shipping yet is
    // not told it shipped again (a changelog entry is news of its own).
    toldAlready: (u) => `(e.type = 'post.status_changed' AND ${shipsSql} AND ${unreadShippedNewsSql(`${u}.id`, '($1::uuid[])[1]')})`,
    news: { kind: `CASE WHEN ${shipsSql} THEN 'shipped' ELSE 'status' END`, statusKey: `e.payload->>'to'`, backlogItem: 'NULL::uuid' },
  },
  // A backlog item is done once (told_at): nobody can have heard of it before.
  backers: {
    people: backersSql('$1::uuid'),
    ideaOf: (user) => firstBackedIdeaSql('$1::uuid', user),
    mailboxOf: (u) => backerMailboxSql('$1::uuid', u),
    toldAlready: () => 'false',
    news: { kind: `'fixed'`, statusKey: 'NULL', backlogItem: '$1::uuid' },
  },
};

/** Who of an audience a channel reaches, as SQL. */
const reachedBy: Record<FanoutChannel, (audience: AudienceSql) => string> = {
  email: (audience) => `${audience.mailboxOf('u')} IS NOT NULL`,
  in_app: (audience) => `${reachableInAppSql('u')} AND NOT ${audience.toldAlready('u')}`,
};

/**
 * How a page's people (CTE `page`: `id`, `post_id`, the first of the event's ideas they follow or
 * back, which their deliveries name for the log of each idea) are told, as the CTEs that insert
 * their deliveries: each once per event by `dedupe_key`, so a page expanded twice (a crash before
 * its commit) tells nobody twice. The bell's deliveries are sent as they are made, and only the
 * people whose delivery is new get a notification, with the status, note and changelog entry of
 * the event, or the backlog item done.
 */
const tellPage: Record<FanoutChannel, (audience: AudienceSql) => string> = {
  email: ({ news }) => `made AS (
       INSERT INTO deliveries (event_sequence, channel, user_id, post_id, backlog_item_id, dedupe_key)
       SELECT $3::bigint, 'email', id, post_id, ${news.backlogItem}, $3 || ':email:' || id
         FROM page
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1
     )`,
  in_app: ({ news }) => `made AS (
       INSERT INTO deliveries (event_sequence, channel, user_id, post_id, backlog_item_id, dedupe_key, status, attempts, sent_at)
       SELECT $3::bigint, 'in_app', id, post_id, ${news.backlogItem}, $3 || ':in_app:' || id, 'sent', 1, now()
         FROM page
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING user_id, post_id
     ), told AS (
       INSERT INTO notifications (recipient_id, kind, post_id, comment_id, status_key, note, changelog_entry_id, backlog_item_id)
       SELECT made.user_id, ${news.kind}, made.post_id, NULL, ${news.statusKey}, e.payload->>'note',
              (SELECT c.id FROM changelog_entries c WHERE e.type = 'changelog.published' AND c.id::text = e.payload->>'entryId'),
              ${news.backlogItem}
         FROM made CROSS JOIN event e
     )`,
};

/**
 * Expands the next page of a fan-out, in the caller's transaction: tells the next `pageSize`
 * people of its audience by users id (less the event's actor, and those the channel does not
 * reach) and moves its cursor on, closing it after its last page. Returns how many deliveries
 * the page made.
 */
export async function expandFanout(tx: Queryable, fanout: Fanout, pageSize: number): Promise<number> {
  const [audience, named] = 'backlogItemId' in fanout.audience
    ? [audiences.backers, fanout.audience.backlogItemId]
    : [audiences.followers, fanout.audience.postIds];
  const [page] = await tx.query<{ last_id: string | null; seen: number; made: number }>(
    `WITH event AS (
       SELECT type, actor_id, payload FROM domain_events WHERE sequence = $3::bigint
     ), page AS (
       SELECT u.id, ${audience.ideaOf('u.id')} AS post_id
         FROM (${audience.people}) AS a JOIN users u ON u.id = a.user_id CROSS JOIN event e
        WHERE ($2::uuid IS NULL OR u.id > $2::uuid)
          AND u.id IS DISTINCT FROM e.actor_id
          AND ${reachedBy[fanout.channel](audience)}
        ORDER BY u.id LIMIT $4
     ), ${tellPage[fanout.channel](audience)}
     SELECT (SELECT id FROM page ORDER BY id DESC LIMIT 1) AS last_id, (SELECT count(*) FROM page)::int AS seen,
            (SELECT count(*) FROM made)::int AS made`,
    [named, fanout.afterUserId, fanout.sequence, pageSize],
  );
  const finished = Number(page!.seen) < pageSize;
  await tx.query(
    `UPDATE delivery_fanouts SET after_user_id = COALESCE($3::uuid, after_user_id), done_at = CASE WHEN $4 THEN now() END
      WHERE event_sequence = $1 AND channel = $2`,
    [fanout.sequence, fanout.channel, page!.last_id, finished],
  );
  return Number(page!.made);
}

/**
 * Expands the next page of one open fan-out (the delivery worker's step), in the caller's
 * transaction: the oldest one no other process holds (SKIP LOCKED). Returns how many deliveries
 * the page made; `undefined` when no fan-out was open.
 */
export async function expandFanoutPage(tx: Queryable, pageSize: number): Promise<number | undefined> {
  const [open] = await tx.query<{ sequence: string; channel: FanoutChannel; post_ids: string[]; backlog_item_id: string | null; after_user_id: string | null }>(
    `SELECT event_sequence::text AS sequence, channel, post_ids, backlog_item_id, after_user_id FROM delivery_fanouts
      WHERE done_at IS NULL ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
  );
  if (!open) return undefined;
  const audience: FanoutAudience = open.backlog_item_id ? { backlogItemId: open.backlog_item_id } : { postIds: open.post_ids };
  return expandFanout(tx, { sequence: open.sequence, channel: open.channel, audience, afterUserId: open.after_user_id }, pageSize);
}

/** A claimed delivery, with the event it tells of: what a channel sends. */
export interface DeliveryJob {
  id: string;
  channel: DeliveryChannel;
  /** Tries so far, this one included. */
  attempts: number;
  userId: string | null;
  endpointId: string | null;
  postId: string | null;
  event: { sequence: string; type: string; subjectId: string; actorId: string | null; payload: Record<string, unknown>; occurredAt: string };
}

interface JobRow {
  id: string;
  channel: DeliveryChannel;
  attempts: number;
  user_id: string | null;
  endpoint_id: string | null;
  post_id: string | null;
  sequence: string;
  type: string;
  subject_id: string;
  actor_id: string | null;
  payload: Record<string, unknown> | string;
  occurred_at: Date | string;
}

/**
 * Claims up to `limit` due deliveries of the given channels for `claimMs`, in one committed
 * statement: pending or failed ones whose next try is due, and up to as many `sending` ones whose
 * claim ran out (their process died mid-send), each read in the order of its partial index. Rows another process is claiming are skipped, not waited
 * for (SKIP LOCKED), so several processes share the work.
 */
export async function claimDeliveries(
  db: Queryable,
  params: { channels: readonly DeliveryChannel[]; limit: number; claimMs: number },
): Promise<DeliveryJob[]> {
  const rows = await db.query<JobRow>(
    `WITH due AS (
       SELECT id FROM deliveries
        WHERE status IN ('pending', 'failed') AND next_attempt_at <= now() AND channel = ANY($1::text[])
        ORDER BY next_attempt_at LIMIT $2
          FOR UPDATE SKIP LOCKED
     ), abandoned AS (
       SELECT id FROM deliveries
        WHERE status = 'sending' AND claimed_until < now() AND channel = ANY($1::text[])
        ORDER BY claimed_until LIMIT $2
          FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE deliveries d
          SET status = 'sending', claimed_until = now() + $3 * interval '1 millisecond', attempts = d.attempts + 1
        WHERE d.id IN (SELECT id FROM due UNION SELECT id FROM abandoned)
       RETURNING d.*
     )
     SELECT c.id, c.channel, c.attempts, c.user_id, c.endpoint_id, c.post_id, e.sequence::text AS sequence, e.type,
            e.subject_id, e.actor_id, e.payload, e.occurred_at
       FROM claimed c JOIN domain_events e ON e.sequence = c.event_sequence`,
    [params.channels, params.limit, params.claimMs],
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    attempts: Number(row.attempts),
    userId: row.user_id,
    endpointId: row.endpoint_id,
    postId: row.post_id,
    event: {
      sequence: row.sequence,
      type: row.type,
      subjectId: row.subject_id,
      actorId: row.actor_id,
      payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
      occurredAt: new Date(row.occurred_at).toISOString(),
    },
  }));
}

/** What became of one try, as recorded. */
export type DeliveryRecord =
  | { status: 'sent'; responseStatus?: number; responseExcerpt?: string }
  | { status: 'failed'; error: string; retryInMs: number; responseStatus?: number; responseExcerpt?: string }
  | { status: 'dead'; error: string; responseStatus?: number; responseExcerpt?: string };

/** Records the outcome of a claimed delivery; a row no longer `sending` (claimed again meanwhile) is left alone. */
export async function recordDelivery(db: Queryable, id: string, outcome: DeliveryRecord): Promise<void> {
  await db.query(
    `UPDATE deliveries
        SET status = $2, claimed_until = NULL,
            sent_at = CASE WHEN $2 = 'sent' THEN now() END,
            last_error = $3, response_status = $4, response_excerpt = $5,
            next_attempt_at = CASE WHEN $2 = 'failed' THEN now() + $6 * interval '1 millisecond' ELSE next_attempt_at END
      WHERE id = $1 AND status = 'sending'`,
    [
      id,
      outcome.status,
      'error' in outcome ? outcome.error.slice(0, 1000) : null,
      outcome.responseStatus ?? null,
      outcome.responseExcerpt?.slice(0, 1000) ?? null,
      outcome.status === 'failed' ? outcome.retryInMs : 0,
    ],
  );
}
