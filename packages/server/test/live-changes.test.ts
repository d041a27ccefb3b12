// Live changes (GET /events/stream, GET /events) against a real server on each engine, read with
// fetch over HTTP as the HTTP adapter reads them.
import type { LiveChange, Post } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { livePollSchema } from '../src/schemas.js';
import { createBoard } from '../src/services/boards.js';
import { createLiveChanges, readableEnd, HOLE_WAIT_MS, LIVE_POLL_MS, type LiveChanges } from '../src/services/live-changes.js';
import { startServer, type RunningServer } from '../src/server.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { startMain } from './support/main-process.js';
import { changesOf, openEventStream, type EventStream } from './support/event-stream.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();
const ADMIN_KEY = 'live-admin-key-0123456789abcdef';
const HEARTBEAT_MS = 300;

/** Matches the event of one change of one idea. */
const post = (postId: string, change: string) => (event: { data: string }) => {
  const data = JSON.parse(event.data) as LiveChange;
  return data.type === 'post' && data.postId === postId && data.change === change;
};

describe('readableEnd', () => {
  it('stops at a hole until it was waited for, then goes past it', () => {
    const holes = new Map<number, number>();
    expect(readableEnd(10, [11, 12, 14, 15], holes, 1000)).toBe(12);
    expect(readableEnd(12, [14, 15], holes, 1000 + HOLE_WAIT_MS - 1)).toBe(12);
    expect(readableEnd(12, [13, 14, 15], holes, 1000 + HOLE_WAIT_MS - 1)).toBe(15);
    expect(holes.size).toBe(0);
    expect(readableEnd(15, [17], holes, 5000)).toBe(15);
    expect(readableEnd(15, [17], holes, 5000 + HOLE_WAIT_MS)).toBe(17);
    expect(readableEnd(17, [], holes, 9000)).toBe(17);
  });
});

describe.each(ENGINES)('live changes on %s', (engine) => {
  let server: RunningServer;
  let db: Database;
  let live: LiveChanges;
  /** Queries the log reader made, whatever the number of streams. */
  const readerQueries: string[] = [];
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    const counted: Database = {
      ...db,
      query: (sql, params) => {
        readerQueries.push(sql);
        return db.query(sql, params);
      },
    };
    live = createLiveChanges(counted, { heartbeatMs: HEARTBEAT_MS });
    server = await startServer({ port: 0, hostname: '127.0.0.1', db, adminKeys: [ADMIN_KEY], liveChanges: live });
  });
  afterAll(async () => {
    await server?.close();
  });

  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-live-${++boards}` })).slug;
  const as = (name: string) => visitorHeaders(db, `${engine}-${name}`);
  const admin = { Authorization: `Bearer ${ADMIN_KEY}` };

  async function send(method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status, `${method} ${path}`).toBeLessThan(300);
    return (await response.json()) as any;
  }

  const streams: EventStream[] = [];
  afterAll(() => streams.forEach((stream) => stream.close()));
  async function watch(query: string, headers: Record<string, string> = {}) {
    const stream = await openEventStream(`${server.url}/api/v1/events/stream${query}`, headers);
    streams.push(stream);
    await stream.next((event) => event.event === 'ready');
    return stream;
  }
  const unread = (count: number) => (event: { data: string }) => {
    const data = JSON.parse(event.data) as LiveChange;
    return data.type === 'notifications' && data.unreadCount === count;
  };

  it('answers a stream that proxies neither buffer nor cache, with a retry hint and heartbeats', async () => {
    const board = await freshBoard();
    const stream = await watch(`?board=${board}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
    expect(stream.retry).toBeGreaterThan(0);
    await expect.poll(() => stream.comments.length, { timeout: 3000 }).toBeGreaterThan(0);
  });

  it('sends the ideas others create, vote on, move and merge, and nothing of other boards', async () => {
    const board = await freshBoard();
    const other = await freshBoard();
    const stream = await watch(`?board=${board}`, await as('watcher'));
    const author = await as('author');
    const idea = (await send('POST', `/boards/${board}/posts`, author, { title: 'Dark mode' })) as Post;
    await stream.next(post(idea.id, 'created'));
    await send('POST', `/posts/${idea.id}/votes`, await as('voter'));
    await stream.next(post(idea.id, 'votes'));
    await send('PATCH', `/posts/${idea.id}`, admin, { status: 'planned' });
    await stream.next(post(idea.id, 'status'));
    await send('POST', `/posts/${idea.id}/comments`, await as('commenter'), { body: 'Yes please' });
    await stream.next(post(idea.id, 'updated'));
    const twin = (await send('POST', `/boards/${board}/posts`, author, { title: 'Dark theme' })) as Post;
    await send('POST', `/posts/${twin.id}/merge`, admin, { into: idea.id });
    await stream.next(post(twin.id, 'merged'));
    const elsewhere = (await send('POST', `/boards/${other}/posts`, author, { title: 'Elsewhere' })) as Post;
    const last = (await send('POST', `/boards/${board}/posts`, author, { title: 'Last' })) as Post;
    await stream.next(post(last.id, 'created'));

    const changes = changesOf(stream);
    // Only what any visitor sees: the idea and the kind of change, never who, nor another board's.
    for (const change of changes) {
      if (change.type === 'post') expect(Object.keys(change).sort()).toEqual(['board', 'change', 'id', 'postId', 'type']);
      if (change.type === 'post') expect(change.board).toBe(board);
    }
    expect(changes.some((change) => change.postId === elsewhere.id)).toBe(false);
    const ids = changes.map((change) => Number(change.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('sends nothing private: following an idea is no change of it', async () => {
    const board = await freshBoard();
    const idea = (await send('POST', `/boards/${board}/posts`, await as('private-author'), { title: 'Quiet' })) as Post;
    const stream = await watch(`?board=${board}`);
    await send('PUT', `/posts/${idea.id}/subscription`, await as('private-follower'), { subscribed: true });
    const marker = (await send('POST', `/boards/${board}/posts`, await as('private-author'), { title: 'Marker' })) as Post;
    await stream.next(post(marker.id, 'created'));
    // Its creation may still come (the stream starts where the reader is, a moment behind): nothing else.
    expect(changesOf(stream).filter((change) => change.postId === idea.id && change.change !== 'created')).toEqual([]);
  });

  it('tells a caller, and only them, of their unread count as it rises and falls', async () => {
    const board = await freshBoard();
    const author = await as('bell-author');
    const idea = (await send('POST', `/boards/${board}/posts`, author, { title: 'Export' })) as Post;
    const bell = await watch('', author);
    const bystander = await watch('', await as('bell-bystander'));
    await bell.next(unread(0));
    await send('POST', `/posts/${idea.id}/comments`, await as('bell-replier'), { body: 'Me too' });
    await bell.next(unread(1), { timeoutMs: 5000 });
    await send('POST', '/notifications/read', author, { all: true });
    const read = await bell.next(unread(0), { from: bell.events.findIndex(unread(1)) });
    expect(Number(read.id)).toBeGreaterThan(0);
    // Without a board, no idea's changes; the bystander's bell stays at 0.
    expect(changesOf(bell).every((change) => change.type === 'notifications')).toBe(true);
    expect(changesOf(bystander).filter((change) => change.type === 'notifications')).toEqual([{ id: expect.any(String), type: 'notifications', unreadCount: 0 }]);
    expect(changesOf(bystander).filter((change) => change.type === 'post')).toEqual([]);
  });

  it('resumes after Last-Event-ID with nothing lost or repeated', async () => {
    const board = await freshBoard();
    const first = await watch(`?board=${board}`);
    const author = await as('resume-author');
    const ideas: Post[] = [];
    for (const title of ['One', 'Two']) ideas.push(await send('POST', `/boards/${board}/posts`, author, { title }));
    await first.next(post(ideas[1]!.id, 'created'));
    first.close();
    const lastSeen = changesOf(first).at(-1)!.id;
    // While away: two ideas and votes on the first.
    for (const title of ['Three', 'Four']) ideas.push(await send('POST', `/boards/${board}/posts`, author, { title }));
    for (const n of [1, 2, 3]) await send('POST', `/posts/${ideas[0]!.id}/votes`, await as(`resume-voter-${n}`));
    const resumed = await watch(`?board=${board}`, { 'Last-Event-ID': lastSeen });
    await send('POST', `/posts/${ideas[1]!.id}/votes`, await as('resume-voter-4'));
    await resumed.next(post(ideas[1]!.id, 'votes'));
    const received = [...changesOf(first), ...changesOf(resumed)];
    // Nothing twice: every id once, in order; nothing lost: every change there.
    const ids = received.map((change) => Number(change.id));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    const seen = received.map((change) => `${change.postId} ${change.change}`);
    expect(new Set(seen)).toEqual(
      new Set([
        ...ideas.map((idea) => `${idea.id} created`),
        // The three votes while away come as one change, or as few as the log was read in.
        `${ideas[0]!.id} votes`,
        `${ideas[1]!.id} votes`,
      ]),
    );
    // A poll from the same position answers the same changes.
    const polled = livePollSchema.parse(await send('GET', `/events?board=${board}&after=${lastSeen}`, {}));
    const polledChanges = polled.items.map((item) => `${(item.change as { postId: string }).postId} ${(item.change as { change: string }).change}`);
    expect(new Set(polledChanges)).toEqual(new Set(seen.slice(2)));
    expect(Number(polled.last)).toBeGreaterThanOrEqual(Number(changesOf(resumed).at(-1)!.id));
  });

  it('refuses an unknown board and a Last-Event-ID that is no position', async () => {
    const missing = await fetch(`${server.url}/api/v1/events/stream?board=no-such-board`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const garbled = await fetch(`${server.url}/api/v1/events/stream`, { headers: { 'Last-Event-ID': 'yesterday' } });
    expect(garbled.status).toBe(400);
    expect((await fetch(`${server.url}/api/v1/events?after=-1`)).status).toBe(400);
  });

  it('reads the log with at most two queries per change, however many streams are open, and lets go of closed ones', async () => {
    const board = await freshBoard();
    const before = live.listeners;
    const opened = await Promise.all(
      Array.from({ length: 40 }, async (_, n) => watch(`?board=${board}`, n % 2 ? await as(`many-${n}`) : {})),
    );
    expect(live.listeners).toBe(before + 40);
    readerQueries.length = 0;
    const idea = (await send('POST', `/boards/${board}/posts`, await as('many-author'), { title: 'Crowded' })) as Post;
    await Promise.all(opened.map((stream) => stream.next(post(idea.id, 'created'))));
    const reads = readerQueries.filter((sql) => sql.includes('FROM domain_events')).length;
    const bells = readerQueries.filter((sql) => sql.includes('FROM users u JOIN notifications')).length;
    console.log(`[live] 40 streams, one change: ${reads} reads of the log, ${bells} unread-count queries, ${readerQueries.length} queries in all`);
    expect(bells).toBeLessThanOrEqual(reads);
    expect(readerQueries.length).toBeLessThanOrEqual(2 * reads);
    // Nothing happening: one read of the log a second, whatever the number of streams.
    readerQueries.length = 0;
    const idleMs = 2500;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    console.log(`[live] 40 streams, idle for ${idleMs} ms: ${readerQueries.length} queries`);
    expect(readerQueries.length).toBeLessThanOrEqual(Math.ceil(idleMs / LIVE_POLL_MS) + 1);
    expect(readerQueries.every((sql) => sql.includes('FROM domain_events'))).toBe(true);
    for (const stream of opened) stream.close();
    await expect.poll(() => live.listeners, { timeout: 3000 }).toBe(before);
  });
});

describe('live changes across two processes on one PostgreSQL', () => {
  it('streams from one process what was written through the other', async () => {
    const url = await databases.postgresUrl();
    const processes = await Promise.all([startMain({ DATABASE_URL: url }), startMain({ DATABASE_URL: url })]);
    const [one, two] = processes;
    const db = await openDatabase({ url });
    try {
      const stream = await openEventStream(`${one!.url}/api/v1/events/stream?board=demo`);
      await stream.next((event) => event.event === 'ready', { timeoutMs: 10_000 });
      const created = await fetch(`${two!.url}/api/v1/boards/demo/posts`, {
        method: 'POST',
        headers: { ...(await visitorHeaders(db, 'two-process-author')), 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Written through the other process' }),
      });
      expect(created.status).toBe(201);
      const idea = (await created.json()) as Post;
      // The first process reads the log every second: well within five.
      await stream.next(post(idea.id, 'created'), { timeoutMs: 5000 });
      stream.close();
    } finally {
      await db.close();
      expect(await Promise.all(processes.map((process) => process.stop()))).toEqual([0, 0]);
    }
  });
});
