import type { Comment, CommentDeletion } from '@sayso/core';
import { deleteCommentRow, insertComment, listComments, lockComment, updateCommentBody } from '../db/comments.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { lockCanonical } from '../db/people.js';
import { assertPost, noSuchPost } from '../db/posts.js';
import { subscribe } from '../db/subscriptions.js';
import type { Slice } from '../db/rows.js';
import { assertMayChange } from './assert-may-change.js';
import { record } from './record.js';

/** One page of a post's comments, oldest first (the team's internal notes with `internal`, for admins); `not_found` for an unknown post. */
export async function commentsOf(db: Database, params: { postId: string; offset: number; limit: number; internal: boolean }): Promise<Slice<Comment>> {
  await assertPost(db, params.postId);
  return listComments(db, params);
}

/**
 * Adds a visitor's comment (already validated and trimmed) under a post; `comment.added` tells the
 * conversation. A comment on a merged idea goes under its canonical, where the discussion is.
 */
export async function addComment(db: Database, params: { postId: string; body: string; voter: string }): Promise<Comment> {
  return writeComment(db, { ...params, team: false, internal: false });
}

/**
 * Writes a comment as the team (an admin): a reply tells the conversation like any comment; an
 * internal note is recorded as `comment.noted`, which no channel, webhook or live stream
 * follows, and its writer is not subscribed, as nobody but admins ever sees it.
 */
export async function addTeamComment(db: Database, params: { postId: string; body: string; internal: boolean; actor: Actor }): Promise<Comment> {
  return writeComment(db, { postId: params.postId, body: params.body, voter: params.actor.key, team: true, internal: params.internal });
}

async function writeComment(db: Database, params: { postId: string; body: string; voter: string; team: boolean; internal: boolean }): Promise<Comment> {
  return db.transaction(async (tx) => {
    const postId = await lockCanonical(tx, params.postId);
    if (!postId) throw noSuchPost(params.postId);
    const authorId = await ensureUser(tx, params.voter);
    const comment = await insertComment(tx, { postId, authorId, body: params.body, team: params.team, internal: params.internal });
    const subject = { type: 'comment', id: comment.id } as const;
    if (params.internal) {
      await record(tx, { type: 'comment.noted', subject, actorId: authorId, payload: { postId } });
      return comment;
    }
    await subscribe(tx, postId, authorId, 'comment');
    await record(tx, { type: 'comment.added', subject, actorId: authorId, payload: { postId } });
    return comment;
  });
}

/** Records an edit or deletion of a comment by its author or an admin. */
const recordChange = async (tx: Queryable, type: 'comment.edited' | 'comment.deleted', comment: Comment, actor: Actor) =>
  record(tx, { type, subject: { type: 'comment', id: comment.id }, actorId: await ensureUser(tx, actor.key), payload: { postId: comment.postId } });

/** Changes a comment's body (author or admin); sets `edited_at` and records `comment.edited` when the text changed. */
export async function updateComment(db: Database, params: { commentId: string; body: string; actor: Actor }): Promise<Comment> {
  return db.transaction(async (tx) => {
    const { comment, authorKey } = await lockComment(tx, params.commentId);
    assertMayChange(params.actor, authorKey, 'comment');
    if (comment.body === params.body) return comment;
    const editedAt = await updateCommentBody(tx, params.commentId, params.body);
    await recordChange(tx, 'comment.edited', comment, params.actor);
    return { ...comment, body: params.body, editedAt };
  });
}

/**
 * Deletes a comment for good (author or admin) and records `comment.deleted`. The count is the
 * post's comment_count, moved in the same transaction, so it is exact.
 */
export async function deleteComment(db: Database, params: { commentId: string; actor: Actor }): Promise<CommentDeletion> {
  return db.transaction(async (tx) => {
    const { comment, authorKey } = await lockComment(tx, params.commentId);
    assertMayChange(params.actor, authorKey, 'comment');
    const commentCount = await deleteCommentRow(tx, comment.id, comment.postId);
    await recordChange(tx, 'comment.deleted', comment, params.actor);
    return { commentId: comment.id, postId: comment.postId, commentCount };
  });
}
