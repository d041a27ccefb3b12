import { assertStatusMayChange, shippedRecipients, statusChangeEffect, type SaysoAdminApi } from '@sayso/core';
import { mergeTree, nextTime, statusKindOf } from './data.js';
import { demandAdminOperations } from './demand.js';
import { duplicateOperations } from './duplicates.js';
import { mergeOperations } from './merge.js';
import { notify, unreadNoticeHolders } from './notifications.js';
import { tagAdminOperations } from './tags.js';
import { invalid, type MemoryVisitor } from './visitor.js';

/** The triage operations of an admin adapter: workflow, tags, merges, demand and the duplicate queue. */
export function adminOperations(visitor: MemoryVisitor): SaysoAdminApi {
  const { data, voterId, settle, view, boardOf, postOf } = visitor;
  return {
    setPostStatus: ({ postId, status }) =>
      settle(() => {
        const post = postOf(postId);
        const board = boardOf(post.board);
        const toKind = statusKindOf(data, board.slug, status);
        if (!toKind) throw invalid(`The board "${board.slug}" has no status "${status}".`, { field: 'status' });
        if (post.status === status) return view(post);
        assertStatusMayChange(post);
        const at = nextTime(data);
        // A status the board no longer has is not done, as on the server.
        const fromKind = statusKindOf(data, board.slug, post.status) ?? 'open';
        const effect = statusChangeEffect({ fromKind, toKind, shippedAt: post.shippedAt, now: at });
        data.events.push({ postId, kind: 'status_changed', from: post.status, to: status, actor: voterId, at });
        post.status = status;
        post.shippedAt = effect.shippedAt;
        if (effect.ships) {
          const recipients = shippedRecipients({
            postAuthor: visitor.visitorOf(post.author.id),
            // The people of the ideas merged into it asked for it too.
            voters: mergeTree(data, post).flatMap((idea) => [...idea.voters]),
            shipper: voterId,
            unreadShippedNotice: unreadNoticeHolders(visitor, 'shipped', postId),
          });
          notify(visitor, recipients, { kind: 'shipped', postId, commentId: null, mergedFromId: null });
        }
        return view(post);
      }),

    ...tagAdminOperations(visitor),
    ...mergeOperations(visitor),
    ...demandAdminOperations(visitor),
    ...duplicateOperations(visitor),
  };
}
