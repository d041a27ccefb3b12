import type { NotificationAudience, WebhookEventType } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { followersOf } from '../db/subscriptions.js';
import { endpointIdsFor } from '../db/webhook-endpoints.js';

/** Nobody told but the webhook endpoints called: a change that tells no followers. */
export const nobodyBut = (webhook: number): NotificationAudience => ({ counts: { in_app: 0, email: 0, webhook }, people: [], truncated: false });

/**
 * Who a change would tell, as a dry run answers it (changing nothing): the followers of the
 * canonicals (core's audience rule, as the change itself tells them), less the actor, counted per
 * channel in SQL, the first `limit` of them listed with their channels and reasons, and how many
 * webhook endpoints would be called for `webhookType`. `shipping`: the change ships the (one)
 * idea, and who has not read its last shipping yet is not told in-app again.
 */
export async function audienceOf(
  db: Queryable,
  params: { canonicalIds: readonly string[]; actorId: string | null; limit: number; webhookType: WebhookEventType; shipping: boolean },
): Promise<NotificationAudience> {
  const webhook = (await endpointIdsFor(db, params.webhookType)).length;
  const followers = await followersOf(db, { canonicalIds: params.canonicalIds, exceptId: params.actorId, limit: params.limit, shipping: params.shipping });
  return {
    counts: { in_app: followers.inApp, email: followers.email, webhook },
    people: followers.people.map((person) => ({
      person: { id: person.id, name: person.name, email: person.mailbox },
      channels: [...(person.in_app ? (['in_app'] as const) : []), ...(person.mailbox ? (['email'] as const) : [])],
      reasons: person.reasons,
    })),
    truncated: followers.total > followers.people.length,
  };
}
