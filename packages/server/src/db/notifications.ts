import type { KeysetPosition, Notification, NotificationKind, NotificationSelection, PostRef } from '@sayso/core';
import type { Queryable } from './database.js';
import { UUID, cursorText, iso, isoOrNull, keysetSlice, type Slice } from './rows.js';

// Notifications: made by services/notify.ts from the events, in the event's own transaction, and
// for large audiences by the delivery worker's fan-out pages (db/deliveries.ts). A `fixed` one
// names a backlog item, and an idea only when the recipient asked for one of its ideas.

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  post_id: string | null;
  post_title: string | null;
  board: string | null;
  comment_id: string | null;
  comment_author_id: string | null;
  comment_author_name: string | null;
  merged_from: PostRef | string | null;
  status_key: string | null;
  status_name: string | null;
  note: string | null;
  changelog_id: string | null;
  changelog_title: string | null;
  backlog_item_id: string | null;
  backlog_item_title: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
  /** created_at in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
}

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  post: row.post_id ? { id: row.post_id, board: row.board!, title: row.post_title! } : null,
  comment: row.comment_id ? { id: row.comment_id, author: { id: row.comment_author_id!, name: row.comment_author_name } } : null,
  mergedFrom: typeof row.merged_from === 'string' ? (JSON.parse(row.merged_from) as PostRef) : row.merged_from,
  changelog: row.changelog_id ? { id: row.changelog_id, title: row.changelog_title ?? '' } : null,
  // A status the board no longer has keeps its key as its name.
  status: row.status_key ? { id: row.status_key, name: row.status_name ?? row.status_key } : null,
  note: row.note,
  backlogItem: row.backlog_item_id ? { id: row.backlog_item_id, title: row.backlog_item_title ?? '' } : null,
  createdAt: iso(row.created_at),
  readAt: isoOrNull(row.read_at),
});

/** How many of a recipient's notifications are unread. */
export async function unreadCountOf(db: Queryable, recipientId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL',
    [recipientId],
  );
  return Number(row!.n);
}

/**
 * One page of a recipient's notifications, newest first, paged by keyset (`after`: the last
 * one's creation time and id).
 */
export async function listNotifications(
  db: Queryable,
  params: { recipientId: string; after: KeysetPosition | null; limit: number },
): Promise<Slice<Notification> & { lastPosition?: KeysetPosition }> {
  const values: unknown[] = [params.recipientId, params.limit + 1];
  const after = params.after
    ? `AND (n.created_at, n.id) < ($${values.push(params.after.at)}::timestamptz, $${values.push(params.after.id)}::uuid)`
    : '';
  const rows = await db.query<NotificationRow>(
    `SELECT n.id, n.kind, n.post_id, p.title AS post_title, b.slug AS board, n.comment_id,
            c.author_id AS comment_author_id, cu.name AS comment_author_name,
            (SELECT json_build_object('id', m.id, 'title', m.title) FROM posts m WHERE m.id = n.merged_from_id) AS merged_from,
            n.status_key, s.name AS status_name, n.note, ce.id AS changelog_id, ce.title AS changelog_title,
            n.backlog_item_id, bi.title AS backlog_item_title, n.created_at, n.read_at,
            ${cursorText('n.created_at')} AS cursor_at
       FROM notifications n
       LEFT JOIN posts p ON p.id = n.post_id
       LEFT JOIN boards b ON b.id = p.board_id
       LEFT JOIN backlog_items bi ON bi.id = n.backlog_item_id
       LEFT JOIN statuses s ON s.board_id = p.board_id AND s.key = n.status_key
       LEFT JOIN changelog_entries ce ON ce.id = n.changelog_entry_id
       LEFT JOIN comments c ON c.id = n.comment_id
       LEFT JOIN users cu ON cu.id = c.author_id
      WHERE n.recipient_id = $1 ${after}
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $2`,
    values,
  );
  return keysetSlice(rows, params.limit, toNotification, (row) => row.cursor_at);
}

/**
 * Marks a recipient's own notifications read, the chosen ones or all; returns how many changed.
 * Ids of anyone else's notifications, unknown or malformed ones change nothing.
 */
export async function markRead(tx: Queryable, recipientId: string, selection: NotificationSelection): Promise<number> {
  if ('all' in selection) {
    const rows = await tx.query('UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL RETURNING 1', [
      recipientId,
    ]);
    return rows.length;
  }
  const ids = selection.ids.filter((id) => UUID.test(id));
  if (ids.length === 0) return 0;
  const rows = await tx.query(
    `UPDATE notifications SET read_at = now()
      WHERE recipient_id = $1 AND read_at IS NULL
        AND id IN (SELECT value::uuid FROM json_array_elements_text($2::json))
      RETURNING 1`,
    [recipientId, JSON.stringify(ids)],
  );
  return rows.length;
}

/**
 * Whether person `user` still has unread news that idea `post` shipped (both SQL), as SQL: the
 * bell does not tell them it shipped again until they read it (core's noticeRecipients `alreadyTold`).
 */
export const unreadShippedNewsSql = (user: string, post: string) => `EXISTS (
  SELECT 1 FROM notifications n WHERE n.recipient_id = ${user} AND n.post_id = ${post} AND n.kind = 'shipped' AND n.read_at IS NULL)`;

/** One notification per recipient, in one statement whatever their number. */
export async function insertNotifications(
  tx: Queryable,
  params: {
    kind: NotificationKind;
    postId: string;
    commentId: string | null;
    /** For `merged`: the idea the recipients asked for. */
    mergedFromId?: string;
    recipientIds: readonly string[];
  },
): Promise<void> {
  if (params.recipientIds.length === 0) return;
  await tx.query(
    `INSERT INTO notifications (recipient_id, kind, post_id, comment_id, merged_from_id)
     SELECT value::uuid, $1, $2, $3, $5 FROM json_array_elements_text($4::json)`,
    [params.kind, params.postId, params.commentId, JSON.stringify(params.recipientIds), params.mergedFromId ?? null],
  );
}
