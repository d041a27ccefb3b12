import { checkCommentBody, compareInstants, replyRecipients, type Comment, type SaysoAdapter, type SaysoAdminApi } from '@sayso/core';
import { canonicalPost, mergeTree, nextTime, refOf } from './data.js';
import { follow } from './follows.js';
import { notify } from './notifications.js';
import { offsetPage } from './paging.js';
import { refuse, type MemoryVisitor } from './visitor.js';

/** What marks a comment as the team's: a reply from the team, or an internal note. */
type TeamMarks = Pick<Comment, 'team' | 'internal'>;

/**
 * Writes a comment as the visitor: a reply tells the idea's author and earlier commenters, and
 * the writer follows the idea; an internal note does neither, as nobody but admins ever sees it.
 */
function commentWriter(visitor: MemoryVisitor) {
  const { data, voterId, postOf, visitorOf } = visitor;
  return (postId: string, body: string, marks: TeamMarks): Comment => {
    const post = postOf(postId);
    refuse(checkCommentBody(body));
    const comment: Comment = {
      id: `comment-${Math.random().toString(36).slice(2, 10)}`,
      postId,
      body: body.trim(),
      author: visitor.actorOf(voterId),
      createdAt: nextTime(data),
      editedAt: null,
      mergedFrom: null,
      ...marks,
    };
    const earlier = data.comments.get(postId) ?? [];
    data.comments.set(postId, [...earlier, comment]);
    if (comment.internal) return comment;
    const recipients = replyRecipients({
      postAuthor: visitorOf(post.author.id),
      earlierCommenters: earlier.filter((c) => !c.internal).map((c) => visitorOf(c.author.id)),
      writer: voterId,
    });
    notify(visitor, recipients, { kind: 'reply', postId, commentId: comment.id, mergedFromId: null });
    follow(data, canonicalPost(data, post).id, voterId, 'comment');
    return comment;
  };
}

/** The team's comments (admins only): replies as the team and internal notes. */
export function teamCommentOperations(visitor: MemoryVisitor): Pick<SaysoAdminApi, 'addTeamComment'> {
  const writeComment = commentWriter(visitor);
  return {
    addTeamComment: ({ postId, body, internal }) => visitor.commit(() => writeComment(postId, body, internal ? { team: true, internal: true } : { team: true })),
  };
}

export function commentOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdapter, 'listComments' | 'addComment' | 'updateComment' | 'deleteComment'> {
  const { data, settle, commit, postOf, commentOf } = visitor;
  const writeComment = commentWriter(visitor);
  return {
    listComments: ({ postId, cursor, limit }) =>
      settle(() => {
        // The comments of the idea people count on, its duplicates' marked with where they came from.
        const post = canonicalPost(data, postOf(postId));
        const comments = mergeTree(data, post)
          .flatMap((idea) => (data.comments.get(idea.id) ?? []).map((comment) => ({ ...comment, mergedFrom: idea === post ? null : refOf(idea) })))
          .filter((comment) => visitor.isAdmin || !comment.internal)
          .sort((a, b) => compareInstants(a.createdAt, b.createdAt));
        return offsetPage(comments, cursor, limit);
      }),

    addComment: ({ postId, body }) => commit(() => writeComment(postId, body, {})),
    updateComment: ({ commentId, body }) =>
      commit(() => {
        const comment = commentOf(commentId);
        visitor.assertMayChange(comment.author, 'comment');
        refuse(checkCommentBody(body));
        if (comment.body !== body.trim()) {
          comment.body = body.trim();
          comment.editedAt = new Date().toISOString();
        }
        return comment;
      }),

    deleteComment: ({ commentId }) =>
      commit(() => {
        const comment = commentOf(commentId);
        visitor.assertMayChange(comment.author, 'comment');
        const post = postOf(comment.postId);
        data.comments.set(post.id, (data.comments.get(post.id) ?? []).filter((c) => c.id !== commentId));
        return { commentId, postId: post.id, commentCount: visitor.view(post).commentCount };
      }),
  };
}
