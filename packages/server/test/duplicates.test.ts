// The admin duplicate queue on both engines: GET /boards/:board/duplicates lists candidate pairs
// found as ideas arrive, best first with the suggested canonical first; POST
// /duplicates/dismissals hides a pair until either idea's text changes, also for a new process;
// ideas closed as duplicates never appear; access and bad input.
import type { DuplicateCandidate, Post } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { createSimilarPosts, type SimilarPosts } from '../src/services/similar-posts.js';
import { apiClient } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'duplicates-test-admin-key-0123456789';
const [ALICE, BOB, CAROL] = ['voter-alice-dup1', 'voter-bob-dup1', 'voter-carol-dup1'];

describe.each(ENGINES)('the duplicate queue on %s', (engine) => {
  let db: Database;
  let call: ReturnType<typeof apiClient>;
  const processes: SimilarPosts[] = [];
  let boards = 0;

  /** One server process: its own in-memory indexes over the shared database. */
  const startProcess = () => {
    const similarity = createSimilarPosts(db);
    processes.push(similarity);
    return apiClient(createApp({ db, adminKeys: [ADMIN_KEY], similarity }), db);
  };

  beforeAll(async () => {
    db = await databases.open(engine);
    call = startProcess();
  });
  afterAll(() => processes.forEach((similarity) => similarity.stop()));

  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-duplicates-${++boards}`, name: 'Duplicates' })).slug;
  const newPost = async (board: string, title: string, body = '', voter = ALICE) => {
    const response = await call('POST', `/boards/${board}/posts`, { voter, body: { title, body } });
    expect(response.status, response.text).toBe(201);
    return response.json as Post;
  };
  const queue = async (board: string, client = call, query = '') => {
    const response = await client('GET', `/boards/${board}/duplicates${query}`, { adminKey: ADMIN_KEY });
    expect(response.status, response.text).toBe(200);
    return (response.json as { items: DuplicateCandidate[] }).items;
  };
  const pairIds = (items: DuplicateCandidate[]) => items.map((item) => item.posts.map((post) => post.title).sort().join(' + '));
  const dismiss = (postIds: unknown) => call('POST', '/duplicates/dismissals', { adminKey: ADMIN_KEY, body: { postIds } });

  /** Three ideas saying one thing, two others; Bob and Carol want the newest of the three, and Carol says so. */
  const boardWithDuplicates = async () => {
    const board = await freshBoard();
    const dark = await newPost(board, 'Dark mode for the web app', 'The white background hurts my eyes at night.');
    const night = await newPost(board, 'Dark theme please', 'A dark mode for the app would be easier on the eyes at night.');
    const black = await newPost(board, 'Dark mode', 'Please add a dark mode, the bright white app hurts at night.', BOB);
    expect((await call('POST', `/posts/${black.id}/votes`, { voter: CAROL })).status).toBe(200);
    expect((await call('POST', `/posts/${black.id}/comments`, { voter: CAROL, body: { body: 'Yes please!' } })).status).toBe(201);
    const csv = await newPost(board, 'Export invoices to CSV', 'Our accountant wants a spreadsheet.');
    const slack = await newPost(board, 'Slack integration', 'Post task updates to a channel.');
    return { board, dark, night, black, csv, slack };
  };

  it('lists the pairs of ideas that say the same thing as they arrive, best first, the suggested canonical first', async () => {
    const { board, black, csv, slack } = await boardWithDuplicates();
    const items = await queue(board);
    expect(pairIds(items).sort()).toEqual(
      ['Dark mode + Dark mode for the web app', 'Dark mode + Dark theme please', 'Dark mode for the web app + Dark theme please'].sort(),
    );
    for (const item of items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.suggestedCanonical).toBe(item.posts[0].id);
      for (const post of item.posts) expect([csv.id, slack.id]).not.toContain(post.id);
    }
    expect(items.map((item) => item.score)).toEqual([...items.map((item) => item.score)].sort((a, b) => b - a));
    // "Dark mode" has the most people (Bob and Carol) and the only comment: the one to keep in both of its pairs.
    for (const item of items.filter((candidate) => candidate.posts.some((post) => post.id === black.id))) {
      expect(item.suggestedCanonical).toBe(black.id);
    }
    expect(await queue(board, call, '?limit=1')).toEqual([items[0]]);
  });

  it('checks an idea when its text changes', async () => {
    const board = await freshBoard();
    await newPost(board, 'Offline mode for the mobile app', 'Work on the plane without a connection.');
    const widget = await newPost(board, 'Home screen widget');
    expect(await queue(board)).toEqual([]);
    const edit = await call('PATCH', `/posts/${widget.id}`, { voter: ALICE, body: { title: 'Offline mode on mobile', body: 'Use the app without a connection.' } });
    expect(edit.status).toBe(200);
    expect(pairIds(await queue(board))).toEqual(['Offline mode for the mobile app + Offline mode on mobile']);
  });

  it('keeps a dismissed pair out, also for a new process, until either idea\'s text changes', async () => {
    const { board, dark, night } = await boardWithDuplicates();
    const response = await dismiss([night.id, dark.id]);
    expect(response.status, response.text).toBe(204);
    expect(response.text).toBe('');
    expect(await dismiss([dark.id, night.id])).toMatchObject({ status: 204 });
    const left = pairIds(await queue(board));
    expect(left).toHaveLength(2);
    expect(left).not.toContain('Dark mode for the web app + Dark theme please');
    expect(pairIds(await queue(board, startProcess()))).toEqual(left);
    const edit = await call('PATCH', `/posts/${night.id}`, { adminKey: ADMIN_KEY, body: { body: 'Dark mode for the web app, for working at night.' } });
    expect(edit.status).toBe(200);
    expect(pairIds(await queue(board))).toContain('Dark mode for the web app + Dark theme please');
  });

  it('never lists an idea closed as a duplicate', async () => {
    const { board, night } = await boardWithDuplicates();
    const closed = await call('PATCH', `/posts/${night.id}`, { adminKey: ADMIN_KEY, body: { status: 'merged' } });
    expect(closed.status, closed.text).toBe(200);
    expect(pairIds(await queue(board))).toEqual(['Dark mode + Dark mode for the web app']);
  });

  it('fills the queue of a board whose ideas were never checked, after a start', async () => {
    const { board } = await boardWithDuplicates();
    const expected = pairIds(await queue(board)).sort();
    await db.query('DELETE FROM duplicate_checks');
    await db.query('DELETE FROM duplicate_candidates');
    const restarted = createSimilarPosts(db);
    processes.push(restarted);
    await restarted.settled(board);
    expect(pairIds(await restarted.duplicates({ board, limit: 20, viewer: null })).sort()).toEqual(expected);
  });

  it('is for admins only', async () => {
    const { board, dark, night } = await boardWithDuplicates();
    expect((await call('GET', `/boards/${board}/duplicates`)).status).toBe(401);
    expect((await call('GET', `/boards/${board}/duplicates`, { voter: ALICE })).status).toBe(403);
    expect((await call('POST', '/duplicates/dismissals', { voter: ALICE, body: { postIds: [dark.id, night.id] } })).status).toBe(403);
    expect((await call('POST', '/duplicates/dismissals', { body: { postIds: [dark.id, night.id] } })).status).toBe(401);
  });

  it('answers bad input with 400 and unknown boards and ideas with 404, as JSON errors', async () => {
    const { board, dark } = await boardWithDuplicates();
    const other = await newPost(await freshBoard(), 'Dark mode for the web app');
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [postIds, status] of [
      [[dark.id, dark.id], 400],
      [[dark.id], 400],
      ['not a pair', 400],
      [[dark.id, 'nope'], 400],
      [[dark.id, other.id], 400],
      [[dark.id, unknown], 404],
    ] as const) {
      const response = await dismiss(postIds);
      expect(response.status, JSON.stringify(postIds)).toBe(status);
      expect(response.json.error).toMatchObject({ code: status === 400 ? 'invalid_input' : 'not_found', message: expect.any(String) });
    }
    for (const query of ['?limit=0', '?limit=101', '?limit=two']) {
      const response = await call('GET', `/boards/${board}/duplicates${query}`, { adminKey: ADMIN_KEY });
      expect(response.status, query).toBe(400);
      expect(response.json.error.code).toBe('invalid_input');
    }
    const missing = await call('GET', '/boards/no-such-board/duplicates', { adminKey: ADMIN_KEY });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
  });
});
