// The client's outbox over the memory adapter: a connection that drops (offline, or the answer
// lost after the backend acted), a reload (a new client over the same storage), two tabs.
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import {
  SaysoError,
  createMemoryOutboxStorage,
  createSaysoClient,
  wasQueued,
  type OutboxChannel,
  type OutboxEntry,
  type OutboxLock,
  type OutboxSettlement,
  type SaysoAdapter,
  type SaysoClient,
} from '@sayso/core';
import { describe, expect, it } from 'vitest';

const seeded = () =>
  createMemoryData({
    boards: [{ slug: 'demo' }],
    posts: [
      { board: 'demo', title: 'Dark mode', votes: 5, createdAt: '2026-01-01T00:00:00Z' },
      { board: 'demo', title: 'Offline sync', votes: 3, createdAt: '2026-01-02T00:00:00Z' },
    ],
  });

/**
 * The memory adapter behind a connection the test controls: `offline` fails every call before
 * it reaches the backend; `loseAnswers` lets changes happen but loses the answer, as a dropped
 * connection does. `sent` records every change that reached the backend, with its key.
 */
function network(adapter: SaysoAdapter) {
  const line = { offline: false, loseAnswers: false, sent: [] as Array<{ call: string; key: string | undefined }> };
  const through =
    <P extends { idempotencyKey?: string }, R>(call: string, send: (params: P) => Promise<R>) =>
    async (params: P): Promise<R> => {
      if (line.offline) throw new SaysoError('network', 'Could not reach the feedback server (offline).');
      line.sent.push({ call, key: params.idempotencyKey });
      const answer = await send(params);
      if (line.loseAnswers) throw new SaysoError('network', 'Could not reach the feedback server (connection reset).');
      return answer;
    };
  const read =
    <P, R>(send: (params: P) => Promise<R>) =>
    (params: P): Promise<R> =>
      line.offline ? Promise.reject(new SaysoError('network', 'offline')) : send(params);
  const wrapped: SaysoAdapter = {
    ...adapter,
    listPosts: read(adapter.listPosts),
    getPost: read(adapter.getPost),
    createPost: through('createPost', adapter.createPost),
    vote: through('vote', adapter.vote),
    unvote: through('unvote', adapter.unvote),
  };
  return { adapter: wrapped, line };
}

/** One browser profile: the backend data, and the outbox storage its tabs share. */
function profile() {
  const data = seeded();
  const storage = createMemoryOutboxStorage();
  /** A page of that profile: its own client and connection, over the shared data and storage. */
  const page = (options: { lock?: OutboxLock; channel?: OutboxChannel; offline?: boolean } = {}) => {
    const { adapter, line } = network(createMemoryAdapter({ data, voterId: 'visitor' }));
    line.offline = options.offline ?? false;
    const { lock, channel } = options;
    // No timed retries: each test says when the connection is back by flushing.
    const client = createSaysoClient({ adapter, outbox: { storage, lock, channel, retryDelayMs: () => 3_600_000 } });
    return { client, line };
  };
  const backend = createMemoryAdapter({ data, voterId: 'someone-else' });
  return { storage, page, backend };
}

const titles = async (backend: SaysoAdapter) => (await backend.listPosts({ board: 'demo', sort: 'new' })).items.map((p) => p.title);
const postTitled = (client: SaysoClient, title: string) => Object.values(client.$posts.get()).find((p) => p.title === title)!;
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** A channel per page that reaches the other pages of one test, standing in for BroadcastChannel. */
function sharedChannels() {
  const pages = new Set<(settlement: OutboxSettlement) => void>();
  return (): OutboxChannel => {
    let mine: ((settlement: OutboxSettlement) => void) | undefined;
    return {
      post: (settlement) => {
        for (const listener of pages) if (listener !== mine) queueMicrotask(() => listener(settlement));
      },
      listen: (listener) => {
        mine = listener;
        pages.add(listener);
        return () => pages.delete(listener);
      },
    };
  };
}

/** A lock shared by the pages of one test, standing in for Web Locks across tabs. */
function sharedLock(): OutboxLock {
  let tail = Promise.resolve();
  return (_name, work) => {
    const turn = tail.then(work);
    tail = turn.catch(() => undefined);
    return turn;
  };
}

describe('the outbox', () => {
  it('keeps an idea and a vote made offline, shows them as waiting, and sends each once when back', async () => {
    const { page, backend } = profile();
    const { client, line } = page();
    await client.board('demo').load();
    const darkMode = postTitled(client, 'Dark mode');

    line.offline = true;
    const vote = await failure(client.setVote(darkMode.id, true));
    const idea = await failure(client.submitIdea({ board: 'demo', title: 'Works on a plane', body: 'No signal at 10 km.' }));
    expect(wasQueued(vote)).toBe(true);
    expect(wasQueued(idea)).toBe(true);
    expect(idea).toMatchObject({ code: 'network' });
    // Not rolled back: the vote stays shown while it waits.
    expect(client.$posts.get()[darkMode.id]).toMatchObject({ voted: true, voteCount: 6 });
    expect(client.outbox.$entries.get().map((e) => e.kind)).toEqual(['setVote', 'createPost']);
    expect(client.outbox.$entries.get().map((e) => e.lastError?.code)).toEqual(['network', 'network']);

    const settled: OutboxSettlement[] = [];
    client.outbox.onSettled((s) => settled.push(s));
    line.offline = false;
    await client.outbox.flush();
    await client.outbox.flush();

    expect(await titles(backend)).toEqual(['Works on a plane', 'Offline sync', 'Dark mode']);
    expect((await backend.getPost({ postId: darkMode.id })).voteCount).toBe(6);
    expect(line.sent.map((s) => s.call)).toEqual(['vote', 'createPost']);
    expect(settled.map((s) => s.entry.kind)).toEqual(['setVote', 'createPost']);
    expect(client.outbox.$entries.get()).toEqual([]);
    // The idea now shows at the top of its board.
    expect(client.board('demo').$posts.get()[0]).toMatchObject({ title: 'Works on a plane', voted: true });
  });

  it('sends nothing twice when the backend acted but the answer was lost', async () => {
    const { page, backend } = profile();
    const { client, line } = page();
    await client.board('demo').load();
    const darkMode = postTitled(client, 'Dark mode');

    line.loseAnswers = true;
    expect(wasQueued(await failure(client.submitIdea({ board: 'demo', title: 'Lost in transit', body: '' })))).toBe(true);
    expect(wasQueued(await failure(client.setVote(darkMode.id, true)))).toBe(true);
    line.loseAnswers = false;
    await client.outbox.flush();

    expect(await titles(backend)).toEqual(['Lost in transit', 'Offline sync', 'Dark mode']);
    expect((await backend.getPost({ postId: darkMode.id })).voteCount).toBe(6);
    // Each change went more than once, always with its own one key: repeats were answered from
    // the backend's memory of the key.
    const callsByKey = new Map<string | undefined, Set<string>>();
    for (const { key, call } of line.sent) callsByKey.set(key, (callsByKey.get(key) ?? new Set()).add(call));
    expect([...callsByKey.values()].map((calls) => [...calls])).toEqual([['createPost'], ['vote']]);
    expect(line.sent.length).toBeGreaterThan(2);
  });

  it('survives a reload: the next page shows the waiting vote and sends both on start', async () => {
    const { page, backend, storage } = profile();
    const first = page();
    await first.client.board('demo').load();
    const offlineSync = postTitled(first.client, 'Offline sync');
    first.line.offline = true;
    await failure(first.client.setVote(offlineSync.id, true));
    await failure(first.client.submitIdea({ board: 'demo', title: 'Typed before a reload', body: '' }));

    // The reloaded page starts while still offline: the vote shows as waiting, nothing is sent.
    const reloaded = page({ offline: true });
    await reloaded.client.outbox.flush();
    reloaded.line.offline = false;
    await reloaded.client.board('demo').load();
    expect(postTitled(reloaded.client, 'Offline sync')).toMatchObject({ voted: true, voteCount: 4 });
    expect((await backend.getPost({ postId: offlineSync.id })).voteCount).toBe(3);
    expect((await storage.getAll()).length).toBe(2);

    await reloaded.client.outbox.flush();
    expect(await titles(backend)).toEqual(['Typed before a reload', 'Offline sync', 'Dark mode']);
    expect((await backend.getPost({ postId: offlineSync.id })).voteCount).toBe(4);
    expect(await storage.getAll()).toEqual([]);
  });

  it('keeps only the latest vote on a post: a vote taken back offline sends the taking back', async () => {
    const { page, backend } = profile();
    const { client, line } = page();
    await client.board('demo').load();
    const darkMode = postTitled(client, 'Dark mode');
    line.offline = true;
    await failure(client.setVote(darkMode.id, true));
    await failure(client.setVote(darkMode.id, false));
    expect(client.outbox.$entries.get()).toHaveLength(1);
    expect(client.$posts.get()[darkMode.id]).toMatchObject({ voted: false, voteCount: 5 });
    line.offline = false;
    await client.outbox.flush();
    expect(line.sent.map((s) => s.call)).toEqual(['unvote']);
    expect(await backend.getPost({ postId: darkMode.id })).toMatchObject({ voteCount: 5 });
  });

  it('drops an entry the backend refuses for good, says why, and shows the truth again', async () => {
    const { page } = profile();
    const { client, line } = page();
    await client.board('demo').load();
    const darkMode = postTitled(client, 'Dark mode');
    line.offline = true;
    await failure(client.setVote(darkMode.id, true));
    await failure(client.submitIdea({ board: 'gone', title: 'For a board since deleted', body: '' }));
    const settled: OutboxSettlement[] = [];
    client.outbox.onSettled((s) => settled.push(s));
    line.offline = false;
    const refusing = client.adapter as { vote: SaysoAdapter['vote'] };
    refusing.vote = () => Promise.reject(new SaysoError('forbidden', 'Voting is closed on this board.'));
    await client.outbox.flush();

    expect(settled.map((s) => ('error' in s ? s.error.code : 'sent'))).toEqual(['forbidden', 'not_found']);
    expect(client.outbox.$entries.get()).toEqual([]);
    await expect.poll(() => client.$posts.get()[darkMode.id]).toMatchObject({ voted: false, voteCount: 5 });
  });

  it('still rolls a vote back at once when the backend refuses it', async () => {
    const { page } = profile();
    const { client } = page();
    await client.board('demo').load();
    const darkMode = postTitled(client, 'Dark mode');
    (client.adapter as { vote: SaysoAdapter['vote'] }).vote = () => Promise.reject(new SaysoError('forbidden', 'No.'));
    const error = await failure(client.setVote(darkMode.id, true));
    expect(error).toMatchObject({ code: 'forbidden' });
    expect(wasQueued(error)).toBe(false);
    expect(client.$posts.get()[darkMode.id]).toMatchObject({ voted: false, voteCount: 5 });
    expect(client.outbox.$entries.get()).toEqual([]);
  });

  it('sends each entry once when two tabs flush at the same time', async () => {
    const { page, backend } = profile();
    const lock = sharedLock();
    const one = page({ lock });
    const two = page({ lock });
    await one.client.board('demo').load();
    one.line.offline = true;
    await failure(one.client.submitIdea({ board: 'demo', title: 'Written in tab one', body: '' }));
    await failure(one.client.setVote(postTitled(one.client, 'Dark mode').id, true));
    one.line.offline = false;

    await Promise.all([one.client.outbox.flush(), two.client.outbox.flush(), one.client.outbox.flush()]);
    expect(await titles(backend)).toEqual(['Written in tab one', 'Offline sync', 'Dark mode']);
    expect([...one.line.sent, ...two.line.sent].map((s) => s.call).sort()).toEqual(['createPost', 'vote']);
  });

  it('shows in every tab what another tab sent', async () => {
    const { page } = profile();
    const lock = sharedLock();
    const channel = sharedChannels();
    const one = page({ lock, channel: channel() });
    const two = page({ lock, channel: channel() });
    await Promise.all([one.client.board('demo').load(), two.client.board('demo').load()]);
    const darkMode = postTitled(one.client, 'Dark mode');
    one.line.offline = true;
    await failure(one.client.setVote(darkMode.id, true));
    await failure(one.client.submitIdea({ board: 'demo', title: 'Sent by the other tab', body: '' }));
    const heardInOne: string[] = [];
    one.client.outbox.onSettled((s) => heardInOne.push(s.entry.kind));

    await two.client.outbox.flush();
    expect(two.line.sent.map((s) => s.call)).toEqual(['vote', 'createPost']);
    await expect.poll(() => heardInOne).toEqual(['setVote', 'createPost']);
    expect(one.client.outbox.$entries.get()).toEqual([]);
    expect(one.client.board('demo').$posts.get()[0]!.title).toBe('Sent by the other tab');
    expect(one.client.$posts.get()[darkMode.id]).toMatchObject({ voted: true, voteCount: 6 });
  });

  it('keeps the outbox in memory by default, so a failing backend loses nothing while the page lives', async () => {
    const memory = createMemoryAdapter({ data: seeded() });
    const { adapter, line } = network(memory);
    const client = createSaysoClient({ adapter });
    line.offline = true;
    expect(wasQueued(await failure(client.submitIdea({ board: 'demo', title: 'Kept in memory', body: '' })))).toBe(true);
    line.offline = false;
    await client.outbox.flush();
    expect(await titles(memory)).toContain('Kept in memory');
  });

  it('sends what the previous version of the page left in storage, as it stored it', async () => {
    const { page, backend, storage } = profile();
    const darkMode = (await backend.listPosts({ board: 'demo', sort: 'new' })).items.find((p) => p.title === 'Dark mode')!;
    // Entries exactly as the outbox before kinds were registered wrote them (plain JSON).
    const leftBehind: unknown[] = [
      {
        id: 'post:key-idea',
        kind: 'createPost',
        params: { board: 'demo', title: 'Left by the old page', body: 'Typed offline.' },
        idempotencyKey: 'key-idea',
        createdAt: '2026-01-03T00:00:00.000Z',
        attempts: 2,
        lastError: { code: 'network', message: 'offline' },
      },
      {
        id: `vote:${darkMode.id}`,
        kind: 'setVote',
        params: { postId: darkMode.id, voted: true },
        idempotencyKey: 'key-vote',
        createdAt: '2026-01-03T00:00:01.000Z',
        attempts: 1,
        lastError: { code: 'network', message: 'offline' },
      },
    ];
    for (const entry of leftBehind) await storage.put(entry as OutboxEntry);

    const { client, line } = page();
    await client.outbox.flush();
    expect(line.sent).toEqual([
      { call: 'createPost', key: 'key-idea' },
      { call: 'vote', key: 'key-vote' },
    ]);
    expect(await titles(backend)).toEqual(['Left by the old page', 'Offline sync', 'Dark mode']);
    expect((await backend.getPost({ postId: darkMode.id })).voteCount).toBe(6);
    expect(await storage.getAll()).toEqual([]);
  });
});
