import { noticeRecipients } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { FANOUT_PAGE_SIZE, expandFanout, insertFanout } from '../db/deliveries.js';
import type { DomainEvent, MergedPayload } from '../db/events.js';
import { conversationOf } from '../db/comments.js';
import { insertNotifications } from '../db/notifications.js';
import { reachablePeopleOf } from '../db/people.js';
import { fanoutAudienceOf } from './outbox.js';

/** How a change tells its audience; every field has a default. */
export interface TellingOptions {
  /** People per page of an audience (default {@link FANOUT_PAGE_SIZE}). */
  fanoutPageSize?: number;
}

/**
 * The in-app notifications, one consumer of the domain events, run in the event's transaction.
 * A status change that tells (`tells`, core's statusChangeNotifies) and a published changelog
 * entry go to the ideas' followers (core's audience rule, db/subscriptions.ts), a backlog item
 * done to the people behind its evidence (db/backlog-backers.ts), each once, never the actor
 * (none when a tracker's webhook made the change): the first page of them by user id is told
 * here, so a small audience sees the bell at once, and a larger one is left to the delivery
 * worker a page at a time (a `delivery_fanouts` row), so no request holds a transaction or
 * memory the size of the audience. The rest (replies, merges) go to a few people, told with one
 * statement.
 */
export async function notify(tx: Queryable, event: DomainEvent, sequence: string, options: TellingOptions = {}): Promise<void> {
  const audience = fanoutAudienceOf(event);
  if (audience) {
    const fanout = { sequence, channel: 'in_app' as const, audience, afterUserId: null };
    await insertFanout(tx, fanout);
    await expandFanout(tx, fanout, options.fanoutPageSize ?? FANOUT_PAGE_SIZE);
    return;
  }
  // Merges and replies are made by someone, whom their news leaves out.
  if (event.actorId === null) return;
  if (event.type === 'post.merged') {
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
