import type { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import {
  adminKeySchema,
  boardSchema,
  commentDeletionSchema,
  commentPageSchema,
  commentSchema,
  errorSchema,
  newAdminKeySchema,
  postPageSchema,
  postSchema,
  tagSchema,
  voteResultSchema,
} from '../src/schemas.js';
import { apiClient } from './support/api-client.js';
import { testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'openapi-admin-key-0123456789';

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>; security?: unknown[]; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

describe('OpenAPI document', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let doc: Document;

  beforeAll(async () => {
    db = await databases.open('pglite');
    app = createApp({ db, adminKeys: [ADMIN_KEY] });
    const response = await app.request(`${API_PREFIX}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    doc = JSON.parse(await response.text()) as Document;
  });

  /** Every route the app answers under /api/v1, as "METHOD /path/{param}", derived from Hono. */
  const answeredRoutes = () =>
    [
      ...new Set(
        app.routes
          .filter((route) => route.method !== 'ALL' && route.path.startsWith(`${API_PREFIX}/`))
          .map((route) => `${route.method} ${route.path.slice(API_PREFIX.length).replace(/:(\w+)/g, '{$1}')}`),
      ),
    ].sort();

  const documentedRoutes = () =>
    Object.entries(doc.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();

  it('is OpenAPI 3.1 with the error schema and the bearer security scheme', () => {
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.components.securitySchemes.adminKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const name of ['Board', 'Post', 'PostPage', 'Comment', 'Tag', 'VoteResult', 'Error', 'NewAdminKey']) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
  });

  it('documents exactly the routes the app answers', () => {
    const answered = answeredRoutes();
    expect(answered.length).toBeGreaterThanOrEqual(22);
    expect(documentedRoutes()).toEqual(answered);
  });

  it('gives every operation its parameters, body, success and error responses', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])) {
          expect(operation.parameters?.some((p) => p.in === 'path' && p.name === name), `${where} ${name}`).toBe(true);
        }
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => status.startsWith('2')), where).toBe(true);
        for (const status of statuses.filter((s) => /^[45]/.test(s))) {
          expect(operation.responses[status]!.content!['application/json']!.schema.$ref, `${where} ${status}`).toBe('#/components/schemas/Error');
        }
        const needsNoBody = path.endsWith('/votes') || path.endsWith('/unmerge') || path.endsWith('/replay') || path.endsWith('/publish') || path === '/visitors';
        if (['post', 'patch'].includes(method) && !needsNoBody) expect(operation.requestBody, where).toBeDefined();
        if (method !== 'get') expect(statuses, where).toContain('429');
      }
    }
    expect(doc.paths['/admin/keys']!.post!.security).toEqual([{ adminKey: [] }]);
    expect(doc.paths['/boards/{board}/posts']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['board', 'sort', 'cursor', 'limit', 'status', 'tag', 'q']),
    );
  });

  it('describes the responses the server really sends', async () => {
    const call = apiClient(app, db);
    const admin = { adminKey: ADMIN_KEY };
    const { slug } = await createBoard(db, { slug: 'openapi', name: 'OpenAPI' });
    const check = async <S extends z.ZodType>(schema: S, request: Promise<{ status: number; json: unknown }>) => {
      const response = await request;
      expect(response.status).toBeLessThan(300);
      expect(schema.safeParse(response.json).error).toBeUndefined();
      return response.json as z.output<S>;
    };
    const voter = { voter: 'openapi-voter-1' };
    await check(boardSchema, call('GET', `/boards/${slug}`));
    const post = await check(postSchema, call('POST', `/boards/${slug}/posts`, { ...voter, body: { title: 'Documented idea' } }));
    await check(postSchema, call('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'planned', body: 'Edited' } }));
    await check(tagSchema, call('POST', `/boards/${slug}/tags`, { ...admin, body: { name: 'Docs' } }));
    await check(postSchema, call('PUT', `/posts/${post.id}/tags/docs`, admin));
    await check(postPageSchema, call('GET', `/boards/${slug}/posts?sort=new&tag=docs`));
    await check(voteResultSchema, call('POST', `/posts/${post.id}/votes`, voter));
    const comment = await check(commentSchema, call('POST', `/posts/${post.id}/comments`, { ...voter, body: { body: 'Hello' } }));
    await check(commentSchema, call('PATCH', `/comments/${comment.id}`, { ...voter, body: { body: 'Hello again' } }));
    await check(commentPageSchema, call('GET', `/posts/${post.id}/comments`));
    await check(commentDeletionSchema, call('DELETE', `/comments/${comment.id}`, voter));
    const key = await check(newAdminKeySchema, call('POST', '/admin/keys', { ...admin, body: { label: 'docs' } }));
    await check(adminKeySchema, call('DELETE', `/admin/keys/${key.id}`, admin));
    const error = await call('GET', '/boards/nope');
    expect(errorSchema.safeParse(error.json).error).toBeUndefined();
  });
});
