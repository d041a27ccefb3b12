import type { PostHistoryEntry, PostRef } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { postHistory, postTitles } from '../db/history.js';
import { assertPost } from '../db/posts.js';
import { iso } from '../db/rows.js';

const MERGE_EVENTS = new Set(['post.merged', 'post.unmerged']);

/**
 * An idea's history for admins, oldest first, from the domain events (see db/history.ts). A
 * merge or unmerge names both ideas with their titles as they are now (`duplicate`, `into`),
 * next to the counts its event recorded, whichever of the two ideas is asked about.
 */
export async function historyOf(db: Queryable, postId: string): Promise<PostHistoryEntry[]> {
  await assertPost(db, postId);
  const rows = await postHistory(db, postId);
  const merges = rows.filter((row) => MERGE_EVENTS.has(row.type));
  const titles = await postTitles(db, [...new Set(merges.flatMap((row) => [row.subject_id, String(row.payload.into)]))]);
  const ref = (id: string): PostRef => ({ id, title: titles.get(id) ?? '' });
  return rows.map((row) => ({
    id: row.sequence,
    type: row.type,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name },
    occurredAt: iso(row.occurred_at),
    details: MERGE_EVENTS.has(row.type)
      ? { ...row.payload, duplicate: ref(row.subject_id), into: ref(String(row.payload.into)) }
      : row.payload,
  }));
}
