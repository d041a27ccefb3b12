import { listAdminKeys } from '../db/admin-keys.js';
import { adminKeyListSchema, adminKeyParams, adminKeySchema, newAdminKeyInput, newAdminKeySchema } from '../schemas.js';
import { createAdminKey, revokeAdminKey } from '../services/admin-keys.js';
import { admin } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const list = operation({
  method: 'get', path: '/admin/keys', tag: 'admin', access: admin, errors: [],
  summary: 'List active admin keys, without their secrets',
  description: 'Keys from SAYSO_ADMIN_KEY are not listed, and no key\'s secret is ever shown again after it was created.',
  response: { status: 200, description: 'Active keys, oldest first, never with their secret.', schema: adminKeyListSchema },
});

const create = operation({
  method: 'post', path: '/admin/keys', tag: 'admin', access: admin, errors: [400],
  summary: 'Create an admin key; the key is shown only in this answer',
  request: { body: jsonBody(newAdminKeyInput) },
  response: {
    status: 201,
    description: 'The key with its secret `key`, shown only in this answer; only its SHA-256 is stored.',
    schema: newAdminKeySchema,
  },
});

const revoke = operation({
  method: 'delete', path: '/admin/keys/{keyId}', tag: 'admin', access: admin, errors: [404],
  summary: 'Revoke an admin key',
  description: 'From then on the key is refused (401) on every route.',
  request: { params: adminKeyParams },
  response: { status: 200, description: 'The revoked key.', schema: adminKeySchema },
});

export const adminKeyRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(await listAdminKeys(c.var.db), 200))
    .openapi(create, async (c) => c.json(await createAdminKey(c.var.db, { label: c.req.valid('json').label, actor: c.var.actor }), 201))
    .openapi(revoke, async (c) => c.json(await revokeAdminKey(c.var.db, { id: c.req.valid('param').keyId, actor: c.var.actor }), 200));
