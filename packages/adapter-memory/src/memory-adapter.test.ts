import { runAdapterSuite, runMergeProperty, type AdapterSuiteFixture } from '@sayso/core/testing';
import { describe, expect, it } from 'vitest';
import { addMemoryBoard, createMemoryAdapter, createMemoryData } from './index.js';

/** A suite fixture over one fresh store: boards made on demand, visitors, and an admin when asked for. */
const memoryFixture = (adminId?: string) => async (): Promise<AdapterSuiteFixture> => {
  const data = createMemoryData();
  let boards = 0;
  return {
    createBoard: async () => addMemoryBoard(data, { slug: `board-${++boards}` }).slug,
    adapterFor: (voterId) => createMemoryAdapter({ data, voterId }),
    ...(adminId ? { adminAdapter: () => createMemoryAdapter({ data, voterId: adminId, admin: true }) } : {}),
  };
};

runAdapterSuite('memory', memoryFixture('suite-admin'), { admin: true, notifications: true, realtime: true });

runMergeProperty('memory', memoryFixture('property-admin'));

// The same contract for an adapter that offers only the required part: the admin areas are
// skipped, saying so, and everything else still holds.
runAdapterSuite('memory, visitors only', memoryFixture());

describe('memory adapter', () => {
  it('makes watchers look for live changes after writes only, since each look views every idea of a board', async () => {
    const data = createMemoryData();
    addMemoryBoard(data, { slug: 'demo' });
    const adapter = createMemoryAdapter({ data, voterId: 'reader' });
    let looks = 0;
    data.watchers.add(() => looks++);
    const { id } = await adapter.createPost({ board: 'demo', title: 'Dark mode', body: '' });
    await Promise.resolve();
    expect(looks).toBe(1);
    await adapter.listPosts({ board: 'demo' });
    await adapter.getPost({ postId: id });
    await adapter.listComments({ postId: id });
    await adapter.getDemand({ postId: id });
    await Promise.resolve();
    expect(looks, 'after reads').toBe(1);
    await adapter.vote({ postId: id });
    await Promise.resolve();
    expect(looks).toBe(2);
  });

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

describe('memory adapter demand', () => {
  it('values an idea\'s people by their traits: each company once, its MRR once, per plan', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const as = (voterId: string, traits: Record<string, unknown>) => createMemoryAdapter({ data, voterId, traits });
    const ada = as('ada', { company: 'Acme', mrr: 500, plan: 'pro' });
    const post = await ada.createPost({ board: 'demo', title: 'SSO with Okta', body: '' });
    await as('bea', { company: 'ACME', mrr: 500, plan: 'pro' }).vote({ postId: post.id });
    await as('cy', { company: 'Globex', mrr: 'lots' }).vote({ postId: post.id });
    const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true });
    await admin.admin!.addCustomerRequest({ postId: post.id, name: 'Dee', company: 'Initech' });
    const { customers, priority } = await admin.getDemand({ postId: post.id });
    expect(customers).toEqual({
      companies: [
        { name: 'Acme', mrr: 500, people: 2 },
        { name: 'Globex', mrr: 0, people: 1 },
        { name: 'Initech', mrr: 0, people: 1 },
      ],
      mrr: 500,
      segments: [
        { plan: 'pro', people: 2, companies: 1, mrr: 500 },
        { plan: null, people: 2, companies: 2, mrr: 0 },
      ],
    });
    // (4 people × 1 + 500 MRR × 0.01) × 1 ÷ 1
    expect(priority?.score).toBe(9);
  });

  it('records merges, unmerges and edits as events, listed in the history after the creation', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true });
    const [a, b] = [await admin.createPost({ board: 'demo', title: 'Dark mode', body: '' }), await admin.createPost({ board: 'demo', title: 'Night theme', body: '' })];
    await admin.updatePost({ postId: a.id, body: 'Easier on the eyes' });
    await admin.admin!.mergePost({ postId: a.id, into: b.id });
    await admin.admin!.unmergePost({ postId: a.id });
    expect(data.events.map((event) => event.kind)).toEqual(['edited', 'merged', 'unmerged']);
    const history = await admin.admin!.listPostHistory({ postId: a.id });
    expect(history.map((entry) => entry.type)).toEqual(['post.created', 'post.edited', 'post.merged', 'post.unmerged']);
    expect(history[2]!.details).toEqual({ duplicate: { id: a.id, title: 'Dark mode' }, into: { id: b.id, title: 'Night theme' }, people: 1 });
  });

  it('lists open backlog items untouched for longer than the board\'s stale days for pruning, never done ones', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin!;
    const old = await admin.createBacklogItem({ board: 'demo', title: 'Old wish', category: 'tech_debt' });
    const oldDone = await admin.createBacklogItem({ board: 'demo', title: 'Old and done', category: 'tech_debt', status: 'done' });
    await admin.createBacklogItem({ board: 'demo', title: 'Fresh', category: 'tech_debt' });
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const { id } of [old, oldDone]) data.backlog.get(id)!.updatedAt = daysAgo(91);
    expect((await admin.listBacklog({ board: 'demo', stale: true })).map((item) => item.title)).toEqual(['Old wish']);
    await admin.setCapacitySettings({ board: 'demo', staleDays: 100 });
    expect(await admin.listBacklog({ board: 'demo', stale: true })).toEqual([]);
  });

  it('weighs a backlog item by the MRR of the companies behind it, and counts only work done in the window', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }] });
    const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin!;
    const customer = createMemoryAdapter({ data, voterId: 'acme-buyer', traits: { company: 'Acme', mrr: 500 } });
    const post = await customer.createPost({ board: 'demo', title: 'Audit log', body: '' });
    const item = await admin.createBacklogItem({ board: 'demo', title: 'Keep an audit trail', category: 'security_compliance', estimate: 2 });
    const linked = await admin.linkBacklogEvidence({ itemId: item.id, postIds: [post.id] });
    expect(linked.demand.customers.mrr).toBe(500);
    // (1 person × 1 + 500 MRR × 0.01 + risk 0) ÷ 2
    expect(linked.priority.score).toBe(3);

    await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
    expect((await admin.getCapacity({ board: 'demo' })).engineeringEffort).toBe(2);
    data.backlog.get(item.id)!.doneAt = new Date(Date.now() - 7 * 7 * 86_400_000).toISOString();
    expect((await admin.getCapacity({ board: 'demo' })).engineeringEffort).toBe(0);
  });
});
