import { requesterKey, type CustomerRequest, type NewCustomerRequest } from '@sayso/core';
import { findCustomerRequest, insertCustomerRequest, moveRequests, requestsAwaitingUser, requesterUserId } from '../db/customer-requests.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { addPersonReference, lockCanonical, recountMergedPeople, recountPeople } from '../db/people.js';
import { noSuchPost } from '../db/posts.js';
import { moveSubscriptions, subscribe } from '../db/subscriptions.js';
import { record } from './record.js';
import { lockTrees } from './merges.js';

/** Text an admin typed, trimmed; `null` when there is none. */
const given = (value: string | null | undefined) => value?.trim() || null;

/**
 * Records that someone asked for an idea, in one transaction: the person counts among the idea's
 * people (on its canonical while it is merged) and, having an identity, hears when it ships;
 * `request.added` is recorded. The same person on the same idea again changes nothing and
 * answers the first record (`created: false`).
 */
export async function addCustomerRequest(
  db: Database,
  params: { postId: string; actor: Actor } & NewCustomerRequest,
): Promise<{ request: CustomerRequest; created: boolean }> {
  return db.transaction(async (tx) => {
    const canonicalId = await lockCanonical(tx, params.postId);
    if (!canonicalId) throw noSuchPost(params.postId);
    const addedBy = await ensureUser(tx, params.actor.key);
    const added = await recordRequest(tx, { ...params, canonicalId, addedBy });
    if (!added.created) return added;
    await record(tx, {
      type: 'request.added',
      subject: { type: 'post', id: params.postId },
      actorId: addedBy,
      payload: { requestId: added.request.id, importance: added.request.importance, company: added.request.company },
    });
    return added;
  });
}

/**
 * The request itself, in a transaction that holds the lock of the idea's canonical: the person
 * counts among the idea's people and follows it. The same person on the same idea again answers
 * the first record (`created: false`). Records no event: the caller's action does.
 */
export async function recordRequest(
  tx: Queryable,
  params: { postId: string; canonicalId: string; addedBy: string; fromFeedback?: boolean } & NewCustomerRequest,
): Promise<{ request: CustomerRequest; created: boolean }> {
  const key = requesterKey(params);
  const earlier = await findCustomerRequest(tx, params.postId, key);
  if (earlier) return { request: earlier, created: false };
  const email = given(params.email);
  const userId = await requesterUserId(tx, key, email);
  const request = await insertCustomerRequest(tx, {
    postId: params.postId,
    userId,
    requesterKey: key,
    name: given(params.name),
    email,
    company: given(params.company),
    sourceUrl: given(params.sourceUrl),
    note: given(params.note),
    importance: params.importance ?? 'important',
    addedBy: params.addedBy,
    fromFeedback: params.fromFeedback,
  });
  // Recorded meanwhile on another tree's lock (the idea was merged or unmerged): the first stands.
  if (!request) return { request: (await findCustomerRequest(tx, params.postId, key))!, created: false };
  await addPersonReference(tx, params.canonicalId, userId);
  await subscribe(tx, params.postId, userId, 'request');
  if (params.canonicalId !== params.postId) await recountMergedPeople(tx, params.canonicalId);
  return { request, created: true };
}

/**
 * Someone an admin recorded as asking, by email, has signed in with that address: their requests
 * become theirs, so they count once on each idea however they asked (a request and their own
 * vote are one person) and follow those ideas, to hear when they ship. One transaction, the
 * ideas' canonicals locked first as every change of their people does; `request.linked` is recorded.
 */
export async function linkRequestsToUser(db: Database, params: { userId: string; email: string }): Promise<void> {
  if (!(await requestsAwaitingUser(db, params.email))) return;
  await db.transaction(async (tx) => {
    const awaiting = await requestsAwaitingUser(tx, params.email);
    if (!awaiting) return;
    const trees = await lockTrees(tx, awaiting.postIds);
    const canonicals = new Set(awaiting.postIds.map((postId) => trees.get(postId)!.canonicalId ?? postId));
    const moved = await moveRequests(tx, awaiting.requestUserId, params.userId);
    await moveSubscriptions(tx, awaiting.requestUserId, params.userId);
    for (const canonicalId of canonicals) {
      await recountPeople(tx, canonicalId);
      await recountMergedPeople(tx, canonicalId);
    }
    await record(tx, {
      type: 'request.linked',
      subject: { type: 'user', id: params.userId },
      actorId: params.userId,
      payload: { requests: moved, postIds: awaiting.postIds },
    });
  });
}
