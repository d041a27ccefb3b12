import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Board, Page, Post } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { testDatabases } from './support/databases.js';
import { startMain } from './support/main-process.js';

const databases = testDatabases();
const work = mkdtempSync(join(tmpdir(), 'sayso-server-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('startServer', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const site = join(work, 'site');
    const bundle = join(work, 'bundle');
    mkdirSync(join(site, 'assets'), { recursive: true });
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>host page</title>');
    writeFileSync(join(site, 'assets', 'app.css'), 'body{}');
    writeFileSync(join(bundle, 'sayso.js'), 'export {};');
    server = await startServer({
      port: 0,
      db: await databases.open('pglite'),
      staticRoutes: [
        { prefix: '/', dir: site },
        { prefix: '/', dir: bundle },
        { prefix: '/static', dir: bundle },
      ],
    });
  });
  afterAll(() => server?.close());

  it('listens on a free port and serves the API', async () => {
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(`${server.url}/api/v1/boards`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
  });

  it('serves static folders in order, index.html for /, after the API', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('host page');
    expect(await (await fetch(`${server.url}/assets/app.css`)).text()).toBe('body{}');
    expect(await (await fetch(`${server.url}/sayso.js`)).text()).toBe('export {};');
    expect(await (await fetch(`${server.url}/static/sayso.js`)).text()).toBe('export {};');
    const missing = await fetch(`${server.url}/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await fetch(`${server.url}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses a body over the limit whether its length is declared or it streams in chunks', async () => {
    const huge = JSON.stringify({ title: 'Too big', body: 'x'.repeat(70_000) });
    const url = `${server.url}/api/v1/boards/any/posts`;
    const declared = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: huge });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'invalid_input', details: { maxBytes: 64 * 1024 } } });
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(huge.slice(i * 9000, (i + 1) * 9000)));
        controller.close();
      },
    });
    const streamed = await fetch(url, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    // fetch declares Content-Length: 0 for a POST without a body.
    expect((await fetch(`${server.url}/api/v1/visitors`, { method: 'POST' })).status).toBe(201);
  });

  it('closes, refusing later connections', async () => {
    const other = await startServer({ port: 0, db: await databases.open('pglite', { migrate: false }) });
    await fetch(`${other.url}/api/v1/nothing`, { headers: { Connection: 'keep-alive' } });
    await other.close();
    await expect(fetch(`${other.url}/api/v1/boards`)).rejects.toThrow();
  });
});

describe('main.ts', () => {
  const run = (env: Record<string, string>) => startMain(env, work);

  it('migrates, seeds, serves, shuts down on SIGTERM and keeps data across restarts', async () => {
    const env = { SAYSO_DATA_DIR: join(work, 'data') };
    const first = await run(env);
    expect(first.log()).toContain('seeded the demo board');
    expect(first.log()).toContain(join(work, 'data'));
    const boards = (await (await fetch(`${first.url}/api/v1/boards`)).json()) as Board[];
    expect(boards.map((b) => b.slug)).toEqual(['demo']);
    // The visitor token stays valid across restarts: the secret that signs it is in the database.
    const visitor = await fetch(`${first.url}/api/v1/visitors`, { method: 'POST' });
    expect(visitor.status).toBe(201);
    const { visitorToken } = (await visitor.json()) as { visitorToken: string };
    const created = (await (
      await fetch(`${first.url}/api/v1/boards/demo/posts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Sayso-Visitor': visitorToken },
        body: JSON.stringify({ title: 'Survives a restart', body: '' }),
      })
    ).json()) as Post;
    expect(await first.stop()).toBe(0);
    expect(first.log()).toContain('shutting down');

    const second = await run(env);
    try {
      expect(second.log()).not.toContain('seeded the demo board');
      const post = (await (
        await fetch(`${second.url}/api/v1/posts/${created.id}`, { headers: { 'X-Sayso-Visitor': visitorToken } })
      ).json()) as Post;
      expect(post).toEqual(created);
      const list = (await (await fetch(`${second.url}/api/v1/boards/demo/posts?limit=100`)).json()) as Page<Post>;
      expect(list.items.length).toBeGreaterThan(25);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
