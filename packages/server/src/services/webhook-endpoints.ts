import { SaysoError, type CreatedWebhookEndpoint, type NewWebhookEndpoint, type WebhookEndpoint } from '@sayso/core';
import type { Database } from '../db/database.js';
import type { DomainEventType } from '../db/events.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { insertEndpoint, removeEndpointRow, updateEndpointRow } from '../db/webhook-endpoints.js';
import { RefusedDestination, permittedAddresses, type WebhookAddressPolicy } from '../channels/webhook/address-policy.js';
import { generateWebhookSecret } from '../channels/webhook/signature.js';
import { record } from './record.js';

/** Refuses a URL whose host the policy does not allow, as `invalid_input` on `url`; sending checks again. */
async function assertDestination(url: string, policy: WebhookAddressPolicy): Promise<void> {
  try {
    await permittedAddresses(new URL(url), policy);
  } catch (error) {
    if (!(error instanceof RefusedDestination)) throw error;
    throw new SaysoError('invalid_input', error.message, { problems: [{ field: 'url', message: error.message }] });
  }
}

/** Records an endpoint's change: where it points and what for, never its secret. */
const recordEndpoint = async (tx: Parameters<typeof record>[0], type: DomainEventType, endpoint: WebhookEndpoint, actor: Actor) =>
  record(tx, {
    type,
    subject: { type: 'webhook_endpoint', id: endpoint.id },
    actorId: await ensureUser(tx, actor.key),
    payload: { url: endpoint.url, events: endpoint.events, active: endpoint.active },
  });

/** Registers an endpoint with a new secret, answered this once; records `webhook.created`. */
export async function createWebhookEndpoint(
  db: Database,
  params: NewWebhookEndpoint & { actor: Actor; policy: WebhookAddressPolicy },
): Promise<CreatedWebhookEndpoint> {
  await assertDestination(params.url, params.policy);
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const createdBy = await ensureUser(tx, params.actor.key);
    const endpoint = await insertEndpoint(tx, { url: params.url, secret, events: params.events, createdBy });
    await recordEndpoint(tx, 'webhook.created', endpoint, params.actor);
    return { ...endpoint, secret };
  });
}

/** Changes an endpoint's URL (checked as at registration), events or `active`; records `webhook.updated`. */
export async function updateWebhookEndpoint(
  db: Database,
  params: { endpointId: string; url?: string; events?: NewWebhookEndpoint['events']; active?: boolean; actor: Actor; policy: WebhookAddressPolicy },
): Promise<WebhookEndpoint> {
  if (params.url !== undefined) await assertDestination(params.url, params.policy);
  return db.transaction(async (tx) => {
    const endpoint = await updateEndpointRow(tx, params.endpointId, params);
    await recordEndpoint(tx, 'webhook.updated', endpoint, params.actor);
    return endpoint;
  });
}

/** Removes an endpoint: it is called no more, its deliveries stay in the log; records `webhook.deleted`. */
export async function deleteWebhookEndpoint(db: Database, params: { endpointId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const endpoint = await removeEndpointRow(tx, params.endpointId);
    await recordEndpoint(tx, 'webhook.deleted', endpoint, params.actor);
  });
}
