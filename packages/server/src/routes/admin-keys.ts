import { adminIdentityOf, listAdminKeys } from '../db/admin-keys.js';
import {
  adminIdentitySchema,
  adminKeyListSchema,
  adminKeyParams,
  adminKeySchema,
  ingestionKeyListSchema,
  ingestionKeyParams,
  ingestionKeySchema,
  newAdminKeyInput,
  newAdminKeySchema,
  newIngestionKeySchema,
} from '../schemas.js';
import { createAdminKey, revokeAdminKey, type KeyKind } from '../services/admin-keys.js';
import { admin } from './access.js';
import { jsonBody, operation, router, type OperationTag } from './operation.js';

// Both kinds of API key are listed, created and revoked alike: admin keys (anything) and
// ingestion keys (only POST /feedback). What differs is said here.
const KEY_ROUTES = {
  admin: {
    path: '/admin/keys', tag: 'admin', name: 'admin key', table: 'admin_keys',
    listed: 'Keys from SAYSO_ADMIN_KEY are not listed, and no key\'s secret is ever shown again after it was created.',
    created: undefined,
    revoked: 'From then on the key is refused (401) on every route.',
    schemas: { one: adminKeySchema, list: adminKeyListSchema, created: newAdminKeySchema, params: adminKeyParams },
  },
  ingestion: {
    path: '/ingestion-keys', tag: 'feedback', name: 'ingestion key', table: 'ingestion_keys',
    listed: 'No key\'s secret is ever shown again after it was created.',
    created:
      'Give one to each system that sends feedback (`POST /feedback` with `Authorization: Bearer sik_…`); it is 403 on every other route.',
    revoked: 'From then on the key is refused (401).',
    schemas: { one: ingestionKeySchema, list: ingestionKeyListSchema, created: newIngestionKeySchema, params: ingestionKeyParams },
  },
} as const satisfies Record<KeyKind, { path: string; tag: OperationTag; table: string; [more: string]: unknown }>;

function keyRoutes(kind: KeyKind) {
  const { path, tag, name, table, listed, created, revoked, schemas } = KEY_ROUTES[kind];
  const list = operation({
    method: 'get', path, tag, access: admin, errors: [],
    summary: `List active ${name}s, without their secrets`,
    description: listed,
    response: { status: 200, description: 'Active keys, oldest first, never with their secret.', schema: schemas.list },
  });
  const create = operation({
    method: 'post', path, tag, access: admin, errors: [400],
    summary: `Create ${kind === 'admin' ? 'an admin key' : 'an ingestion key, which may only post feedback'}; the key is shown only in this answer`,
    ...(created ? { description: created } : {}),
    request: { body: jsonBody(newAdminKeyInput) },
    response: {
      status: 201,
      description: 'The key with its secret `key`, shown only in this answer; only its SHA-256 is stored.',
      schema: schemas.created,
    },
  });
  const revoke = operation({
    method: 'delete', path: `${path}/{keyId}`, tag, access: admin, errors: [404],
    summary: `Revoke ${kind === 'admin' ? 'an admin key' : 'an ingestion key'}`,
    description: revoked,
    request: { params: schemas.params },
    response: { status: 200, description: 'The revoked key.', schema: schemas.one },
  });
  return router()
    .openapi(list, async (c) => c.json(await listAdminKeys(c.var.db, table), 200))
    .openapi(create, async (c) => {
      const key = await createAdminKey(c.var.db, { label: c.req.valid('json').label, actor: c.var.actor, kind });
      // The key is in this answer only: no cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json(key, 201);
    })
    .openapi(revoke, async (c) => c.json(await revokeAdminKey(c.var.db, { id: c.req.valid('param').keyId, actor: c.var.actor, kind }), 200));
}

export const adminKeyRoutes = () => keyRoutes('admin');
export const ingestionKeyRoutes = () => keyRoutes('ingestion');

const whoAmI = operation({
  method: 'get', path: '/admin/me', tag: 'admin', access: admin, errors: [],
  summary: 'Who the admin credentials act as',
  description: 'The admin console checks a typed key with this before keeping it. A wrong or revoked key is 401.',
  response: { status: 200, description: "The key's label, or the signed-in user granted admin by the host's token.", schema: adminIdentitySchema },
});

export const adminIdentityRoutes = () => router().openapi(whoAmI, async (c) => c.json(await adminIdentityOf(c.var.db, c.var.actor.key), 200));
