import type { Delivery, DeliveryFilters, KeysetPosition } from '@sayso/core';
import type { Queryable } from './database.js';
import { cursorText, iso, isoOrNull, keysetSlice, type Slice } from './rows.js';
import { mailboxSql } from './subscriptions.js';

// The delivery log (the outbox's `deliveries`, migration 0013) as admins read it: every channel,
// with the event, the idea, the person or the endpoint. SQL only.

interface DeliveryRow {
  id: string;
  channel: Delivery['channel'];
  status: Delivery['status'];
  event_type: string;
  occurred_at: Date | string;
  post_id: string | null;
  post_title: string | null;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  endpoint_id: string | null;
  endpoint_url: string | null;
  attempts: number;
  last_error: string | null;
  response_status: number | null;
  created_at: Date | string;
  sent_at: Date | string | null;
  next_attempt_at: Date | string | null;
  /** created_at in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
}

const toDelivery = (row: DeliveryRow): Delivery => ({
  id: row.id,
  channel: row.channel,
  status: row.status,
  event: { type: row.event_type, occurredAt: iso(row.occurred_at) },
  post: row.post_id ? { id: row.post_id, title: row.post_title ?? '' } : null,
  person: row.user_id ? { id: row.user_id, name: row.user_name, email: row.user_email } : null,
  endpoint: row.endpoint_id ? { id: row.endpoint_id, url: row.endpoint_url ?? '' } : null,
  attempts: Number(row.attempts),
  lastError: row.last_error,
  responseStatus: row.response_status,
  createdAt: iso(row.created_at),
  sentAt: isoOrNull(row.sent_at),
  // Only a delivery still to be tried has a next try.
  nextAttemptAt: row.status === 'pending' || row.status === 'failed' ? isoOrNull(row.next_attempt_at) : null,
});

/** The log's rows, `d` the delivery; the caller adds WHERE, ORDER and LIMIT. */
const DELIVERY_LOG_SQL = `
  SELECT d.id, d.channel, d.status, e.type AS event_type, e.occurred_at, d.post_id, p.title AS post_title,
         d.user_id, u.name AS user_name, ${mailboxSql('u')} AS user_email,
         d.endpoint_id, w.url AS endpoint_url, d.attempts, d.last_error, d.response_status, d.created_at,
         d.sent_at, d.next_attempt_at, ${cursorText('d.created_at')} AS cursor_at
    FROM deliveries d
    JOIN domain_events e ON e.sequence = d.event_sequence
    LEFT JOIN posts p ON p.id = d.post_id
    LEFT JOIN users u ON u.id = d.user_id
    LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id`;

/** A delivery by id; `undefined` when there is none. */
export async function findDelivery(db: Queryable, id: string): Promise<Delivery | undefined> {
  const [row] = await db.query<DeliveryRow>(`${DELIVERY_LOG_SQL} WHERE d.id = $1`, [id]);
  return row ? toDelivery(row) : undefined;
}

/** One page of the deliveries that match every filter given, newest first, paged by keyset. */
export async function listDeliveries(
  db: Queryable,
  params: DeliveryFilters & { after: KeysetPosition | null; limit: number },
): Promise<Slice<Delivery> & { lastPosition?: KeysetPosition }> {
  const values: unknown[] = [params.limit + 1];
  const where = [
    ...(params.postId ? [`d.post_id = $${values.push(params.postId)}::uuid`] : []),
    ...(params.personId ? [`d.user_id = $${values.push(params.personId)}::uuid`] : []),
    ...(params.endpointId ? [`d.endpoint_id = $${values.push(params.endpointId)}::uuid`] : []),
    ...(params.status ? [`d.status = $${values.push(params.status)}`] : []),
    ...(params.channel ? [`d.channel = $${values.push(params.channel)}`] : []),
    ...(params.after ? [`(d.created_at, d.id) < ($${values.push(params.after.at)}::timestamptz, $${values.push(params.after.id)}::uuid)`] : []),
  ];
  const rows = await db.query<DeliveryRow>(
    `${DELIVERY_LOG_SQL} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.created_at DESC, d.id DESC LIMIT $1`,
    values,
  );
  return keysetSlice(rows, params.limit, toDelivery, (row) => row.cursor_at);
}
