import { openApiDocument } from '@sayso/server';
import { describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage } from './storage.js';

// Every request the adapter can make is an operation of the server's OpenAPI document (which the
// server generates from its route declarations): a path renamed on one side fails here.

const base = 'https://sayso.test';
const ID = '6f1c3c8e-8f6a-4d7e-9a57-3f9e3c2a1b00';

/** One argument object for every method: each takes the fields it needs. */
const ARGUMENTS = {
  board: 'demo',
  postId: ID,
  commentId: ID,
  tag: 'mobile-app',
  name: 'Mobile app',
  title: 'Dark mode',
  body: 'Easier on the eyes',
  status: 'planned',
  text: 'dark mode for the editor',
  sort: 'new',
  cursor: 'k1',
  limit: 5,
  all: true,
  into: ID,
  postIds: [ID, ID],
  peopleWeight: 1,
  mrrWeight: 0.01,
  impact: 2,
  effort: 3,
  itemId: ID,
  itemIds: [ID],
  kind: 'admin',
  keyId: ID,
  viewId: ID,
  evidenceId: ID,
  format: 'csv',
} as const;

/** The document's operations as `METHOD regex` over paths relative to /api/v1. */
function documentedOperations(): Array<{ method: string; path: string; pattern: RegExp }> {
  const { paths } = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
    })),
  );
}

describe('the HTTP adapter and the OpenAPI document', () => {
  it('calls only operations the server documents, through every method it has', async () => {
    const requests: Array<{ method: string; path: string }> = [];
    const recording: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      requests.push({ method: init?.method ?? 'GET', path: url.pathname.replace(/^\/api\/v1/, '') });
      return Response.json({ visitorToken: 'visitor-token', items: [], nextCursor: null, unreadCount: 0 });
    };
    const adapter = createHttpAdapter({
      baseUrl: base,
      adminKey: 'admin-key',
      fetch: recording,
      visitorStorage: memoryStorage('openapi-paths.visitor'),
    });
    const visitor = createHttpAdapter({ baseUrl: base, fetch: recording, visitorStorage: memoryStorage('openapi-paths.fresh') });

    const called: string[] = [];
    const callAll = async (target: object, prefix: string) => {
      for (const [name, value] of Object.entries(target)) {
        if (typeof value !== 'function') continue;
        called.push(`${prefix}${name}`);
        await (value as (args: typeof ARGUMENTS) => Promise<unknown>).call(target, ARGUMENTS);
      }
    };
    await callAll(adapter, '');
    await callAll(adapter.admin!, 'admin.');
    // A visitor without a token first asks the server for one.
    await visitor.vote({ postId: ID });

    expect(called).toEqual(expect.arrayContaining(['listBoards', 'createPost', 'vote', 'findSimilarPosts', 'admin.setPostStatus']));
    const operations = documentedOperations();
    const undocumented = requests.filter(
      (request) => !operations.some((operation) => operation.method === request.method && operation.pattern.test(request.path)),
    );
    expect(undocumented).toEqual([]);
    // Every method made at least one request; together they reach most of the API.
    expect(requests.length).toBeGreaterThanOrEqual(called.length);
    expect(requests).toContainEqual({ method: 'POST', path: '/visitors' });
    expect(new Set(requests.map((request) => `${request.method} ${request.path}`)).size).toBeGreaterThan(20);
  });
});
