// GET /boards/:board/similar on both engines: ranking through the server's similarity engine, what
// it leaves out, bad input, and the per-board index (built once, then kept current from the event log).
import { LIMITS, type Post } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database, Queryable } from '../src/db/database.js';
import { lastEventSequence, postEventsAfter } from '../src/db/duplicates.js';
import { appendEvent } from '../src/db/events.js';
import { ensureUser } from '../src/db/identity.js';
import { createBoard } from '../src/services/boards.js';
import { createSimilarPosts, type SimilarPosts } from '../src/services/similar-posts.js';
import { IndexThreadStopped } from '../src/similarity/index-thread.js';
import { apiClient } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'similar-test-admin-key-0123456789';
const ALICE = 'voter-alice-0001';
const BOB = 'voter-bob-0001';

/** The database, counting the reads of a board's texts (builds) and of the event log (catch-ups). */
function countingIndexReads(db: Database) {
  const counter = { builds: 0, catchUps: 0 };
  const counting = <Q extends Queryable>(queryable: Q): Q => ({
    ...queryable,
    query: (sql: string, params?: readonly unknown[]) => {
      if (/WHERE p\.board_id = \$1 AND \(p\.created_at, p\.id\) </.test(sql) && params?.[1] === 'infinity') counter.builds++;
      if (/FROM domain_events\s+WHERE sequence > \$1/.test(sql)) counter.catchUps++;
      return queryable.query(sql, params);
    },
  });
  const counted: Database = { ...counting(db), transaction: (fn) => db.transaction((tx) => fn(counting(tx))) };
  return { db: counted, counter };
}

describe.each(ENGINES)('similar ideas on %s', (engine) => {
  let db: Database;
  let counter: { builds: number; catchUps: number };
  let similarity: SimilarPosts;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    const real = await databases.open(engine);
    ({ db, counter } = countingIndexReads(real));
    similarity = createSimilarPosts(db);
    call = apiClient(createApp({ db, adminKeys: [ADMIN_KEY], similarity }), real);
  });
  afterAll(() => similarity.stop());

  // The default workflow has a status of kind `duplicate`: `merged`.
  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-similar-${++boards}`, name: 'Similar' })).slug;
  /** A fresh board of `count` ideas about offline sync, written at once (no events, as a restored database). */
  const boardOfManyIdeas = async (count: number) => {
    const board = await freshBoard();
    const { id: boardId } = (await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [board]))[0]!;
    const author = await ensureUser(db, 'similar-bulk-author');
    await db.query(
      `INSERT INTO posts (board_id, title, body, status_key, author_id)
       SELECT $1, 'Idea number ' || n || ' about offline sync', '', 'open', $2 FROM generate_series(1, $3::int) AS n`,
      [boardId, author, count],
    );
    return board;
  };
  const newPost = async (board: string, title: string, body = '') => {
    const response = await call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title, body } });
    expect(response.status).toBe(201);
    return response.json as Post;
  };
  const similar = async (board: string, query: string, voter?: string) => {
    const response = await call('GET', `/boards/${board}/similar?${query}`, voter ? { voter } : {});
    expect(response.status, response.text).toBe(200);
    return (response.json as Post[]).map((post) => post.title);
  };

  it('ranks a board\'s ideas by similarity, typos included, as the caller sees them', async () => {
    const board = await freshBoard();
    await newPost(board, 'Gantt chart view', 'Tasks as bars on a timeline.');
    await newPost(board, 'Dark mode for the editor');
    await newPost(board, 'Export invoices to CSV');
    expect((await similar(board, 'text=gant%20chart%20please'))[0]).toBe('Gantt chart view');
    expect(await similar(board, 'text=dark%20theme%20editor')).toEqual(['Dark mode for the editor']);
    const response = await call('GET', `/boards/${board}/similar?text=dark+mode`, { voter: ALICE });
    expect(response.json).toEqual([expect.objectContaining({ title: 'Dark mode for the editor', voted: true, voteCount: 1 })]);
    expect(await similar(board, 'text=ok')).toEqual([]);
  });

  it('leaves out ideas closed as duplicates, without waiting for a text change', async () => {
    const board = await freshBoard();
    const first = await newPost(board, 'Dark mode please');
    await newPost(board, 'Dark mode for the editor');
    expect(await similar(board, 'text=dark+mode+please')).toEqual(['Dark mode please', 'Dark mode for the editor']);
    const merged = await call('PATCH', `/posts/${first.id}`, { adminKey: ADMIN_KEY, body: { status: 'merged' } });
    expect(merged.status).toBe(200);
    expect(await similar(board, 'text=dark+mode+please')).toEqual(['Dark mode for the editor']);
  });

  it('reads a board\'s texts once, then follows added and edited posts through the event log', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    const before = { ...counter };
    const reads = () => ({ builds: counter.builds - before.builds, catchUps: counter.catchUps - before.catchUps });
    for (const text of ['offline', 'offline mode', 'offline mode mobile']) await similar(board, `text=${encodeURIComponent(text)}`);
    expect(reads().builds).toBe(1);
    await newPost(board, 'Offline maps');
    expect(await similar(board, 'text=offline+maps')).toContain('Offline maps');
    const edit = await call('PATCH', `/posts/${post.id}`, { voter: ALICE, body: { title: 'Home screen widget' } });
    expect(edit.status).toBe(200);
    expect(await similar(board, 'text=home+screen+widget')).toEqual(['Home screen widget']);
    expect(await similar(board, 'text=offline+mode+mobile+app')).toEqual(['Offline maps']);
    // Every lookup read the log (one indexed read, usually empty); none read the board again.
    expect(reads().builds).toBe(1);
    expect(reads().catchUps).toBeGreaterThanOrEqual(5);
  });

  it('leaves out a post deleted since it was indexed', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    await newPost(board, 'Offline maps');
    expect(await similar(board, 'text=offline')).toHaveLength(2);
    // Its widget feedback item stands on it (issue 12): gone with it.
    await db.query('DELETE FROM feedback_items WHERE post_id = $1', [post.id]);
    await db.query('DELETE FROM posts WHERE id = $1', [post.id]);
    expect(await similar(board, 'text=offline')).toEqual(['Offline maps']);
  });

  it('reads the log after the writes that change ideas, not after votes', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    expect(await similar(board, 'text=offline')).toHaveLength(1);
    await similarity.catchUp();
    // A catch-up a write started is not awaited: by then its read of the log has long begun.
    const afterAWhile = () => new Promise((resolve) => setTimeout(resolve, 200));
    const before = counter.catchUps;
    expect((await call('POST', `/posts/${post.id}/votes`, { voter: BOB })).status).toBe(200);
    expect((await call('DELETE', `/posts/${post.id}/votes`, { voter: BOB })).status).toBe(200);
    await afterAWhile();
    expect(counter.catchUps).toBe(before);
    await newPost(board, 'Offline maps');
    await afterAWhile();
    expect(counter.catchUps).toBeGreaterThan(before);
  });

  it('takes from the log only the events that change ideas, and every hole in its sequence', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    const from = await lastEventSequence(db);
    expect((await call('POST', `/posts/${post.id}/votes`, { voter: BOB })).status).toBe(200);
    const beforeHole = await lastEventSequence(db);
    // A transaction that took a sequence number and rolled back leaves a hole for good.
    const rolledBack = db.transaction(async (tx) => {
      await appendEvent(tx, { type: 'post.edited', subject: { type: 'post', id: post.id }, actorId: null });
      throw new Error('rolled back');
    });
    await expect(rolledBack).rejects.toThrow('rolled back');
    const edit = await call('PATCH', `/posts/${post.id}`, { voter: ALICE, body: { title: 'Offline sync' } });
    expect(edit.status).toBe(200);
    const last = await lastEventSequence(db);
    const page = await postEventsAfter(db, from, 100);
    expect(page).toEqual({ read: last - from - 1, last, events: [{ type: 'post.edited', subjectId: post.id }], gaps: [{ after: beforeHole }] });
    expect(await postEventsAfter(db, from, 1)).toEqual({ read: 1, last: from + 1, events: [], gaps: [] });
    expect(await postEventsAfter(db, last, 100)).toEqual({ read: 0, last, events: [], gaps: [] });
  });

  it('caps the count at 10', async () => {
    const board = await freshBoard();
    for (let n = 1; n <= 12; n++) await newPost(board, `Dark mode variant ${n}`);
    expect(await similar(board, 'text=dark+mode')).toHaveLength(LIMITS.similarDefault);
    expect(await similar(board, 'text=dark+mode&limit=3')).toHaveLength(3);
    expect(await similar(board, 'text=dark+mode&limit=99')).toHaveLength(LIMITS.similarMax);
  });

  it('answers from the posts read so far while a board\'s index is being built, without waiting for it', async () => {
    const board = await boardOfManyIdeas(5000);
    const [answered, indexed] = await Promise.all([
      similar(board, 'text=offline+sync').then(() => performance.now()),
      similarity.indexed(board).then(() => performance.now()),
    ]);
    expect(answered).toBeLessThan(indexed);
    expect(await similar(board, 'text=offline+sync')).toHaveLength(LIMITS.similarDefault);
  });

  it('checks the ideas that arrive while a board is being built for duplicates once it is built', async () => {
    const board = await boardOfManyIdeas(3000);
    const process = createSimilarPosts(db);
    let built = false;
    const indexed = process.indexed(board).then(() => (built = true));
    // Written through another process, which never opened this board: only this one checks them.
    const pdf = await newPost(board, 'Export notes as PDF', 'I need to send notes to clients as PDF files.');
    const print = await newPost(board, 'PDF export for notes', 'Printing to PDF by hand loses the formatting.');
    await process.catchUp();
    expect(built).toBe(false);
    await indexed;
    await process.settled(board);
    const pairs = await process.duplicates({ board, limit: 10, viewer: null });
    expect(pairs.map((pair) => pair.posts.map((post) => post.id).sort())).toContainEqual([pdf.id, print.id].sort());
    await process.stop();
  });

  it('ends its index thread when stopped, also in the middle of a build', async () => {
    const board = await boardOfManyIdeas(3000);
    const process = createSimilarPosts(db);
    const build = process.indexed(board).catch((error: unknown) => error);
    expect(await process.memory()).toBeGreaterThan(0);
    await process.stop();
    expect(await build).toBeInstanceOf(IndexThreadStopped);
    await expect(process.find({ board, text: 'offline sync', limit: 5, viewer: null })).rejects.toThrow(IndexThreadStopped);
  });

  it('answers bad input with 400 and an unknown board with 404, as JSON errors', async () => {
    const board = await freshBoard();
    for (const query of ['', 'text=dark&limit=0', 'text=dark&limit=two', `text=${'a'.repeat(LIMITS.similarTextMax + 1)}`, 'text=%00dark']) {
      const response = await call('GET', `/boards/${board}/similar?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.json.error).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
    }
    const missing = await call('GET', '/boards/no-such-board/similar?text=dark+mode');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
  });
});
