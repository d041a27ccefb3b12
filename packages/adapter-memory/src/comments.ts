import { checkCommentBody, compareInstants, replyRecipients, type Comment, type SaysoAdapter } from '@sayso/core';
import { canonicalPost, mergeTree, nextTime, refOf } from './data.js';
import { follow } from './follows.js';
import { notify } from './notifications.js';
import { offsetPage } from './paging.js';
import { refuse, type MemoryVisitor } from './visitor.js';

export function commentOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdapter, 'listComments' | 'addComment' | 'updateComment' | 'deleteComment'> {
  const { data, voterId, settle, commit, postOf, commentOf, visitorOf } = visitor;
  return {
    listComments: ({ postId, cursor, limit }) =>
      settle(() => {
        // The comments of the idea people count on, its duplicates' marked with where they came from.
        const post = canonicalPost(data, postOf(postId));
        const comments = mergeTree(data, post)
          .flatMap((idea) => (data.comments.get(idea.id) ?? []).map((comment) => ({ ...comment, mergedFrom: idea === post ? null : refOf(idea) })))
          .sort((a, b) => compareInstants(a.createdAt, b.createdAt));
        return offsetPage(comments, cursor, limit);
      }),

    addComment: ({ postId, body }) =>
      commit(() => {
        const post = postOf(postId);
        refuse(checkCommentBody(body));
        const comment: Comment = {
          id: `comment-${Math.random().toString(36).slice(2, 10)}`,
          postId,
          body: body.trim(),
          author: { id: visitor.publicIdOf(voterId), name: null },
          createdAt: nextTime(data),
          editedAt: null,
          mergedFrom: null,
        };
        const earlier = data.comments.get(postId) ?? [];
        data.comments.set(postId, [...earlier, comment]);
        const recipients = replyRecipients({
          postAuthor: visitorOf(post.author.id),
          earlierCommenters: earlier.map((c) => visitorOf(c.author.id)),
          writer: voterId,
        });
        notify(visitor, recipients, { kind: 'reply', postId, commentId: comment.id, mergedFromId: null });
        follow(data, canonicalPost(data, post).id, voterId, 'comment');
        return comment;
      }),

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
