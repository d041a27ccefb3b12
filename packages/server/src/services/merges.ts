import { SaysoError, assertMayMerge, duplicateStatus, type MergeResult } from '@sayso/core';
import { boardStatuses } from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import type { MergedPayload, PostCounts } from '../db/events.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { countsOf, findMergeNodes, linkMerge, lockMergeNodes, unlinkMerge, type MergeNode } from '../db/merges.js';
import { findPost, noSuchPost } from '../db/posts.js';
import { record } from './record.js';

// A merge changes two trees: the duplicate's (a canonical) and the one of the idea it goes into.
// Both canonicals are locked, in id order, before anything is read that decides the merge, so of
// two admins merging the same idea at once the second sees the first's merge (409), and no vote,
// request or comment counted on either tree lands half way (they lock the canonical too). A
// canonical merged further between reading and locking it is looked up again.
const LOCK_ATTEMPTS = 3;

const ref = (node: MergeNode) => ({ id: node.id, title: node.title });

/**
 * Locks the canonicals of `ids`' trees and answers the ideas as they are under the lock; reads
 * them again when a tree changed between reading and locking. `not_found` for an unknown id.
 * Every change of several trees' people locks through here, so all take the locks in one order.
 */
export async function lockTrees(tx: Queryable, ids: string[]): Promise<Map<string, MergeNode>> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const seen = await findMergeNodes(tx, ids);
    const unknown = ids.find((id) => !seen.has(id));
    if (unknown) throw noSuchPost(unknown);
    const canonicals = ids.map((id) => seen.get(id)!.canonicalId ?? id);
    const locked = await lockMergeNodes(tx, canonicals);
    const now = await findMergeNodes(tx, ids);
    const stable = ids.every((id, i) => (now.get(id)!.canonicalId ?? id) === canonicals[i] && locked.get(canonicals[i]!)!.canonicalId === null);
    if (stable) return new Map([...now, ...locked]);
  }
  throw new SaysoError('conflict', 'These ideas were being merged meanwhile; try again.');
}

/** Both ideas of a merge as the actor sees them now. */
async function mergeResult(db: Database, duplicateId: string, canonicalId: string, viewer: string): Promise<MergeResult> {
  const [duplicate, canonical] = await Promise.all([findPost(db, duplicateId, viewer), findPost(db, canonicalId, viewer)]);
  return { duplicate: duplicate!, canonical: canonical! };
}

/** The counts of both ideas before and after a change, for the event. */
function countsMoved(
  before: Map<string, PostCounts>,
  after: Map<string, PostCounts>,
  duplicateId: string,
  canonicalId: string,
): MergedPayload['counts'] {
  return {
    duplicate: { before: before.get(duplicateId)!, after: after.get(duplicateId)! },
    canonical: { before: before.get(canonicalId)!, after: after.get(canonicalId)! },
  };
}

/**
 * Merges an idea into another of its board, in one transaction (core's assertMayMerge decides
 * what is refused): the duplicate takes the board's first `duplicate` status, its people,
 * comments and tags count on the canonical, and `post.merged` tells its people where their vote
 * now counts.
 */
export async function mergePost(db: Database, params: { postId: string; into: string; actor: Actor }): Promise<MergeResult> {
  const canonicalId = await db.transaction(async (tx) => {
    const nodes = await lockTrees(tx, [params.postId, params.into]);
    const duplicate = nodes.get(params.postId)!;
    const into = nodes.get(params.into)!;
    // The end of into's chain is kept on every merged idea (posts.canonical_id), and locked.
    const canonical = nodes.get(into.canonicalId ?? into.id)!;
    const mergeable = (node: MergeNode) => ({ id: node.id, board: node.boardId, mergedInto: node.mergedInto });
    assertMayMerge(mergeable(duplicate), mergeable(into), mergeable(canonical));
    const status = duplicateStatus(await boardStatuses(tx, duplicate.boardId));
    const actorId = await ensureUser(tx, params.actor.key);
    const before = await countsOf(tx, [duplicate.id, canonical.id]);
    await linkMerge(tx, { duplicate, intoId: into.id, canonicalId: canonical.id, status: status.id, actorId });
    const payload: MergedPayload = {
      duplicate: ref(duplicate),
      into: ref(into),
      canonical: ref(canonical),
      counts: countsMoved(before, await countsOf(tx, [duplicate.id, canonical.id]), duplicate.id, canonical.id),
    };
    await record(tx, { type: 'post.merged', subject: { type: 'post', id: duplicate.id }, actorId, payload: { ...payload } });
    return canonical.id;
  });
  return mergeResult(db, params.postId, canonicalId, params.actor.key);
}

/**
 * Undoes the merge of an idea exactly, in one transaction, and records `post.unmerged`;
 * `conflict` when the idea is not merged.
 */
export async function unmergePost(db: Database, params: { postId: string; actor: Actor }): Promise<MergeResult> {
  const canonicalId = await db.transaction(async (tx) => {
    const nodes = await lockTrees(tx, [params.postId]);
    const duplicate = nodes.get(params.postId)!;
    if (duplicate.mergedInto === null) throw new SaysoError('conflict', 'This idea is not merged into another.');
    const into = (await findMergeNodes(tx, [duplicate.mergedInto])).get(duplicate.mergedInto)!;
    const canonical = nodes.get(duplicate.canonicalId!)!;
    const before = await countsOf(tx, [duplicate.id, canonical.id]);
    await unlinkMerge(tx, duplicate);
    const payload: MergedPayload = {
      duplicate: ref(duplicate),
      into: ref(into),
      canonical: ref(canonical),
      counts: countsMoved(before, await countsOf(tx, [duplicate.id, canonical.id]), duplicate.id, canonical.id),
    };
    await record(tx, { type: 'post.unmerged', subject: { type: 'post', id: duplicate.id }, actorId: await ensureUser(tx, params.actor.key), payload: { ...payload } });
    return canonical.id;
  });
  return mergeResult(db, params.postId, canonicalId, params.actor.key);
}
