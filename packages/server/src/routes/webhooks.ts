import type { TypedResponse } from 'hono';
import { listEndpoints } from '../db/webhook-endpoints.js';
import {
  createdWebhookEndpointSchema,
  newWebhookEndpointInput,
  webhookEndpointChangesInput,
  webhookEndpointListSchema,
  webhookEndpointParams,
  webhookEndpointSchema,
} from '../schemas.js';
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from '../services/webhook-endpoints.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const REFUSED_URLS =
  'A URL that is not http(s), or whose host resolves to a loopback, private, link-local or other non-public address, is 400 unless the server sets SAYSO_WEBHOOK_ALLOW_PRIVATE=true; each call checks the address again.';

const create = operation({
  method: 'post', path: '/webhooks', tag: 'webhooks', access: admin, errors: [400],
  summary: 'Register a webhook endpoint; its signing secret is shown only in this answer',
  description: REFUSED_URLS,
  request: { body: jsonBody(newWebhookEndpointInput) },
  response: { status: 201, description: 'The endpoint with its `secret`, shown only in this answer.', schema: createdWebhookEndpointSchema },
});

const list = operation({
  method: 'get', path: '/webhooks', tag: 'webhooks', access: admin, errors: [],
  summary: 'List the webhook endpoints, without their secrets',
  response: { status: 200, description: 'The endpoints, oldest first.', schema: webhookEndpointListSchema },
});

const update = operation({
  method: 'patch', path: '/webhooks/{endpointId}', tag: 'webhooks', access: admin, errors: [400, 404],
  summary: 'Change an endpoint\'s URL or events, or pause it (`active: false`)',
  description: REFUSED_URLS,
  request: { params: webhookEndpointParams, body: jsonBody(webhookEndpointChangesInput) },
  response: { status: 200, description: 'The endpoint after the change.', schema: webhookEndpointSchema },
});

const remove = operation({
  method: 'delete', path: '/webhooks/{endpointId}', tag: 'webhooks', access: admin, errors: [404],
  summary: 'Remove a webhook endpoint; its deliveries stay in the log',
  request: { params: webhookEndpointParams },
  response: { status: 204, description: 'Removed: nothing more is sent to it.' },
});

export const webhookRoutes = () =>
  router()
    .openapi(create, async (c) => {
      const endpoint = await createWebhookEndpoint(c.var.db, { ...c.req.valid('json'), actor: c.var.actor, policy: c.var.webhookPolicy });
      // The secret is in this answer only: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json(endpoint, 201);
    })
    .openapi(list, async (c) => c.json(await listEndpoints(c.var.db), 200))
    .openapi(update, async (c) => {
      const changes = c.req.valid('json');
      const endpointId = c.req.valid('param').endpointId;
      return c.json(await updateWebhookEndpoint(c.var.db, { ...changes, endpointId, actor: c.var.actor, policy: c.var.webhookPolicy }), 200);
    })
    .openapi(remove, async (c) => {
      await deleteWebhookEndpoint(c.var.db, { endpointId: c.req.valid('param').endpointId, actor: c.var.actor });
      // A 204 has no body; the declared type of a response without content is an empty object.
      return c.body(null, 204) as unknown as TypedResponse<{}, 204>;
    });
