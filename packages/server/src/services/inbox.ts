import { SaysoError, checkNewPost, feedbackIdeaDraft, type FeedbackItem, type Post } from '@sayso/core';
import { boardIdOf, firstStatusOfKind } from '../db/boards.js';
import { deleteFeedbackRequest } from '../db/customer-requests.js';
import type { Database, Queryable } from '../db/database.js';
import {
  findFeedbackItem,
  findFeedbackItems,
  lockFeedbackItems,
  requestIsBackedByFeedback,
  setFeedbackItemPublic,
  setFeedbackItemState,
  type LockedFeedbackItem,
} from '../db/feedback-items.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { recountMergedPeople, recountPeople } from '../db/people.js';
import { findPost, insertPost } from '../db/posts.js';
import { recordRequest } from './customer-requests.js';
import { lockTrees } from './merges.js';
import { record } from './record.js';

// Triage of the inbox: each action is one transaction over all the items it names (all change or
// none), with one domain event per item it changed. An item linked to an idea is evidence for it,
// and its author counts among the idea's people through a customer request made for the link.

/** The canonical of each post, their trees locked for a change of their people (merges.ts's order). */
async function lockCanonicals(tx: Queryable, postIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(postIds)];
  const trees = await lockTrees(tx, ids);
  return new Map(ids.map((id) => [id, trees.get(id)!.canonicalId ?? id]));
}

/**
 * Takes an item off its idea (it stands as `state` afterwards): the request its link made is
 * removed when no other item stands on it, and the idea's people counted again. The caller holds
 * the lock of the idea's tree.
 */
async function detach(tx: Queryable, item: LockedFeedbackItem, state: 'new' | 'archived', canonicalOf: Map<string, string>): Promise<void> {
  await setFeedbackItemState(tx, item.id, { state, postId: null, requestId: null });
  if (!item.requestId || (await requestIsBackedByFeedback(tx, item.requestId))) return;
  const requestPostId = await deleteFeedbackRequest(tx, item.requestId);
  if (!requestPostId) return;
  const canonicalId = canonicalOf.get(item.postId!) ?? requestPostId;
  await recountPeople(tx, canonicalId);
  await recountMergedPeople(tx, canonicalId);
}

/**
 * Makes an item evidence for a canonical idea: its author (by email, else name) is recorded as a
 * request on it (`from_feedback`), so they count among its people and follow it. An author with
 * neither is evidence alone.
 */
async function attach(tx: Queryable, item: LockedFeedbackItem, canonicalId: string, addedBy: string): Promise<string | null> {
  const { name, email, company } = item.author;
  const request =
    name || email
      ? await recordRequest(tx, {
          postId: canonicalId,
          canonicalId,
          addedBy,
          fromFeedback: true,
          name: name ?? undefined,
          email: email ?? undefined,
          company: company ?? undefined,
          sourceUrl: item.link ?? undefined,
          note: `via ${item.source}`,
        })
      : undefined;
  await setFeedbackItemState(tx, item.id, { state: 'linked', postId: canonicalId, requestId: request?.request.id ?? null });
  return request?.request.id ?? null;
}

const itemEvent = (id: string) => ({ type: 'feedback_item' as const, id });

/** Moves an item onto a canonical idea (off the idea it was linked to, if any) and records `feedback.linked`. */
async function linkItem(tx: Queryable, item: LockedFeedbackItem, canonicalId: string, canonicalOf: Map<string, string>, actorId: string): Promise<void> {
  if (item.postId) await detach(tx, item, 'new', canonicalOf);
  const requestId = await attach(tx, item, canonicalId, actorId);
  await record(tx, { type: 'feedback.linked', subject: itemEvent(item.id), actorId, payload: { postId: canonicalId, requestId } });
}

/**
 * Links items to an idea (its canonical while merged); an item linked elsewhere moves. Items
 * already on that idea stay as they are. Answers the items as they are now, in the order asked.
 */
export async function linkFeedback(db: Database, params: { itemIds: string[]; postId: string; actor: Actor }): Promise<FeedbackItem[]> {
  await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    // The items first, in id order, then the trees: every triage action takes its locks in this order.
    const items = await lockFeedbackItems(tx, params.itemIds);
    const canonicalOf = await lockCanonicals(tx, [params.postId, ...items.flatMap((item) => item.postId ?? [])]);
    const canonicalId = canonicalOf.get(params.postId)!;
    for (const item of items) {
      if (item.postId !== canonicalId) await linkItem(tx, item, canonicalId, canonicalOf, actorId);
    }
  });
  return findFeedbackItems(db, params.itemIds);
}

/** Takes items back to `new`; items not linked stay as they are. */
export async function unlinkFeedback(db: Database, params: { itemIds: string[]; actor: Actor }): Promise<FeedbackItem[]> {
  await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const items = await lockFeedbackItems(tx, params.itemIds);
    const canonicalOf = await lockCanonicals(tx, items.flatMap((item) => item.postId ?? []));
    for (const item of items) {
      if (!item.postId) continue;
      await detach(tx, item, 'new', canonicalOf);
      await record(tx, { type: 'feedback.unlinked', subject: itemEvent(item.id), actorId, payload: { postId: item.postId } });
    }
  });
  return findFeedbackItems(db, params.itemIds);
}

/** Puts items aside (a linked one is unlinked first), or with `archived: false` brings archived ones back to `new`. */
export async function archiveFeedback(db: Database, params: { itemIds: string[]; archived: boolean; actor: Actor }): Promise<FeedbackItem[]> {
  await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const items = await lockFeedbackItems(tx, params.itemIds);
    const canonicalOf = await lockCanonicals(tx, items.flatMap((item) => item.postId ?? []));
    for (const item of items) {
      if (params.archived && item.state !== 'archived') {
        await detach(tx, item, 'archived', canonicalOf);
        await record(tx, { type: 'feedback.archived', subject: itemEvent(item.id), actorId, payload: { postId: item.postId } });
      } else if (!params.archived && item.state === 'archived') {
        await setFeedbackItemState(tx, item.id, { state: 'new', postId: null, requestId: null });
        await record(tx, { type: 'feedback.restored', subject: itemEvent(item.id), actorId, payload: {} });
      }
    }
  });
  return findFeedbackItems(db, params.itemIds);
}

/**
 * A new idea from an item, in the board's first open status, and the item linked to it (its
 * author among its people): `post.created` and `feedback.linked`, in one transaction. The admin
 * writes the idea but does not vote for it.
 */
export async function createPostFromFeedback(
  db: Database,
  params: { itemId: string; board?: string; title?: string; body?: string; actor: Actor },
): Promise<{ post: Post; item: FeedbackItem }> {
  const postId = await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const [item] = await lockFeedbackItems(tx, [params.itemId]);
    const idea = feedbackIdeaDraft(item!, params);
    const problems = checkNewPost(idea);
    if (problems.length > 0) throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), { problems });
    const boardId = params.board ? await boardIdOf(tx, params.board) : item!.boardId;
    const open = await firstStatusOfKind(tx, boardId, 'open');
    if (!open) throw new SaysoError('conflict', 'The board takes no new ideas.');
    const id = await insertPost(tx, { boardId, ...idea, status: open, authorId: actorId });
    await record(tx, { type: 'post.created', subject: { type: 'post', id }, actorId, payload: { to: open } });
    const canonicalOf = await lockCanonicals(tx, [id, ...(item!.postId ? [item!.postId] : [])]);
    await linkItem(tx, item!, id, canonicalOf, actorId);
    return id;
  });
  const [post, item] = await Promise.all([findPost(db, postId, params.actor.key), findFeedbackItem(db, params.itemId)]);
  return { post: post!, item: item! };
}

/** Shows an item to visitors on its idea, or hides it; `feedback.visibility_changed` when that changed. */
export async function setFeedbackPublic(db: Database, params: { itemId: string; public: boolean; actor: Actor }): Promise<FeedbackItem> {
  await db.transaction(async (tx) => {
    const was = await setFeedbackItemPublic(tx, params.itemId, params.public);
    if (was === params.public) return;
    const actorId = await ensureUser(tx, params.actor.key);
    await record(tx, { type: 'feedback.visibility_changed', subject: itemEvent(params.itemId), actorId, payload: { public: params.public } });
  });
  return (await findFeedbackItem(db, params.itemId))!;
}
