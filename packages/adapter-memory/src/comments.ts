import { checkCommentBody, replyRecipients, type Comment, type SaysoAdapter } from '@sayso/core';
import { notify } from './notifications.js';
import { offsetPage } from './paging.js';
import { refuse, type MemoryVisitor } from './visitor.js';

export function commentOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdapter, 'listComments' | 'addComment' | 'updateComment' | 'deleteComment'> {
  const { data, voterId, settle, postOf, commentOf, visitorOf } = visitor;
  return {
    listComments: ({ postId, cursor, limit }) =>
      settle(() => {
        postOf(postId);
        return offsetPage(data.comments.get(postId) ?? [], cursor, limit);
      }),

    addComment: ({ postId, body }) =>
      settle(() => {
        const post = postOf(postId);
        refuse(checkCommentBody(body));
        const comment: Comment = {
          id: `comment-${Math.random().toString(36).slice(2, 10)}`,
          postId,
          body: body.trim(),
          author: { id: visitor.publicIdOf(voterId), name: null },
          createdAt: new Date().toISOString(),
          editedAt: null,
        };
        const earlier = data.comments.get(postId) ?? [];
        data.comments.set(postId, [...earlier, comment]);
        post.commentCount += 1;
        const recipients = replyRecipients({
          postAuthor: visitorOf(post.author.id),
          earlierCommenters: earlier.map((c) => visitorOf(c.author.id)),
          writer: voterId,
        });
        notify(visitor, recipients, { kind: 'reply', postId, commentId: comment.id });
        return comment;
      }),

    updateComment: ({ commentId, body }) =>
      settle(() => {
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
      settle(() => {
        const comment = commentOf(commentId);
        visitor.assertMayChange(comment.author, 'comment');
        const post = postOf(comment.postId);
        data.comments.set(post.id, (data.comments.get(post.id) ?? []).filter((c) => c.id !== commentId));
        post.commentCount = data.comments.get(post.id)!.length;
        return { commentId, postId: post.id, commentCount: post.commentCount };
      }),
  };
}
