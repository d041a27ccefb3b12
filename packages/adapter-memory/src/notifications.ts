import { LIMITS, type Notification, type SaysoAdapter } from '@sayso/core';
import { nextTime, refOf, type StoredNotification } from './data.js';
import { keysetPage } from './paging.js';
import { invalid, type MemoryVisitor } from './visitor.js';

/** The domain event a notification tells of, as the delivery log names it. */
const EVENT_OF_KIND = { shipped: 'post.status_changed', status: 'post.status_changed', reply: 'comment.added', merged: 'post.merged', fixed: 'backlog.status_changed' } as const;

/**
 * Notifies each recipient (private ids, as decided by core's `replyRecipients`, `followersOf`
 * or `noticeRecipients`), all at one time, and logs each as a sent `in_app` delivery. Ids count
 * up, so a list ordered by time then id is in the order they were made. The list only grows: a
 * notice whose comment was deleted is skipped when read.
 */
export function notify(
  visitor: MemoryVisitor,
  recipients: Iterable<string>,
  notice: Pick<StoredNotification, 'kind' | 'postId' | 'commentId' | 'mergedFromId'> & Partial<Pick<StoredNotification, 'changelogId' | 'status' | 'note' | 'backlogItemId'>>,
): void {
  const { data } = visitor;
  const createdAt = nextTime(data);
  const post = notice.postId === null ? undefined : data.posts.get(notice.postId);
  const eventType = notice.changelogId ? 'changelog.published' : EVENT_OF_KIND[notice.kind];
  for (const recipient of recipients) {
    const id = `notification-${String(data.notifications.length + 1).padStart(9, '0')}`;
    data.notifications.push({ changelogId: null, status: null, note: null, backlogItemId: null, ...notice, id, recipient, createdAt, readAt: null });
    data.deliveries.push({
      id: `delivery-${String(data.deliveries.length + 1).padStart(9, '0')}`,
      channel: 'in_app',
      status: 'sent',
      event: { type: eventType, occurredAt: createdAt },
      post: post ? refOf(post) : null,
      person: { id: visitor.publicIdOf(recipient), name: null, email: data.emailPreferences.get(recipient)?.email ?? null },
      endpoint: null,
      attempts: 1,
      lastError: null,
      responseStatus: null,
      createdAt,
      sentAt: createdAt,
      nextAttemptAt: null,
    });
  }
}

/** Who still has an unread notice of this kind about this idea. */
export function unreadNoticeHolders({ data }: Pick<MemoryVisitor, 'data'>, kind: StoredNotification['kind'], postId: string): Set<string> {
  return new Set(data.notifications.filter((n) => n.kind === kind && n.postId === postId && n.readAt === null).map((n) => n.recipient));
}

/** A notification as its recipient reads it; none when its idea, comment or backlog item is gone. */
function noticeView({ data }: Pick<MemoryVisitor, 'data'>, notice: StoredNotification): Notification[] {
  const post = notice.postId === null ? null : data.posts.get(notice.postId);
  const backlogItem = notice.backlogItemId === null ? null : data.backlog.get(notice.backlogItemId);
  if (post === undefined || backlogItem === undefined) return [];
  const mergedFrom = notice.mergedFromId === null ? null : data.posts.get(notice.mergedFromId);
  const entry = notice.changelogId === null ? undefined : data.changelog.get(notice.changelogId);
  const base = {
    id: notice.id,
    kind: notice.kind,
    post: post && { id: post.id, board: post.board, title: post.title },
    mergedFrom: mergedFrom ? refOf(mergedFrom) : null,
    changelog: entry ? { id: entry.id, title: entry.title } : null,
    status: notice.status,
    note: notice.note,
    backlogItem: backlogItem && { id: backlogItem.id, title: backlogItem.title },
  };
  const times = { createdAt: notice.createdAt, readAt: notice.readAt };
  if (notice.commentId === null) return [{ ...base, comment: null, ...times }];
  const comment = post && data.comments.get(post.id)?.find((c) => c.id === notice.commentId);
  return comment ? [{ ...base, comment: { id: comment.id, author: comment.author }, ...times }] : [];
}

/** The visitor's notifications as they read them, newest first. */
const noticesOf = (visitor: Pick<MemoryVisitor, 'data' | 'voterId'>) =>
  visitor.data.notifications
    .filter((n) => n.recipient === visitor.voterId)
    .flatMap((n) => noticeView(visitor, n).map((shown) => ({ shown, stored: n })))
    .reverse();

const unreadAmong = (notices: ReturnType<typeof noticesOf>) => notices.filter((n) => n.stored.readAt === null).length;

/** How many of the visitor's notifications are unread. */
export const unreadCountOf = (visitor: Pick<MemoryVisitor, 'data' | 'voterId'>) => unreadAmong(noticesOf(visitor));

export function notificationOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'listNotifications' | 'markNotificationsRead'> {
  const { settle, commit } = visitor;
  const myNotices = () => noticesOf(visitor);

  return {
    listNotifications: ({ cursor, limit } = {}) =>
      settle(() => {
        const mine = myNotices();
        const page = keysetPage(
          mine.map((n) => n.shown),
          (n) => ({ at: n.createdAt, id: n.id }),
          cursor,
          limit,
          'notification list',
        );
        return { ...page, unreadCount: unreadAmong(mine) };
      }),

    markNotificationsRead: (selection) =>
      commit(() => {
        const ids = 'ids' in selection ? selection.ids : undefined;
        const all = 'all' in selection && selection.all === true;
        if (all === (ids !== undefined)) throw invalid('Send either ids or all: true.', { field: 'ids' });
        if (ids !== undefined && (!Array.isArray(ids) || ids.length < 1 || ids.length > LIMITS.pageSizeMax)) {
          throw invalid(`ids must list 1 to ${LIMITS.pageSizeMax} notification ids.`, { field: 'ids' });
        }
        const chosen = ids && new Set(ids);
        const now = new Date().toISOString();
        const mine = myNotices();
        for (const { stored } of mine) {
          if (stored.readAt === null && (!chosen || chosen.has(stored.id))) stored.readAt = now;
        }
        return { unreadCount: unreadAmong(mine) };
      }),
  };
}
