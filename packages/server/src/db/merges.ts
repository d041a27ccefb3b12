import type { Queryable } from './database.js';
import type { PostCounts } from './events.js';
import { ancestorsSql, recountMergedPeople, recountPeople, subtreeSql } from './people.js';

// Merging a duplicate into another idea links it, and moves nothing: votes, requests and comments
// stay on the idea they were given on. The merge tree's canonical counts them (people through
// post_people, comments through comment_count), a merged idea keeps the counts of its own
// subtree, and post_merges remembers what the merge changed so unmerge can take exactly that back.

/** What a merge or unmerge needs of an idea, as it is now. */
export interface MergeNode {
  id: string;
  title: string;
  boardId: string;
  status: string;
  /** The idea it is merged into directly; `null` when it stands on its own. */
  mergedInto: string | null;
  /** The end of its chain; `null` when it stands on its own. */
  canonicalId: string | null;
}

const NODE_COLUMNS = `id, title, board_id AS "boardId", status_key AS status, merged_into AS "mergedInto", canonical_id AS "canonicalId"`;

/** Ideas by id, as they are now; unknown ids are left out. */
export async function findMergeNodes(db: Queryable, ids: string[]): Promise<Map<string, MergeNode>> {
  const rows = await db.query<MergeNode>(`SELECT ${NODE_COLUMNS} FROM posts WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Locks ideas for a merge or unmerge in one stable order (by id), so two admins changing the same
 * ideas at once queue instead of deadlocking, and answers them as the lock found them: whoever
 * waited sees the other's merge.
 */
export async function lockMergeNodes(tx: Queryable, ids: string[]): Promise<Map<string, MergeNode>> {
  const rows = await tx.query<MergeNode>(`SELECT ${NODE_COLUMNS} FROM posts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The people, vote and comment counts of ideas, by id. */
export async function countsOf(db: Queryable, ids: string[]): Promise<Map<string, PostCounts>> {
  const rows = await db.query<{ id: string; people: number; votes: number; comments: number }>(
    'SELECT id, people_count AS people, vote_count AS votes, comment_count AS comments FROM posts WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map(({ id, ...counts }) => [id, { people: Number(counts.people), votes: Number(counts.votes), comments: Number(counts.comments) }]));
}

/**
 * Links `duplicate` (a canonical, locked) under `into`, whose canonical is `canonicalId` (locked):
 * the duplicate takes `status`, its tags go onto the canonical, its comments count on `into` and
 * every idea up the chain, its tree's people on the canonical. Remembers in post_merges what to
 * take back.
 */
export async function linkMerge(
  tx: Queryable,
  params: { duplicate: MergeNode; intoId: string; canonicalId: string; status: string; actorId: string },
): Promise<void> {
  const { duplicate, intoId, canonicalId } = params;
  const added = await tx.query<{ tag_id: string }>(
    `INSERT INTO post_tags (post_id, tag_id) SELECT $1, tag_id FROM post_tags WHERE post_id = $2
     ON CONFLICT DO NOTHING RETURNING tag_id`,
    [canonicalId, duplicate.id],
  );
  await tx.query(
    `INSERT INTO post_merges (duplicate_id, into_id, canonical_id, previous_status, added_tag_ids, actor_id)
     VALUES ($1, $2, $3, $4, $5::uuid[], $6)`,
    [duplicate.id, intoId, canonicalId, duplicate.status, added.map((row) => row.tag_id), params.actorId],
  );
  await moveCommentCount(tx, duplicate.id, intoId, '+');
  await tx.query('UPDATE posts SET merged_into = $2, canonical_id = $3, status_key = $4 WHERE id = $1', [
    duplicate.id,
    intoId,
    canonicalId,
    params.status,
  ]);
  await tx.query('UPDATE posts SET canonical_id = $2 WHERE canonical_id = $1', [duplicate.id, canonicalId]);
  // The duplicate's own people_count already is the count of its subtree; its people now count
  // on the canonical, and on every merged idea up the chain.
  // Its customers count there too: a merged idea has no customer value of its own.
  await tx.query('DELETE FROM post_people WHERE post_id = $1', [duplicate.id]);
  await tx.query('UPDATE posts SET customer_mrr = 0 WHERE id = $1', [duplicate.id]);
  await recountPeople(tx, canonicalId);
  await recountMergedPeople(tx, canonicalId);
}

/**
 * Takes a merge back exactly (both ideas locked): the duplicate stands on its own again with its
 * former status, the tags the merge added come off the idea they were added to, and the counts
 * of both trees are as they would be had the merge never happened.
 */
export async function unlinkMerge(tx: Queryable, duplicate: MergeNode): Promise<void> {
  const [merge] = await tx.query<{ into_id: string; canonical_id: string; previous_status: string; added_tag_ids: string[] }>(
    'DELETE FROM post_merges WHERE duplicate_id = $1 RETURNING into_id, canonical_id, previous_status, added_tag_ids',
    [duplicate.id],
  );
  await tx.query('DELETE FROM post_tags WHERE post_id = $1 AND tag_id = ANY($2::uuid[])', [merge!.canonical_id, merge!.added_tag_ids]);
  await moveCommentCount(tx, duplicate.id, merge!.into_id, '-');
  await tx.query('UPDATE posts SET merged_into = NULL, canonical_id = NULL, status_key = $2 WHERE id = $1', [
    duplicate.id,
    merge!.previous_status,
  ]);
  await tx.query(`UPDATE posts SET canonical_id = $1 WHERE id IN ${subtreeSql('$1')} AND id <> $1`, [duplicate.id]);
  for (const canonicalId of [duplicate.canonicalId!, duplicate.id]) {
    await recountPeople(tx, canonicalId);
    await recountMergedPeople(tx, canonicalId);
  }
}

/** Adds (or takes off) the duplicate's comment count to `intoId` and every idea up its chain. */
async function moveCommentCount(tx: Queryable, duplicateId: string, intoId: string, sign: '+' | '-'): Promise<void> {
  await tx.query(
    `UPDATE posts SET comment_count = comment_count ${sign} (SELECT comment_count FROM posts WHERE id = $1)
      WHERE id IN ${ancestorsSql('$2')}`,
    [duplicateId, intoId],
  );
}
