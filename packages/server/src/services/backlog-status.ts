import type { BacklogStatus } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import type { TellingOptions } from './notify.js';
import { record } from './record.js';

/** The payload of `backlog.status_changed`. */
export interface BacklogStatusChangedPayload {
  board: string;
  title: string;
  from: BacklogStatus;
  to: BacklogStatus;
  /** True the first time the item is done: its people are told (once, ever: `told_at`). */
  tells: boolean;
}

/**
 * Moves a backlog item to another status in the caller's transaction and records it; the one
 * way every writer (an admin's edit, a tracker's webhook) changes an item's status, so "done"
 * always dates the item (`done_at`, for capacity) and tells its people the first time only.
 * Nothing when the item already has that status; `false` then, `true` when it moved.
 */
export async function moveBacklogItem(
  tx: Queryable,
  params: { itemId: string; to: BacklogStatus; actorId: string | null } & TellingOptions,
): Promise<boolean> {
  const [moved] = await tx.query<{ from: BacklogStatus; title: string; board: string; tells: boolean }>(
    `WITH before AS (
       SELECT id, status, told_at FROM backlog_items WHERE id = $1 AND status <> $2 FOR NO KEY UPDATE
     ), moved AS (
       UPDATE backlog_items i
          SET status = $2,
              done_at = CASE WHEN $2 = 'done' THEN now() END,
              told_at = CASE WHEN $2 = 'done' THEN COALESCE(i.told_at, now()) ELSE i.told_at END,
              updated_at = now()
         FROM before b
        WHERE i.id = b.id
        RETURNING i.title, i.board_id, b.status AS from_status, ($2 = 'done' AND b.told_at IS NULL) AS tells
     )
     SELECT m.from_status AS "from", m.title, bo.slug AS board, m.tells FROM moved m JOIN boards bo ON bo.id = m.board_id`,
    [params.itemId, params.to],
  );
  if (!moved) return false;
  const payload: BacklogStatusChangedPayload = { board: moved.board, title: moved.title, from: moved.from, to: params.to, tells: moved.tells };
  await record(tx, {
    type: 'backlog.status_changed',
    subject: { type: 'backlog_item', id: params.itemId },
    actorId: params.actorId,
    payload: { ...payload },
  }, { fanoutPageSize: params.fanoutPageSize });
  return true;
}
