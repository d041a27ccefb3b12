import type { Queryable } from './database.js';

// What trackers' webhooks change (migration 0021): the backlog items linked to an issue, and the
// deliveries already applied. SQL only: services/tracker-issues.ts decides.

/** Records a tracker's delivery as applied in the caller's transaction; `false` when it was before (a redelivery). */
export async function recordTrackerDelivery(tx: Queryable, deliveryId: string): Promise<boolean> {
  const rows = await tx.query('INSERT INTO tracker_deliveries (delivery_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1', [deliveryId]);
  return rows.length > 0;
}

/**
 * The backlog items linked to the tracker issue of key `key` (core's trackerIssueOf) that its
 * closing moves to done: neither done already nor dropped (the team decided against them),
 * locked in id order for the caller's transaction so their status holds until they move.
 */
export async function itemsClosedBy(db: Queryable, key: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM backlog_items WHERE tracker_keys @> ARRAY[$1::text] AND status NOT IN ('done', 'dropped')
      ORDER BY id FOR NO KEY UPDATE`,
    [key],
  );
  return rows.map((row) => row.id);
}
