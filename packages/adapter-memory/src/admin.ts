import { NOTIFIABLE_KINDS, assertUnchangedSince, checkNotifyKinds, statusName, type SaysoAdminApi } from '@sayso/core';
import { apiKeyOperations } from './api-keys.js';
import { backlogOperations } from './backlog.js';
import { boardAdminOperations } from './boards.js';
import { changelogAdminOperations } from './changelog.js';
import { teamCommentOperations } from './comments.js';
import { demandAdminOperations } from './demand.js';
import { duplicateOperations } from './duplicates.js';
import { inboxOperations } from './feedback.js';
import { ideaListOperations } from './ideas.js';
import { mergeOperations } from './merge.js';
import { audienceAnswer } from './follows.js';
import { notify } from './notifications.js';
import { makeStatusMove, notifyKindsOf, planStatusMove } from './status.js';
import { tagAdminOperations } from './tags.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';
import { webhookOperations } from './webhooks.js';

/** The triage operations of an admin adapter: workflow, tags, merges, demand, the duplicate queue and the engineering backlog. */
export function adminOperations(visitor: MemoryVisitor): SaysoAdminApi {
  const { data, settle, commit, view, boardOf, postOf } = visitor;
  return {
    whoAmI: () => settle(() => ({ via: 'admin_key' as const, label: visitor.adminLabel })),

    setPostStatus: ({ postId, status, note, expected }) =>
      commit(() => {
        const post = postOf(postId);
        assertUnchangedSince(post, expected);
        const move = planStatusMove(visitor, post, status);
        if (!move.changes) return view(post);
        makeStatusMove(visitor, post, status, move);
        const kind = move.effect.ships ? 'shipped' : 'status';
        const moved = { id: status, name: statusName(boardOf(post.board), status) };
        notify(visitor, move.audience.keys(), { kind, postId, commentId: null, mergedFromId: null, status: moved, note: note?.trim() || null });
        return view(post);
      }),

    previewStatusChange: ({ postId, status, limit }) =>
      settle(() => audienceAnswer(visitor, planStatusMove(visitor, postOf(postId), status).audience, 'idea.status_changed', limit)),

    getNotificationSettings: ({ board }) => settle(() => ({ notifyKinds: notifyKindsOf(visitor, boardOf(board).slug) })),

    setNotificationSettings: ({ board, notifyKinds }) =>
      commit(() => {
        boardOf(board);
        if (!Array.isArray(notifyKinds)) throw invalid('notifyKinds must list status kinds.', { field: 'notifyKinds' });
        refuse(checkNotifyKinds(notifyKinds));
        const kinds = NOTIFIABLE_KINDS.filter((kind) => notifyKinds.includes(kind));
        data.notifyKinds.set(board, kinds);
        return { notifyKinds: kinds };
      }),

    ...changelogAdminOperations(visitor),
    ...webhookOperations(visitor),
    ...tagAdminOperations(visitor),
    ...mergeOperations(visitor),
    ...demandAdminOperations(visitor),
    ...duplicateOperations(visitor),
    ...inboxOperations(visitor),
    ...boardAdminOperations(visitor),
    ...apiKeyOperations(visitor),
    ...ideaListOperations(visitor),
    ...teamCommentOperations(visitor),
    ...backlogOperations(visitor),
  };
}
