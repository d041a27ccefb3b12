import type { Post } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { startServer, type RunningServer } from '../src/server.js';
import { createBoard } from '../src/services/boards.js';
import { testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();

// The API reads every body as JSON whatever its Content-Type says, as it did before its routes
// were declared with @hono/zod-openapi (whose validators look at the header): a curl -d or a
// fetch of a string keep working, over a real socket.
describe('request bodies and their Content-Type', () => {
  let db: Database;
  let server: RunningServer;

  beforeAll(async () => {
    db = await databases.open('pglite');
    await createBoard(db, { slug: 'content-types' });
    server = await startServer({ port: 0, hostname: '127.0.0.1', db });
  });
  afterAll(() => server.close());

  const submit = async (title: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/v1/boards/content-types/posts`, {
      method: 'POST',
      headers: { ...(await visitorHeaders(db, 'content-type-author')), ...headers },
      body: JSON.stringify({ title }),
    });

  it('reads JSON sent as form encoding, text or with no type at all', async () => {
    for (const [title, type] of [
      ['Sent by curl -d', 'application/x-www-form-urlencoded'],
      ['Sent as a string', 'text/plain;charset=UTF-8'],
      ['Sent as JSON', 'application/json; charset=utf-8'],
    ] as const) {
      const answer = await submit(title, { 'Content-Type': type });
      expect(answer.status, type).toBe(201);
      expect(((await answer.json()) as Post).title).toBe(title);
    }
    const untyped = await fetch(`${server.url}/api/v1/boards/content-types/posts`, {
      method: 'POST',
      headers: await visitorHeaders(db, 'content-type-author'),
      body: new Blob([JSON.stringify({ title: 'Sent without a type' })]),
    });
    expect(untyped.status).toBe(201);
  });

  it('still refuses what is not JSON with 400 invalid_input', async () => {
    const answer = await fetch(`${server.url}/api/v1/boards/content-types/posts`, {
      method: 'POST',
      headers: { ...(await visitorHeaders(db, 'content-type-author')), 'Content-Type': 'text/plain' },
      body: 'title=Not JSON',
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});
