import type { Database, Queryable } from '../../db/database.js';
import type { DeliveryChannelSender } from '../channel.js';
import { findWebhookCall, storeWebhookCall, webhookContextRows } from '../../db/webhook-bodies.js';
import { findEndpointTarget } from '../../db/webhook-endpoints.js';
import { ideaIdOf, shippedIdeaIdsOf, webhookCall, type WebhookCall, type WebhookSourceEvent } from './payload.js';
import { sendWebhook, type WebhookOutcome, type WebhookSendOptions } from './send.js';

/** What the webhook channel needs of a claimed delivery (the outbox's DeliveryJob has it all). */
export interface WebhookJob {
  id: string;
  endpointId: string | null;
  event: WebhookSourceEvent;
}

/**
 * The call every delivery of `event` makes: the one stored for it, or made now from the event and
 * the rows it names, and stored. So every endpoint, retry and replay of an event sends the same
 * bytes (the idea's title as it was then). `null` for an event no endpoint can ask for.
 */
export async function fixedWebhookCall(db: Queryable, event: WebhookSourceEvent): Promise<WebhookCall | null> {
  const stored = await findWebhookCall(db, event.sequence);
  if (stored) return stored;
  const commentId = event.type === 'comment.added' ? event.subjectId : null;
  const feedbackItemId = event.type === 'feedback.received' ? event.subjectId : null;
  const context = await webhookContextRows(db, { ideaId: ideaIdOf(event), ideaIds: shippedIdeaIdsOf(event), commentId, feedbackItemId });
  const call = webhookCall(event, context);
  return call && storeWebhookCall(db, event.sequence, call);
}

/**
 * The webhook channel of the delivery worker: for each claimed delivery, the endpoint's URL and
 * secret as they are now, the event's fixed body, and one signed call. A removed or paused
 * endpoint fails for good (`permanent`): an admin replays the delivery once it is active again.
 */
export function createWebhookChannel(db: Database, options: WebhookSendOptions): DeliveryChannelSender & { send(job: WebhookJob): Promise<WebhookOutcome> } {
  return {
    channel: 'webhook',
    async send(job: WebhookJob): Promise<WebhookOutcome> {
      const endpoint = job.endpointId ? await findEndpointTarget(db, job.endpointId) : undefined;
      if (!endpoint || endpoint.removed) return { ok: false, error: 'The webhook endpoint was removed.', permanent: true };
      if (!endpoint.active) return { ok: false, error: 'The webhook endpoint is paused.', permanent: true };
      const call = await fixedWebhookCall(db, job.event);
      if (!call) return { ok: false, error: `No webhook is made of a ${job.event.type} event.`, permanent: true };
      return sendWebhook(endpoint, { deliveryId: job.id, ...call }, options);
    },
  };
}
