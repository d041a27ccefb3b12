import {
  SaysoError,
  WEBHOOK_EVENT_TYPES,
  type Delivery,
  type NewWebhookEndpoint,
  type SaysoAdminApi,
  type WebhookEndpoint,
  type WebhookEventType,
} from '@sayso/core';
import { nextTime } from './data.js';
import { keysetPage } from './paging.js';
import { invalid, type MemoryVisitor } from './visitor.js';

/** Checks an endpoint's URL and events as the server does, short of resolving the host (the memory adapter calls nothing). */
function checkedEndpoint(input: Partial<NewWebhookEndpoint>): Partial<NewWebhookEndpoint> {
  const checked: Partial<NewWebhookEndpoint> = {};
  if (input.url !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(input.url);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw invalid('A webhook URL must be an http or https URL.', { field: 'url' });
    }
    checked.url = url.href;
  }
  if (input.events !== undefined) {
    const unknown = Array.isArray(input.events) ? input.events.filter((event) => !WEBHOOK_EVENT_TYPES.includes(event)) : ['?'];
    if (!Array.isArray(input.events) || input.events.length === 0 || unknown.length > 0) {
      throw invalid(`events must list one or more of ${WEBHOOK_EVENT_TYPES.join(', ')}.`, { field: 'events' });
    }
    checked.events = WEBHOOK_EVENT_TYPES.filter((event: WebhookEventType) => input.events!.includes(event));
  }
  return checked;
}

/** Webhook endpoints (a registry: the memory adapter calls no URL) and the delivery log. */
export function webhookOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'createWebhookEndpoint' | 'listWebhookEndpoints' | 'updateWebhookEndpoint' | 'deleteWebhookEndpoint' | 'listDeliveries' | 'replayDelivery'> {
  const { data, settle, commit } = visitor;
  const endpointOf = (endpointId: string) => {
    const endpoint = data.webhooks.get(endpointId);
    if (!endpoint) throw new SaysoError('not_found', `No webhook endpoint "${endpointId}".`);
    return endpoint;
  };
  const withoutSecret = ({ secret: _secret, ...endpoint }: WebhookEndpoint & { secret: string }): WebhookEndpoint => endpoint;

  return {
    createWebhookEndpoint: (input) =>
      commit(() => {
        if (input.url === undefined || input.events === undefined) throw invalid('Give the endpoint a url and its events.', { field: input.url === undefined ? 'url' : 'events' });
        const { url, events } = checkedEndpoint(input) as NewWebhookEndpoint;
        const secret = `whsec_${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('')}`;
        const endpoint = { id: `webhook-${data.webhooks.size + 1}`, url, events, active: true, createdAt: nextTime(data), secret };
        data.webhooks.set(endpoint.id, endpoint);
        return endpoint;
      }),

    listWebhookEndpoints: () => settle(() => [...data.webhooks.values()].map(withoutSecret)),

    updateWebhookEndpoint: ({ endpointId, active, ...change }) =>
      commit(() => {
        const endpoint = endpointOf(endpointId);
        if (active !== undefined && typeof active !== 'boolean') throw invalid('active must be true or false.', { field: 'active' });
        Object.assign(endpoint, checkedEndpoint(change), active === undefined ? {} : { active });
        return withoutSecret(endpoint);
      }),

    deleteWebhookEndpoint: ({ endpointId }) =>
      commit(() => {
        endpointOf(endpointId);
        data.webhooks.delete(endpointId);
      }),

    listDeliveries: ({ cursor, limit, ...filters } = {}) =>
      settle(() => {
        const matches = (delivery: Delivery) =>
          (filters.postId === undefined || delivery.post?.id === filters.postId) &&
          (filters.personId === undefined || delivery.person?.id === filters.personId) &&
          (filters.endpointId === undefined || delivery.endpoint?.id === filters.endpointId) &&
          (filters.status === undefined || delivery.status === filters.status) &&
          (filters.channel === undefined || delivery.channel === filters.channel);
        const newestFirst = data.deliveries.filter(matches).reverse();
        return keysetPage(newestFirst, (delivery) => ({ at: delivery.createdAt, id: delivery.id }), cursor, limit, 'delivery log');
      }),

    replayDelivery: ({ deliveryId }) =>
      commit(() => {
        const delivery = data.deliveries.find((candidate) => candidate.id === deliveryId);
        if (!delivery) throw new SaysoError('not_found', `No delivery "${deliveryId}".`);
        throw invalid('Only webhook calls can be sent again; this one was shown in the app.', { field: 'deliveryId' });
      }),
  };
}
