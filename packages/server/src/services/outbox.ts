import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from '../db/database.js';
import { insertDelivery, insertFanout, type FanoutAudience } from '../db/deliveries.js';
import type { DomainEvent } from '../db/events.js';
import { insertWebhookDeliveries } from '../db/webhook-deliveries.js';
import { WEBHOOK_TYPE_OF_EVENT, ideaIdOf } from '../channels/webhook/payload.js';

/** The payload a `changelog.published` event carries for its mail: the entry and the canonicals it ships. */
export interface ChangelogPublishedPayload {
  entryId: string;
  title: string;
  /** Markdown. */
  body: string;
  postIds: string[];
  /** The status of kind done the ideas moved into, for the bell's news. */
  to?: string;
}

/**
 * Who hears of an event (by email and in the bell); `undefined` for events that tell nobody
 * through a fan-out. A status change that tells is about a canonical (an idea is never merged
 * when its status changes, core's assertStatusMayChange), whose followers hear of it; an entry
 * shipping several ideas tells each of their followers once (one fan-out over them all); a
 * backlog item done for the first time tells the people behind its evidence.
 */
export function fanoutAudienceOf(event: DomainEvent): FanoutAudience | undefined {
  if (event.type === 'post.status_changed' && event.payload?.tells === true) return { postIds: [event.subject.id] };
  if (event.type === 'changelog.published' && Array.isArray(event.payload?.postIds)) return { postIds: event.payload.postIds as string[] };
  if (event.type === 'backlog.status_changed' && event.payload?.tells === true) return { backlogItemId: event.subject.id };
  return undefined;
}

/**
 * The transactional outbox, one consumer of the domain events run in the event's transaction:
 * the deliveries an event calls for are written with the change, so they commit or vanish with
 * it. An audience is not expanded here: one `delivery_fanouts` row is, whatever its size, and the
 * delivery worker expands it in pages (services/delivery-worker.ts).
 */
export async function enqueueDeliveries(tx: Queryable, event: DomainEvent, sequence: string): Promise<void> {
  const audience = fanoutAudienceOf(event);
  if (audience) {
    await insertFanout(tx, { sequence, channel: 'email', audience });
    deliveriesMade();
  } else if (event.type === 'email.confirmation_requested') {
    const postId = typeof event.payload?.postId === 'string' ? event.payload.postId : null;
    await insertDelivery(tx, { sequence, channel: 'email', userId: event.subject.id, postId });
    deliveriesMade();
  }
  // Webhooks: one delivery per active endpoint that asked for the event (a handful, no fan-out).
  const webhookType = WEBHOOK_TYPE_OF_EVENT[event.type];
  if (webhookType) {
    const postId = ideaIdOf({ type: event.type, subjectId: event.subject.id, payload: event.payload ?? {} });
    if ((await insertWebhookDeliveries(tx, { sequence, type: webhookType, postId })) > 0) deliveriesMade();
  }
}

// Whether the request being served wrote deliveries: createApp kicks the delivery worker after
// such a request (its transaction has committed by then) rather than leaving them to the next poll.
const requestScope = new AsyncLocalStorage<{ made: boolean }>();

function deliveriesMade(): void {
  const scope = requestScope.getStore();
  if (scope) scope.made = true;
}

/** Runs `serve` (one request) and says whether it wrote deliveries. */
export async function watchingDeliveries(serve: () => Promise<void>): Promise<boolean> {
  const scope = { made: false };
  await requestScope.run(scope, serve);
  return scope.made;
}
