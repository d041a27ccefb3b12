import { expect } from '@open-wc/testing';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type OutboxEntry, type OutboxSettlement } from '@sayso/core';
import { createStore, set } from 'idb-keyval';
import { broadcastOutboxChannel, browserOutbox, indexedDbOutboxStorage } from './browser-outbox.js';
import { seededData } from './test-fixtures.js';

const entry = (id: string, title: string): OutboxEntry => ({
  id,
  kind: 'createPost',
  params: { board: 'demo', title, body: '' },
  idempotencyKey: `key-${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  attempts: 0,
});

let databases = 0;
const freshName = () => `sayso-outbox-test-${Date.now()}-${databases++}`;

describe('indexedDbOutboxStorage', () => {
  it('keeps entries in IndexedDB, where a new page finds them', async () => {
    const name = freshName();
    const page = indexedDbOutboxStorage(name);
    await page.put(entry('a', 'First'));
    await page.put(entry('b', 'Second'));
    await page.put({ ...entry('a', 'First, edited'), attempts: 2 });
    const reloaded = indexedDbOutboxStorage(name);
    const kept = await reloaded.getAll();
    expect(kept.map((e) => [e.id, (e.params as { title: string }).title, e.attempts])).to.deep.equal([
      ['a', 'First, edited', 2],
      ['b', 'Second', 0],
    ]);
    await reloaded.delete('a');
    expect((await page.getAll()).map((e) => e.id)).to.deep.equal(['b']);
    expect((await indexedDbOutboxStorage(freshName()).getAll())).to.deep.equal([]);
  });
});

describe('an outbox left by the previous version', () => {
  it('is read from IndexedDB and sent, each change once', async () => {
    const name = freshName();
    const data = seededData();
    const backend = createMemoryAdapter({ data, voterId: 'visitor' });
    const [post] = (await backend.listPosts({ board: 'demo', sort: 'new' })).items;
    // Records exactly as the outbox before kinds were registered wrote them.
    const records = [
      `{"id":"post:key-idea","kind":"createPost","params":{"board":"demo","title":"Left in IndexedDB","body":""},"idempotencyKey":"key-idea","createdAt":"2026-01-03T00:00:00.000Z","attempts":1,"lastError":{"code":"network","message":"offline"}}`,
      `{"id":"vote:${post!.id}","kind":"setVote","params":{"postId":"${post!.id}","voted":${!post!.voted}},"idempotencyKey":"key-vote","createdAt":"2026-01-03T00:00:01.000Z","attempts":1}`,
    ].map((json) => JSON.parse(json) as { id: string });
    const database = createStore(name, 'entries');
    for (const record of records) await set(record.id, record, database);
    const keys: Array<string | undefined> = [];
    const client = createSaysoClient({
      adapter: {
        ...backend,
        createPost: (params) => (keys.push(params.idempotencyKey), backend.createPost(params)),
        vote: (params) => (keys.push(params.idempotencyKey), backend.vote(params)),
        unvote: (params) => (keys.push(params.idempotencyKey), backend.unvote(params)),
      },
      outbox: { storage: indexedDbOutboxStorage(name) },
    });
    await client.outbox.flush();
    expect(keys).to.deep.equal(['key-idea', 'key-vote']);
    expect((await backend.listPosts({ board: 'demo', sort: 'new' })).items[0]!.title).to.equal('Left in IndexedDB');
    expect((await backend.getPost({ postId: post!.id })).voted).to.equal(!post!.voted);
    expect(await indexedDbOutboxStorage(name).getAll()).to.deep.equal([]);
  });
});

describe('broadcastOutboxChannel', () => {
  it('tells the other clients of the page what settled, errors with their code', async () => {
    const name = freshName();
    const sender = broadcastOutboxChannel(name)!;
    const receiver = broadcastOutboxChannel(name)!;
    const heard: OutboxSettlement[] = [];
    receiver.listen((settlement) => heard.push(settlement));
    sender.listen(() => expect.fail('a client does not hear itself'));
    sender.post({ entry: entry('a', 'Refused'), error: new SaysoError('forbidden', 'Posting is closed.', { status: 403 }) });
    for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const [settlement] = heard;
    expect(settlement!.entry.id).to.equal('a');
    const error = (settlement as { error: SaysoError }).error;
    expect(error).to.be.instanceOf(SaysoError);
    expect([error.code, error.message, error.details.status]).to.deep.equal(['forbidden', 'Posting is closed.', 403]);
  });
});

describe('browserOutbox', () => {
  it('names storage and lock after the absolute API URL, and locks with Web Locks', async () => {
    const options = browserOutbox('/api/v1');
    expect(options.lockName).to.equal(`sayso-outbox:${location.origin}/api/v1`);
    let held = false;
    await options.lock!(options.lockName!, async () => {
      const state = await navigator.locks.query();
      held = state.held!.some((lock) => lock.name === options.lockName);
    });
    expect(held).to.be.true;
  });
});
