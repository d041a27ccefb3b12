import { requesterKey, type CustomerRequest, type NewCustomerRequest } from '@sayso/core';
import { findCustomerRequest, insertCustomerRequest, moveRequests, requestsAwaitingUser, requesterUserId } from '../db/customer-requests.js';
import type { Database } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { addPersonReference, lockCanonical, recountMergedPeople, recountPeople } from '../db/people.js';
import { noSuchPost } from '../db/posts.js';
import { moveSubscriptions, subscribe } from '../db/subscriptions.js';
import { record } from './record.js';
import { lockTrees } from './merges.js';

/** Text an admin typed, trimmed; `null` when there is none. */
const given = (value: string | undefined) => value?.trim() || null;

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
    const key = requesterKey(params);
    const earlier = await findCustomerRequest(tx, params.postId, key);
    if (earlier) return { request: earlier, created: false };
    const email = given(params.email);
    const userId = await requesterUserId(tx, key, email);
    const addedBy = await ensureUser(tx, params.actor.key);
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
      addedBy,
    });
    // Recorded meanwhile on another tree's lock (the idea was merged or unmerged): the first stands.
    if (!request) return { request: (await findCustomerRequest(tx, params.postId, key))!, created: false };
    await addPersonReference(tx, canonicalId, userId);
    await subscribe(tx, params.postId, userId, 'request');
    if (canonicalId !== params.postId) await recountMergedPeople(tx, canonicalId);
    await record(tx, {
      type: 'request.added',
      subject: { type: 'post', id: params.postId },
      actorId: addedBy,
      payload: { requestId: request.id, importance: request.importance, company: request.company },
    });
    return { request, created: true };
  });
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
