import { noticeRecipients, shippedRecipients } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import type { DomainEvent, MergedPayload } from '../db/events.js';
import { conversationOf } from '../db/comments.js';
import { insertNotifications, unreadRecipients } from '../db/notifications.js';
import { reachablePeopleOf } from '../db/people.js';
import { authorOf } from '../db/posts.js';

/**
 * The in-app notifications, one consumer of the domain events, run in the event's transaction.
 * Who is told is core's `noticeRecipients` (each person once, never the actor, nobody who still
 * has the same unread news), the same rule the memory adapter follows; the people come from one
 * query and the notifications go in with one statement, however many there are.
 */
export async function notify(tx: Queryable, event: DomainEvent): Promise<void> {
  if (event.actorId === null) return;
  if (event.type === 'post.status_changed' && event.payload?.ships === true) {
    // Everyone who asked for it: its author, its people (voters and requesters with an identity),
    // and so the people of every idea merged into it; not who shipped it, nor anyone who has not
    // yet read the news of an earlier shipping.
    const postId = event.subject.id;
    const recipientIds = await shippedNoticeRecipients(tx, postId, event.actorId);
    await insertNotifications(tx, { kind: 'shipped', postId, commentId: null, recipientIds });
  } else if (event.type === 'post.merged') {
    // The people of the merged idea hear once where their vote now counts; not the admin.
    const { duplicate, canonical } = event.payload as unknown as MergedPayload;
    const recipientIds = noticeRecipients({ people: await reachablePeopleOf(tx, duplicate.id), actor: event.actorId });
    await insertNotifications(tx, { kind: 'merged', postId: canonical.id, commentId: null, mergedFromId: duplicate.id, recipientIds });
  } else if (event.type === 'comment.added') {
    // The idea's author and everyone who commented before, never the writer.
    const postId = String(event.payload?.postId);
    const commentId = event.subject.id;
    const recipientIds = noticeRecipients({ people: await conversationOf(tx, postId, commentId), actor: event.actorId });
    await insertNotifications(tx, { kind: 'reply', postId, commentId, recipientIds });
  }
}

/** Who hears in-app that an idea shipped (core's `shippedRecipients`): for the bell, and for a dry run of the change. */
export async function shippedNoticeRecipients(db: Queryable, postId: string, shipperId: string | null): Promise<string[]> {
  return shippedRecipients({
    postAuthor: await authorOf(db, postId),
    voters: await reachablePeopleOf(db, postId),
    shipper: shipperId ?? '',
    unreadShippedNotice: await unreadRecipients(db, postId, 'shipped'),
  });
}
