import { randomUUID } from 'node:crypto';
import { SaysoError, type Delivery, type WebhookEventType } from '@sayso/core';
import type { Queryable } from './database.js';

// Webhook rows of the outbox's `deliveries` table (migration 0013): one per (event, endpoint),
// made in the event's transaction, and the replays an admin asks for. SQL only.

/**
 * Makes one delivery per active endpoint that asked for `type`, in the event's transaction;
 * `<sequence>:webhook:<endpoint id>` keeps it to one per endpoint. Endpoints are a handful, so
 * no fan-out is needed. Returns how many were made.
 */
export async function insertWebhookDeliveries(
  tx: Queryable,
  params: { sequence: string; type: WebhookEventType; postId: string | null },
): Promise<number> {
  const made = await tx.query(
    `INSERT INTO deliveries (event_sequence, channel, endpoint_id, post_id, dedupe_key)
     SELECT $1::bigint, 'webhook', id, $3::uuid, $1 || ':webhook:' || id
       FROM webhook_endpoints
      WHERE deleted_at IS NULL AND active AND $2 = ANY (event_types)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`,
    [params.sequence, params.type, params.postId],
  );
  return made.length;
}

/** What replaying a delivery needs to know of it and of its endpoint, locked. */
export interface ReplaySource {
  channel: Delivery['channel'];
  endpointId: string | null;
  endpoint: { active: boolean; removed: boolean } | null;
}

/** The delivery to replay and its endpoint; `not_found` for an unknown delivery. */
export async function lockReplaySource(tx: Queryable, id: string): Promise<ReplaySource> {
  const [row] = await tx.query<{ channel: Delivery['channel']; endpoint_id: string | null; active: boolean | null; removed: boolean | null }>(
    `SELECT d.channel, d.endpoint_id, w.active, w.deleted_at IS NOT NULL AS removed
       FROM deliveries d LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id
      WHERE d.id = $1
        FOR UPDATE OF d`,
    [id],
  );
  if (!row) throw new SaysoError('not_found', `There is no delivery "${id}".`);
  return {
    channel: row.channel,
    endpointId: row.endpoint_id,
    endpoint: row.active === null ? null : { active: row.active, removed: row.removed === true },
  };
}

/**
 * A new pending delivery of the same event to the same endpoint (`replay_of` the original),
 * with a key of its own; the worker sends it like any other. Returns its id.
 */
export async function insertReplay(tx: Queryable, originalId: string): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO deliveries (id, event_sequence, channel, endpoint_id, post_id, dedupe_key, replay_of)
     SELECT $1::uuid, event_sequence, channel, endpoint_id, post_id, event_sequence || ':webhook:' || endpoint_id || ':replay:' || $1, id
       FROM deliveries WHERE id = $2`,
    [id, originalId],
  );
  return id;
}
