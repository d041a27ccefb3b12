import { listAdminKeys } from '../db/admin-keys.js';
import { ingestionKeyListSchema, ingestionKeyParams, ingestionKeySchema, newAdminKeyInput, newIngestionKeySchema } from '../schemas.js';
import { createAdminKey, revokeAdminKey } from '../services/admin-keys.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const list = operation({
  method: 'get', path: '/ingestion-keys', tag: 'feedback', access: admin, errors: [],
  summary: 'List active ingestion keys, without their secrets',
  response: { status: 200, description: 'Active keys, oldest first, never with their secret.', schema: ingestionKeyListSchema },
});

const create = operation({
  method: 'post', path: '/ingestion-keys', tag: 'feedback', access: admin, errors: [400],
  summary: 'Create an ingestion key, which may only post feedback; the key is shown only in this answer',
  description: 'Give one to each system that sends feedback (`POST /feedback` with `Authorization: Bearer sik_…`); it is 403 on every other route.',
  request: { body: jsonBody(newAdminKeyInput) },
  response: {
    status: 201,
    description: 'The key with its secret `key`, shown only in this answer; only its SHA-256 is stored.',
    schema: newIngestionKeySchema,
  },
});

const revoke = operation({
  method: 'delete', path: '/ingestion-keys/{keyId}', tag: 'feedback', access: admin, errors: [404],
  summary: 'Revoke an ingestion key',
  description: 'From then on the key is refused (401).',
  request: { params: ingestionKeyParams },
  response: { status: 200, description: 'The revoked key.', schema: ingestionKeySchema },
});

export const ingestionKeyRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(await listAdminKeys(c.var.db, 'ingestion_keys'), 200))
    .openapi(create, async (c) => {
      const created = await createAdminKey(c.var.db, { label: c.req.valid('json').label, actor: c.var.actor, kind: 'ingestion' });
      // The key is in this answer only: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json(created, 201);
    })
    .openapi(revoke, async (c) =>
      c.json(await revokeAdminKey(c.var.db, { id: c.req.valid('param').keyId, actor: c.var.actor, kind: 'ingestion' }), 200),
    );
