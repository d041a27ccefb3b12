// The OpenAPI 3.1 document of the REST API, served at /api/v1/openapi.json: generated from the
// route declarations (routes/*.ts) by @hono/zod-openapi, so it cannot miss or misstate a route.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { apiRoutes } from './routes/api.js';

const SECURITY_SCHEMES = {
  adminKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'An admin key: one of SAYSO_ADMIN_KEY, or one created with POST /admin/keys.',
  },
  ingestionKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'An ingestion key (`sik_…`, created with POST /ingestion-keys): it may only post feedback (POST /feedback); 403 elsewhere.',
  },
  userToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A user of the host app: an HS256 JWT it signed with SAYSO_JWT_SECRET, claims `sub` (required), `email`, ' +
      '`name`, `traits`; `exp` required, at most 24 hours after `iat`. Expired: 401 `token_expired`.',
  },
  visitorToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Sayso-Visitor',
    description: 'An anonymous visitor: the token from POST /visitors.',
  },
} as const;

/** The OpenAPI 3.1 document of an API's routes, relative to `/api/v1`. */
export function documentOf(api: OpenAPIHono<AppEnv>): Record<string, unknown> {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) api.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Sayso API',
      version: '1',
      description:
        'The reference Sayso server. JSON in and out; errors are always `{ "error": { "code", "message", "details"? } }`.',
      // OpenAPI 3.1 licence objects take an SPDX identifier; the generator's types predate it.
      license: { name: 'MIT', identifier: 'MIT' } as { name: string },
    },
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'meta' },
      { name: 'identity', description: 'Anonymous visitors get a token from `POST /visitors`.' },
      { name: 'boards' },
      { name: 'posts' },
      { name: 'votes' },
      { name: 'comments' },
      { name: 'notifications', description: '"Your request shipped" and replies, for the caller only.' },
      { name: 'events', description: 'Live changes: a board\'s public changes and the caller\'s unread count, as server-sent events or polled.' },
      { name: 'tags' },
      { name: 'changelog', description: 'Notes of what shipped: drafts for admins, published entries for everyone.' },
      { name: 'webhooks', description: 'Signed calls to URLs an admin registers (docs/webhooks.md). Admin only.' },
      { name: 'deliveries', description: 'The log of every message sent: bell, email and webhook. Admin only.' },
      { name: 'channels', description: 'Feedback arriving from email, Slack and support tools, each verified by its own secret or signature (docs/channels.md).' },
      { name: 'feedback', description: 'Feedback from every channel, triaged in the inbox as evidence for ideas; CSV imports (docs/csv-import.md).' },
      { name: 'backlog', description: 'The engineering backlog, ranked by the people behind its evidence, and the capacity set aside for it (docs/backlog.md). Admin only, but for the public backlog.' },
      { name: 'admin', description: 'Needs `Authorization: Bearer <admin key>`.' },
    ],
  }) as unknown as Record<string, unknown>;
}

let built: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of `/api/v1`; the same for every app, built once, on first use. */
export function openApiDocument(): Record<string, unknown> {
  built ??= documentOf(apiRoutes());
  return built;
}
