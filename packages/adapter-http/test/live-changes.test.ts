// watch() of the HTTP adapter against the real server: a dropped stream resumes after the last
// change received, and a stream a proxy buffers gives way to polling GET /events.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveChange } from '@sayso/core';
import { createBoard, migrate, openDatabase, startServer, type Database, type RunningServer } from '@sayso/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage } from './storage.js';

let db: Database;
let server: RunningServer;
let boards = 0;

beforeAll(async () => {
  db = await openDatabase();
  await migrate(db);
  server = await startServer({ port: 0, hostname: '127.0.0.1', db });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const freshBoard = async () => (await createBoard(db, { slug: `live-${++boards}`, name: 'Live' })).slug;
const visitor = (baseUrl = server.url, extra: Parameters<typeof createHttpAdapter>[0] = { baseUrl }) =>
  createHttpAdapter({ ...extra, baseUrl, visitorStorage: memoryStorage() });
const created = (changes: LiveChange[]) => changes.flatMap((change) => (change.type === 'post' && change.change === 'created' ? [change.postId] : []));

describe('watch() over HTTP', () => {
  it('resumes a dropped stream after the last change received: nothing lost, nothing twice', async () => {
    const board = await freshBoard();
    const streams: { lastEventId: string | null; abort: AbortController }[] = [];
    const watcher = visitor(server.url, {
      baseUrl: server.url,
      live: { retryMs: 50 },
      fetch: (input, init) => {
        if (!String(input).includes('/events/stream')) return fetch(input, init);
        // Each stream can be cut from here, as a network would cut it.
        const abort = new AbortController();
        init?.signal?.addEventListener('abort', () => abort.abort());
        streams.push({ lastEventId: new Headers(init?.headers).get('Last-Event-ID'), abort });
        return fetch(input, { ...init, signal: abort.signal });
      },
    });
    const author = visitor();
    const changes: LiveChange[] = [];
    const stop = watcher.watch!({ board, onChange: (change) => changes.push(change) });
    try {
      await vi.waitFor(() => expect(streams).toHaveLength(1));
      // Ideas until the stream has surely opened (the first ones may come before it did).
      const seen: string[] = [];
      await vi.waitFor(
        async () => {
          seen.push((await author.createPost({ board, title: `Before ${seen.length}`, body: '' })).id);
          await vi.waitFor(() => expect(created(changes)).toContain(seen.at(-1)), { timeout: 500 });
        },
        { timeout: 10_000, interval: 0 },
      );
      streams[0]!.abort.abort();
      const whileAway: string[] = [];
      for (const title of ['Away 1', 'Away 2']) whileAway.push((await author.createPost({ board, title, body: '' })).id);
      await vi.waitFor(() => expect(created(changes)).toEqual(expect.arrayContaining(whileAway)), { timeout: 5000 });
      expect(streams.length).toBeGreaterThanOrEqual(2);
      expect(streams[1]!.lastEventId).toMatch(/^\d+$/);
      const ids = created(changes);
      expect(ids).toEqual([...new Set(ids)]);
    } finally {
      stop();
    }
  });

  describe('behind a proxy that buffers the stream', () => {
    let proxy: Server;
    let proxyUrl: string;
    const asked: string[] = [];
    /** The proxy holds streams back while this is true, and passes them on once it is not. */
    let buffering = true;

    beforeAll(async () => {
      // Holds every stream's answer back, as a buffering proxy does; passes everything else on.
      proxy = createServer((req, res) => {
        asked.push(`${req.method} ${req.url}`);
        const target = new URL(server.url);
        const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          if (buffering && req.url?.startsWith('/api/v1/events/stream')) return;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
        res.on('close', () => upstream.destroy());
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('polls GET /events when the stream yields nothing, and still hears every change', async () => {
      const board = await freshBoard();
      const watcher = visitor(proxyUrl, { baseUrl: proxyUrl, live: { bufferedAfterMs: 300, pollMs: 100 } });
      const author = visitor();
      const changes: LiveChange[] = [];
      const stop = watcher.watch!({ board, onChange: (change) => changes.push(change) });
      try {
        await vi.waitFor(() => expect(asked.some((line) => line.startsWith('GET /api/v1/events?'))).toBe(true), { timeout: 5000 });
        const idea = await author.createPost({ board, title: 'Heard by polling', body: '' });
        await author.addComment({ postId: idea.id, body: 'And this' });
        await vi.waitFor(() => expect(changes).toContainEqual({ type: 'post', board, postId: idea.id, change: 'created' }), { timeout: 5000 });
        await vi.waitFor(() => expect(changes).toContainEqual({ type: 'post', board, postId: idea.id, change: 'updated' }), { timeout: 5000 });
        expect(asked.filter((line) => line.startsWith('GET /api/v1/events/stream'))).toHaveLength(1);
        expect(created(changes)).toEqual([idea.id]);
      } finally {
        stop();
      }
    });

    it('tries the stream again now and then while polling, and streams once it gets through', async () => {
      const board = await freshBoard();
      const streamsAsked = () => asked.filter((line) => line.startsWith('GET /api/v1/events/stream')).length;
      const before = streamsAsked();
      const watcher = visitor(proxyUrl, { baseUrl: proxyUrl, live: { bufferedAfterMs: 300, pollMs: 100, streamAgainAfterMs: 600 } });
      const author = visitor();
      const changes: LiveChange[] = [];
      buffering = true;
      const stop = watcher.watch!({ board, onChange: (change) => changes.push(change) });
      try {
        // Held back, polled, tried again: at least twice asked for the stream.
        await vi.waitFor(() => expect(streamsAsked() - before).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
        buffering = false;
        const polls = () => asked.filter((line) => line.startsWith('GET /api/v1/events?')).length;
        await vi.waitFor(
          async () => {
            const idea = await author.createPost({ board, title: `Streamed ${changes.length}`, body: '' });
            const pollsBefore = polls();
            await vi.waitFor(() => expect(created(changes)).toContain(idea.id), { timeout: 1000 });
            // Heard without a poll in between: through the stream.
            expect(polls()).toBe(pollsBefore);
          },
          { timeout: 10_000, interval: 200 },
        );
        const ids = created(changes);
        expect(ids).toEqual([...new Set(ids)]);
      } finally {
        stop();
        buffering = true;
      }
    });
  });
});
