import type { KeysetPosition, Notification, NotificationSelection } from '@sayso/core';
import type { Database } from '../db/database.js';
import { findUserId } from '../db/identity.js';
import { listNotifications, markRead, unreadCountOf } from '../db/notifications.js';
import type { Slice } from '../db/rows.js';
import { record } from './record.js';

/**
 * One page of the viewer's own notifications, newest first, with their unread count over all
 * pages. A caller without identity, or who never did anything, has none.
 */
export async function notificationsOf(
  db: Database,
  params: { viewer: string | null; after: KeysetPosition | null; limit: number },
): Promise<Slice<Notification> & { unreadCount: number; lastPosition?: KeysetPosition }> {
  const recipientId = await findUserId(db, params.viewer);
  if (!recipientId) return { items: [], hasMore: false, unreadCount: 0 };
  const page = await listNotifications(db, { recipientId, after: params.after, limit: params.limit });
  return { ...page, unreadCount: await unreadCountOf(db, recipientId) };
}

/**
 * Marks the viewer's own notifications read, the chosen ones or all, and returns their unread
 * count left; `notifications.read` records how many changed, when any did.
 */
export async function markNotificationsRead(
  db: Database,
  params: { viewer: string | null; selection: NotificationSelection },
): Promise<{ unreadCount: number }> {
  return db.transaction(async (tx) => {
    const recipientId = await findUserId(tx, params.viewer);
    if (!recipientId) return { unreadCount: 0 };
    const count = await markRead(tx, recipientId, params.selection);
    if (count > 0) {
      await record(tx, { type: 'notifications.read', subject: { type: 'user', id: recipientId }, actorId: recipientId, payload: { count } });
    }
    return { unreadCount: await unreadCountOf(tx, recipientId) };
  });
}
