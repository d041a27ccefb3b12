import { runAdapterSuite } from '@sayso/core/testing';
import { describe, expect, it } from 'vitest';
import { addMemoryBoard, createMemoryAdapter, createMemoryData } from './index.js';

runAdapterSuite(
  'memory',
  async () => {
    const data = createMemoryData();
    let boards = 0;
    return {
      createBoard: async () => addMemoryBoard(data, { slug: `board-${++boards}` }).slug,
      adapterFor: (voterId) => createMemoryAdapter({ data, voterId }),
      adminAdapter: () => createMemoryAdapter({ data, voterId: 'suite-admin', admin: true }),
    };
  },
  { admin: true, notifications: true },
);

// The same contract for an adapter that offers only the required part: the admin areas are
// skipped, saying so, and everything else still holds.
runAdapterSuite('memory, visitors only', async () => {
  const data = createMemoryData();
  let boards = 0;
  return {
    createBoard: async () => addMemoryBoard(data, { slug: `board-${++boards}` }).slug,
    adapterFor: (voterId) => createMemoryAdapter({ data, voterId }),
  };
});

describe('memory adapter', () => {
  it('records status changes as events, with the acting visitor', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true });
    const post = await admin.createPost({ board: 'demo', title: 'Dark mode', body: '' });
    await admin.admin!.setPostStatus({ postId: post.id, status: 'planned' });
    await admin.admin!.setPostStatus({ postId: post.id, status: 'planned' });
    expect(data.events).toEqual([
      { postId: post.id, kind: 'status_changed', from: 'open', to: 'planned', actor: 'the-admin', at: expect.any(String) },
    ]);
  });

  it('leaves ideas closed as duplicates out of similar ideas', async () => {
    const data = createMemoryData({
      boards: [{ slug: 'demo' }],
      posts: [
        { board: 'demo', title: 'Dark mode please', status: 'merged' },
        { board: 'demo', title: 'Dark mode for the editor' },
      ],
    });
    const similar = await createMemoryAdapter({ data }).findSimilarPosts({ board: 'demo', text: 'dark mode please' });
    expect(similar.map((post) => post.id)).toEqual(['seed-2']);
  });

  it('seeds tags by name', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }], posts: [{ board: 'demo', title: 'Dark mode', tags: ['UI', 'Web app'] }] });
    const adapter = createMemoryAdapter({ data });
    expect(await adapter.listTags({ board: 'demo' })).toEqual([
      { slug: 'ui', name: 'UI' },
      { slug: 'web-app', name: 'Web app' },
    ]);
    expect((await adapter.getPost({ postId: 'seed-1' })).tags.map((t) => t.slug)).toEqual(['ui', 'web-app']);
  });
});

describe('memory adapter decisions', () => {
  it('lands a new idea in the first open status by position, and refuses one on a board taking none', async () => {
    const statuses = [
      { id: 'planned', name: 'Planned', kind: 'active' as const, position: 0 },
      { id: 'triage', name: 'Triage', kind: 'open' as const, position: 2 },
      { id: 'inbox', name: 'Inbox', kind: 'open' as const, position: 1 },
    ];
    const data = createMemoryData({ boards: [{ slug: 'demo', statuses }, { slug: 'closed', statuses: statuses.slice(0, 1) }] });
    const adapter = createMemoryAdapter({ data });
    expect((await adapter.createPost({ board: 'demo', title: 'Dark mode', body: '' })).status).toBe('inbox');
    await expect(adapter.createPost({ board: 'closed', title: 'Dark mode', body: '' })).rejects.toMatchObject({ code: 'conflict' });
    expect(data.posts.size).toBe(1);
  });

  it('answers a repeat sent while the first call still runs with the same idea', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const adapter = createMemoryAdapter({ data, latencyMs: 5 });
    const params = { board: 'demo', title: 'Sent twice at once', body: '', idempotencyKey: 'same-key' };
    const [first, again] = await Promise.all([adapter.createPost(params), adapter.createPost(params)]);
    expect(again).toEqual(first);
    expect(data.posts.size).toBe(1);
  });
});
