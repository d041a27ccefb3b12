import type { PostHistoryEntry } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { postHistory } from '../db/history.js';
import { assertPost } from '../db/posts.js';
import { iso } from '../db/rows.js';

/**
 * An idea's history for admins, oldest first, from the domain events (see db/history.ts): each
 * event's payload is its details, so a merge or unmerge names both ideas and the counts moved
 * (MergedPayload) whichever of them is asked about.
 */
export async function historyOf(db: Queryable, postId: string): Promise<PostHistoryEntry[]> {
  await assertPost(db, postId);
  return (await postHistory(db, postId)).map((row) => ({
    id: row.sequence,
    type: row.type,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name },
    occurredAt: iso(row.occurred_at),
    details: row.payload,
  }));
}
