import { listDeliveries } from '../db/delivery-log.js';
import { deliveryPageSchema, deliveryParams, deliverySchema, listDeliveriesQuery } from '../schemas.js';
import { replayWebhookDelivery } from '../services/webhook-deliveries.js';
import { admin } from './access.js';
import { operation, router } from './operation.js';
import { keysetPage } from './paging.js';

const list = operation({
  method: 'get', path: '/deliveries', tag: 'deliveries', access: admin, errors: [400],
  summary: 'The delivery log: every message to a person or an endpoint, newest first',
  description:
    'One row per message: a notice in the bell (`in_app`, sent as it is made), an email, or a webhook call. ' +
    'Filter by idea, person, endpoint, status or channel (all given filters apply). Keyset pages.',
  request: { query: listDeliveriesQuery },
  response: { status: 200, description: 'A page of deliveries.', schema: deliveryPageSchema },
});

const replay = operation({
  method: 'post', path: '/deliveries/{id}/replay', tag: 'deliveries', access: admin, errors: [400, 404, 409],
  summary: 'Send a webhook delivery again, as a new delivery of the same call',
  description:
    'The same body (fixed when the event was first sent), with a new signature, time and `Sayso-Delivery` id; the new delivery names the original in the log. Only webhook deliveries (400 otherwise), to an endpoint still there and active (409 otherwise).',
  request: { params: deliveryParams },
  response: { status: 201, description: 'The new delivery, pending.', schema: deliverySchema },
});

export const deliveryRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(keysetPage(await listDeliveries(c.var.db, c.req.valid('query'))), 200))
    .openapi(replay, async (c) => c.json(await replayWebhookDelivery(c.var.db, { deliveryId: c.req.valid('param').id, actor: c.var.actor }), 201));
