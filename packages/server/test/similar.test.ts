// GET /boards/:board/similar on both engines: ranking through the core engine, what it leaves
// out, bad input, and the per-board index cache (built once, then caught up with changed posts).
import { LIMITS, type Post } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { apiClient } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'similar-test-admin-key-0123456789';
const ALICE = 'voter-alice-0001';

/** The database, counting the reads of a whole board's texts (builds) and of changed ones (catch-ups). */
function countingIndexReads(db: Database) {
  const counter = { builds: 0, catchUps: 0 };
  const counted: Database = {
    ...db,
    query: (sql, params) => {
      if (/SELECT id::text AS id, title, body FROM posts/.test(sql)) {
        if (/created_at >/.test(sql)) counter.catchUps++;
        else counter.builds++;
      }
      return db.query(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
  };
  return { db: counted, counter };
}

describe.each(ENGINES)('similar ideas on %s', (engine) => {
  let db: Database;
  let counter: { builds: number; catchUps: number };
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    const real = await databases.open(engine);
    ({ db, counter } = countingIndexReads(real));
    call = apiClient(createApp({ db, adminKeys: [ADMIN_KEY] }), real);
  });

  // The default workflow has a status of kind `duplicate`: `merged`.
  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-similar-${++boards}`, name: 'Similar' })).slug;
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

  it('reads a board\'s texts once, then only the posts added or edited since', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    const before = { ...counter };
    const reads = () => ({ builds: counter.builds - before.builds, catchUps: counter.catchUps - before.catchUps });
    for (const text of ['offline', 'offline mode', 'offline mode mobile']) await similar(board, `text=${encodeURIComponent(text)}`);
    expect(reads()).toEqual({ builds: 1, catchUps: 0 });
    await newPost(board, 'Offline maps');
    expect(await similar(board, 'text=offline+maps')).toContain('Offline maps');
    expect(reads()).toEqual({ builds: 1, catchUps: 1 });
    const edit = await call('PATCH', `/posts/${post.id}`, { voter: ALICE, body: { title: 'Home screen widget' } });
    expect(edit.status).toBe(200);
    expect(await similar(board, 'text=home+screen+widget')).toEqual(['Home screen widget']);
    expect(await similar(board, 'text=offline+mode+mobile+app')).toEqual(['Offline maps']);
    expect(reads()).toEqual({ builds: 1, catchUps: 2 });
  });

  it('builds the index anew when a post is gone', async () => {
    const board = await freshBoard();
    const post = await newPost(board, 'Offline mode for the mobile app');
    await newPost(board, 'Offline maps');
    expect(await similar(board, 'text=offline')).toHaveLength(2);
    const before = counter.builds;
    await db.query('DELETE FROM posts WHERE id = $1', [post.id]);
    expect(await similar(board, 'text=offline')).toEqual(['Offline maps']);
    expect(counter.builds - before).toBe(1);
  });

  it('caps the count at 10', async () => {
    const board = await freshBoard();
    for (let n = 1; n <= 12; n++) await newPost(board, `Dark mode variant ${n}`);
    expect(await similar(board, 'text=dark+mode')).toHaveLength(LIMITS.similarDefault);
    expect(await similar(board, 'text=dark+mode&limit=3')).toHaveLength(3);
    expect(await similar(board, 'text=dark+mode&limit=99')).toHaveLength(LIMITS.similarMax);
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
