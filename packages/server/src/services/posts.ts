import { SaysoError, assertStatusMayChange, assertUnchangedSince, statusChangeEffect, statusChangeNotifies, type IdeaSnapshot, type NotificationAudience, type Post } from '@sayso/core';
import { boardIdOf, firstStatusOfKind, notifyKindsOf, statusKind } from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, findUserId, type Actor } from '../db/identity.js';
import { findPost, insertPost, lockPost, noSuchPost, updatePostStatus, updatePostText, type LockedPost } from '../db/posts.js';
import { subscribe } from '../db/subscriptions.js';
import { insertAuthorVote } from '../db/votes.js';
import { endpointIdsFor } from '../db/webhook-endpoints.js';
import { audienceOf, nobodyBut } from './audience.js';
import type { TellingOptions } from './notify.js';
import { assertMayChange } from './assert-may-change.js';
import { recordWidgetFeedback } from './feedback.js';
import { record } from './record.js';

/**
 * Submits an idea for a visitor: it lands in the board's first `open` status with the author's
 * vote counted, its words are kept as a `widget` feedback item linked to it, and `post.created`
 * is recorded, all in one transaction.
 */
export async function createPost(db: Database, params: { board: string; title: string; body: string; voter: string }): Promise<Post> {
  const postId = await db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const open = await firstStatusOfKind(tx, boardId, 'open');
    if (!open) throw new SaysoError('conflict', `The board "${params.board}" takes no new ideas.`);
    const authorId = await ensureUser(tx, params.voter);
    const id = await insertPost(tx, { boardId, title: params.title, body: params.body, status: open, authorId });
    await insertAuthorVote(tx, id, authorId);
    await subscribe(tx, id, authorId, 'author');
    await recordWidgetFeedback(tx, { postId: id, boardId, authorId, title: params.title, body: params.body });
    await record(tx, { type: 'post.created', subject: { type: 'post', id }, actorId: authorId, payload: { to: open } });
    return id;
  });
  return (await findPost(db, postId, params.voter))!;
}

/**
 * An idea as the visitor sees it; asked for a merged idea, its canonical, whose `mergedFrom`
 * names the idea asked for (a link to a duplicate leads to where its people count).
 */
export async function getPost(db: Database, postId: string, viewer: string | null): Promise<Post> {
  const post = await findPost(db, postId, viewer);
  if (!post) throw noSuchPost(postId);
  if (post.mergedInto === null) return post;
  const canonical = (await findPost(db, post.mergedInto.id, viewer))!;
  return { ...canonical, mergedFrom: { id: post.id, title: post.title } };
}

/**
 * Changes an idea in one transaction: `title`/`body` for its author or an admin (sets
 * `edited_at` and records `post.edited` when the text changed), `status` for admins only (see
 * {@link moveStatus}; setting the current status again records nothing). Returns the post as the
 * actor sees it.
 */
export async function updatePost(
  db: Database,
  params: { postId: string; actor: Actor; title?: string; body?: string; status?: string; statusNote?: string; expected?: IdeaSnapshot } & TellingOptions,
): Promise<Post> {
  const { actor, postId } = params;
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    assertUnchangedSince({ title: post.title, body: post.body, status: post.status }, params.expected);
    if (params.status !== undefined && !actor.admin) {
      throw new SaysoError('forbidden', 'Only an admin may change the status of an idea.');
    }
    let actorId: Promise<string> | undefined;
    const actorRow = () => (actorId ??= ensureUser(tx, actor.key));
    if (params.title !== undefined || params.body !== undefined) {
      assertMayChange(actor, post.authorKey, 'idea');
      const title = params.title ?? post.title;
      const body = params.body ?? post.body;
      if (title !== post.title || body !== post.body) {
        await updatePostText(tx, postId, { title, body });
        const changed = [...(title === post.title ? [] : ['title']), ...(body === post.body ? [] : ['body'])];
        await record(tx, { type: 'post.edited', subject: { type: 'post', id: postId }, actorId: await actorRow(), payload: { changed } });
      }
    }
    if (params.status !== undefined && params.status !== post.status) {
      await moveStatus(tx, { postId, post, status: params.status, actorId: await actorRow(), note: params.statusNote, fanoutPageSize: params.fanoutPageSize });
    }
  });
  return (await findPost(db, postId, actor.key))!;
}

/**
 * Moves a locked idea to `status` and records `post.status_changed`: core's statusChangeEffect
 * sets the ship date, and the idea's followers are told (`tells`, core's statusChangeNotifies:
 * a status of a kind its board notifies of, `done` only when it ships), with the admin's `note`.
 * `quiet`: nobody is told of this move on its own, because what made it tells them (a changelog
 * entry shipping several ideas tells each person once).
 */
export async function moveStatus(
  tx: Queryable,
  params: { postId: string; post: LockedPost; status: string; actorId: string; note?: string; quiet?: boolean } & TellingOptions,
): Promise<void> {
  const { post, status } = params;
  const { effect, tells } = await statusChange(tx, post, status);
  await updatePostStatus(tx, params.postId, status, effect.shippedAt);
  await record(
    tx,
    {
      type: 'post.status_changed',
      subject: { type: 'post', id: params.postId },
      actorId: params.actorId,
      payload: { from: post.status, to: status, ships: effect.ships, tells: tells && !params.quiet, ...(params.note ? { note: params.note } : {}) },
    },
    { fanoutPageSize: params.fanoutPageSize },
  );
}

/** What moving a locked idea to `status` would do: core's statusChangeEffect, and whether its followers are told. */
async function statusChange(tx: Queryable, post: LockedPost, status: string) {
  assertStatusMayChange(post);
  const toKind = await statusKind(tx, post.boardId, status);
  if (!toKind) {
    const message = `This board has no status "${status}".`;
    throw new SaysoError('invalid_input', message, { problems: [{ field: 'status', message }] });
  }
  const effect = statusChangeEffect({ fromKind: post.statusKind, toKind, shippedAt: post.shippedAt, now: post.now });
  const tells = statusChangeNotifies({ toKind, ships: effect.ships, notifyKinds: await notifyKindsOf(tx, post.boardId) });
  return { effect, tells };
}

/**
 * Who moving an idea to `status` would tell, through which channels, changing nothing (a dry
 * run of {@link updatePost}, admins only): the idea's followers as the change would tell them,
 * up to `limit` of them listed, and the webhook endpoints that would be called (every status
 * change is `idea.status_changed`).
 */
export async function previewStatusChange(
  db: Database,
  params: { postId: string; actor: Actor; status: string; limit: number },
): Promise<NotificationAudience> {
  if (!params.actor.admin) throw new SaysoError('forbidden', 'Only an admin may change the status of an idea.');
  // The same reading as the change itself, in a transaction that changes nothing.
  return db.transaction(async (tx) => {
    const post = await lockPost(tx, params.postId);
    if (params.status === post.status) return nobodyBut(0);
    const { effect, tells } = await statusChange(tx, post, params.status);
    if (!tells) return nobodyBut((await endpointIdsFor(tx, 'idea.status_changed')).length);
    const actorId = (await findUserId(tx, params.actor.key)) ?? null;
    return audienceOf(tx, { canonicalIds: [params.postId], actorId, limit: params.limit, webhookType: 'idea.status_changed', shipping: effect.ships });
  });
}
