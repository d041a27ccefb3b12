import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { SaysoError, createDemandView, createSaysoClient, type Demand, type SaysoAdapter } from '@sayso/core';
import { describe, expect, it } from 'vitest';

const seeded = () =>
  createMemoryData({
    boards: [{ slug: 'demo' }],
    posts: [
      { board: 'demo', title: 'Dark mode', votes: 5, createdAt: '2026-01-01T00:00:00Z' },
      { board: 'demo', title: 'Offline sync', votes: 3, createdAt: '2026-01-02T00:00:00Z' },
      { board: 'demo', title: 'CSV export', votes: 1, createdAt: '2026-01-03T00:00:00Z' },
    ],
  });

/** A promise the test settles by hand, to look at the UI state while a call is under way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('createSaysoClient', () => {
  describe('board views', () => {
    it('loads a board into ready state, in the requested order', async () => {
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seeded() }) });
      const view = client.board('demo');
      expect(view.$state.get().status).toBe('idle');
      const loading = view.load();
      expect(view.$state.get().status).toBe('loading');
      await loading;
      expect(view.$state.get().status).toBe('ready');
      expect(view.$posts.get().map((p) => p.title)).toEqual(['Dark mode', 'Offline sync', 'CSV export']);
    });

    it('learns the boards\' workflows with the first list, and keeps the list if that fails', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const client = createSaysoClient({ adapter: memory });
      await client.board('demo').load();
      expect(client.$boards.get().demo!.statuses.map((s) => s.id)).toContain('planned');

      let asked = 0;
      const failing = createSaysoClient({
        adapter: { ...memory, listBoards: () => (asked++, Promise.reject(new SaysoError('server', 'down'))) },
      });
      await failing.board('demo').load();
      expect(failing.board('demo').$state.get().status).toBe('ready');
      expect(failing.$boards.get()).toEqual({});
      await failing.board('demo').load();
      expect(asked).toBe(2);
    });

    it('gives every element the same view of a board', () => {
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seeded() }) });
      expect(client.board('demo')).toBe(client.board('demo'));
    });

    it('never shares state between two clients', async () => {
      const data = seeded();
      const one = createSaysoClient({ adapter: createMemoryAdapter({ data, voterId: 'one' }) });
      const two = createSaysoClient({ adapter: createMemoryAdapter({ data, voterId: 'two' }) });
      await one.board('demo').load();
      expect(two.board('demo').$state.get().status).toBe('idle');
      expect(Object.keys(two.$posts.get())).toEqual([]);
    });

    it('appends pages with loadMore until the last one', async () => {
      const data = createMemoryData({
        boards: [{ slug: 'demo' }],
        posts: Array.from({ length: 45 }, (_, n) => ({ board: 'demo', title: `Idea ${n}`, votes: 45 - n })),
      });
      const view = createSaysoClient({ adapter: createMemoryAdapter({ data }) }).board('demo');
      await view.load();
      expect(view.$posts.get()).toHaveLength(20);
      await view.loadMore();
      await view.loadMore();
      expect(view.$posts.get()).toHaveLength(45);
      expect(new Set(view.$posts.get().map((p) => p.id)).size).toBe(45);
      expect(view.$state.get().nextCursor).toBeNull();
    });

    it('keeps the newest sort when an older request answers last', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const slowTop = deferred<void>();
      const adapter: SaysoAdapter = {
        ...memory,
        listPosts: async (params) => {
          if (params.sort === 'top') await slowTop.promise;
          return memory.listPosts(params);
        },
      };
      const view = createSaysoClient({ adapter }).board('demo', { sort: 'top' });
      const first = view.load();
      const second = view.setSort('new');
      await second;
      slowTop.resolve();
      await first;
      expect(view.$state.get().sort).toBe('new');
      expect(view.$posts.get().map((p) => p.title)).toEqual(['CSV export', 'Offline sync', 'Dark mode']);
      expect(view.$state.get().status).toBe('ready');
    });

    it('shows an error state with the adapter error, and recovers on reload', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      let down = true;
      const adapter: SaysoAdapter = {
        ...memory,
        listPosts: (params) => (down ? Promise.reject(new SaysoError('network', 'offline')) : memory.listPosts(params)),
      };
      const view = createSaysoClient({ adapter }).board('demo');
      await view.load();
      expect(view.$state.get()).toMatchObject({ status: 'error', error: { code: 'network' } });
      down = false;
      await view.load();
      expect(view.$state.get()).toMatchObject({ status: 'ready', error: null });
      expect(view.$posts.get()).toHaveLength(3);
    });
  });

  describe('votes', () => {
    it('shows the vote at once, then the count the adapter confirms', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const gate = deferred<void>();
      const adapter: SaysoAdapter = { ...memory, vote: async (p) => (await gate.promise, memory.vote(p)) };
      const client = createSaysoClient({ adapter });
      const view = client.board('demo');
      await view.load();
      const post = view.$posts.get()[2]!;
      const voting = client.setVote(post.id, true);
      expect(client.$posts.get()[post.id]).toMatchObject({ voted: true, voteCount: 2, peopleCount: 2 });
      gate.resolve();
      expect(await voting).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      expect(view.$posts.get()[2]).toMatchObject({ voted: true, voteCount: 2, peopleCount: 2 });
    });

    it('counts the visitor among the idea\'s people at once, then as many people as the adapter says', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const gate = deferred<void>();
      // The visitor was already among the idea's people through an idea merged into it.
      const adapter: SaysoAdapter = { ...memory, vote: async (p) => (await gate.promise, { ...(await memory.vote(p)), peopleCount: 1 }) };
      const client = createSaysoClient({ adapter });
      await client.board('demo').load();
      const post = client.board('demo').$posts.get()[2]!;
      const voting = client.setVote(post.id, true);
      expect(client.$posts.get()[post.id]).toMatchObject({ voteCount: 2, peopleCount: 2 });
      gate.resolve();
      await voting;
      expect(client.$posts.get()[post.id]).toMatchObject({ voteCount: 2, peopleCount: 1 });
    });

    it('rolls back and rejects with a SaysoError when the adapter refuses', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const adapter: SaysoAdapter = {
        ...memory,
        vote: () => Promise.reject(new SaysoError('forbidden', 'Voting is closed on this board.')),
      };
      const client = createSaysoClient({ adapter });
      await client.board('demo').load();
      const post = client.board('demo').$posts.get()[0]!;
      await expect(client.setVote(post.id, true)).rejects.toMatchObject({ code: 'forbidden' });
      expect(client.$posts.get()[post.id]).toMatchObject({ voted: false, voteCount: 5, peopleCount: 5 });
    });

    it('turns a raw error into a SaysoError', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const adapter: SaysoAdapter = { ...memory, unvote: () => Promise.reject(new TypeError('Failed to fetch')) };
      const client = createSaysoClient({ adapter });
      await client.board('demo').load();
      const post = client.board('demo').$posts.get()[0]!;
      const error = await client.setVote(post.id, false).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SaysoError);
    });

    it('joins a second click to the vote already under way instead of counting twice', async () => {
      const data = seeded();
      const memory = createMemoryAdapter({ data });
      let calls = 0;
      const adapter: SaysoAdapter = { ...memory, vote: (p) => (calls++, memory.vote(p)) };
      const client = createSaysoClient({ adapter });
      await client.board('demo').load();
      const post = client.board('demo').$posts.get()[0]!;
      const [a, b] = await Promise.all([client.setVote(post.id, true), client.setVote(post.id, true)]);
      expect(a).toEqual(b);
      expect(calls).toBe(1);
      expect(client.$posts.get()[post.id]!.voteCount).toBe(6);
    });
  });

  describe('submitIdea', () => {
    it('puts the new idea at the top of its board, voted by its author', async () => {
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seeded() }) });
      const view = client.board('demo');
      await view.load();
      const post = await client.submitIdea({ board: 'demo', title: '  Calendar sync ', body: 'Google and Outlook' });
      expect(post).toMatchObject({ title: 'Calendar sync', voted: true, voteCount: 1 });
      expect(view.$posts.get()[0]!.id).toBe(post.id);
      expect(view.$posts.get()).toHaveLength(4);
    });

    it('refuses invalid input before calling the adapter, saying what is wrong', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      let calls = 0;
      const adapter: SaysoAdapter = { ...memory, createPost: (p) => (calls++, memory.createPost(p)) };
      const client = createSaysoClient({ adapter });
      const error = await client.submitIdea({ board: 'demo', title: 'x', body: '' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_input', details: { problems: [{ field: 'title' }] } });
      expect(calls).toBe(0);
    });
  });

  describe('filters', () => {
    const tagged = () =>
      createMemoryData({
        boards: [{ slug: 'demo' }],
        posts: [
          { board: 'demo', title: 'Dark mode', body: 'A dark theme', votes: 5, tags: ['UI'] },
          { board: 'demo', title: 'Offline sync', votes: 3, status: 'planned', tags: ['Mobile'] },
          { board: 'demo', title: 'Dark icons', votes: 1, status: 'planned', tags: ['UI'] },
        ],
      });

    it('narrows the list by status, tag and search, keeping the sort, and clears with {}', async () => {
      const memory = createMemoryAdapter({ data: tagged() });
      const seen: unknown[] = [];
      const adapter: SaysoAdapter = { ...memory, listPosts: (params) => (seen.push(params), memory.listPosts(params)) };
      const view = createSaysoClient({ adapter }).board('demo', { sort: 'new' });
      await view.load();
      await view.setFilters({ status: 'planned' });
      expect(view.$posts.get().map((p) => p.title).sort()).toEqual(['Dark icons', 'Offline sync']);
      expect(view.$state.get()).toMatchObject({ sort: 'new', filters: { status: 'planned' }, status: 'ready' });
      await view.setFilters({ status: 'planned', tag: 'ui' });
      expect(view.$posts.get().map((p) => p.title)).toEqual(['Dark icons']);
      await view.setFilters({ q: '  dark  ', status: '', tag: '' });
      expect(view.$state.get().filters).toEqual({ q: 'dark' });
      expect(view.$posts.get().map((p) => p.title).sort()).toEqual(['Dark icons', 'Dark mode']);
      await view.setSort('top');
      expect(view.$state.get().filters).toEqual({ q: 'dark' });
      expect(seen.at(-1)).toMatchObject({ sort: 'top', q: 'dark' });
      await view.setFilters({});
      expect(view.$posts.get()).toHaveLength(3);
      const calls = seen.length;
      await view.setFilters({});
      expect(seen.length).toBe(calls);
    });

    it('passes the filters on to the next page', async () => {
      const data = createMemoryData({
        boards: [{ slug: 'demo' }],
        posts: Array.from({ length: 25 }, (_, i) => ({ board: 'demo', title: `Idea ${i}`, status: i % 2 ? 'planned' : undefined })),
      });
      const memory = createMemoryAdapter({ data });
      const seen: unknown[] = [];
      const adapter: SaysoAdapter = { ...memory, listPosts: (params) => (seen.push(params), memory.listPosts({ ...params, limit: 5 })) };
      const view = createSaysoClient({ adapter }).board('demo');
      await view.setFilters({ status: 'planned' });
      await view.loadMore();
      expect(seen.at(-1)).toMatchObject({ status: 'planned', cursor: expect.any(String) });
      expect(view.$posts.get().every((p) => p.status === 'planned')).toBe(true);
      expect(view.$posts.get()).toHaveLength(10);
    });

    it('keeps the newest filters when an older request answers last', async () => {
      const memory = createMemoryAdapter({ data: tagged() });
      const slow = deferred<void>();
      const adapter: SaysoAdapter = {
        ...memory,
        listPosts: async (params) => {
          if (params.status === 'planned') await slow.promise;
          return memory.listPosts(params);
        },
      };
      const view = createSaysoClient({ adapter }).board('demo');
      await view.load();
      const first = view.setFilters({ status: 'planned' });
      expect(view.$state.get().status).toBe('loading');
      await view.setFilters({ tag: 'mobile' });
      slow.resolve();
      await first;
      expect(view.$state.get().filters).toEqual({ tag: 'mobile' });
      expect(view.$posts.get().map((p) => p.title)).toEqual(['Offline sync']);
      expect(view.$state.get().status).toBe('ready');
    });

    it('fetches the board tags once with the first list, and tolerates a failure', async () => {
      const memory = createMemoryAdapter({ data: tagged() });
      let asked = 0;
      const view = createSaysoClient({ adapter: { ...memory, listTags: (p) => (asked++, memory.listTags(p)) } }).board('demo');
      await view.load();
      await view.setFilters({ tag: 'ui' });
      expect(view.$tags.get().map((t) => t.slug)).toEqual(['mobile', 'ui']);
      expect(asked).toBe(1);
      const failing = createSaysoClient({
        adapter: { ...memory, listTags: () => Promise.reject(new SaysoError('server', 'down')) },
      }).board('demo');
      await failing.load();
      expect(failing.$state.get().status).toBe('ready');
      expect(failing.$tags.get()).toEqual([]);
    });
  });

  describe('comments', () => {
    async function withComments(n: number, overrides: Partial<SaysoAdapter> = {}) {
      const memory = createMemoryAdapter({ data: seeded() });
      const client = createSaysoClient({ adapter: { ...memory, ...overrides } });
      const [post] = await client.board('demo').load().then(() => client.board('demo').$posts.get());
      for (let i = 1; i <= n; i++) await memory.addComment({ postId: post!.id, body: `Comment ${i}` });
      return { client, memory, postId: post!.id };
    }

    it('loads comments oldest first, then the next pages', async () => {
      const { client, postId } = await withComments(25);
      const comments = client.comments(postId);
      expect(client.comments(postId)).toBe(comments);
      expect(comments.$state.get().status).toBe('idle');
      await comments.load();
      const first = comments.$state.get();
      expect(first.status).toBe('ready');
      expect(first.items[0]!.body).toBe('Comment 1');
      expect(first.nextCursor).not.toBeNull();
      await comments.loadMore();
      expect(comments.$state.get().items).toHaveLength(25);
      expect(comments.$state.get().items.at(-1)!.body).toBe('Comment 25');
      expect(comments.$state.get().nextCursor).toBeNull();
    });

    it('adds a comment to the end and counts it on the post', async () => {
      const { client, postId } = await withComments(1);
      const comments = client.comments(postId);
      await comments.load();
      const before = client.$posts.get()[postId]!.commentCount;
      const added = await comments.add('  Me too  ');
      expect(added.body).toBe('Me too');
      expect(comments.$state.get().items.map((c) => c.body)).toEqual(['Comment 1', 'Me too']);
      expect(client.$posts.get()[postId]!.commentCount).toBe(before + 1);
    });

    it('refuses an empty comment before asking the adapter, and rejects with a SaysoError on failure', async () => {
      let calls = 0;
      const { client, postId } = await withComments(0, {
        addComment: () => (calls++, Promise.reject(new Error('boom'))),
      });
      const comments = client.comments(postId);
      await comments.load();
      await expect(comments.add('   ')).rejects.toMatchObject({ code: 'invalid_input' });
      expect(calls).toBe(0);
      const error = await comments.add('Hello').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SaysoError);
      expect(comments.$state.get().items).toEqual([]);
      expect(client.$posts.get()[postId]!.commentCount).toBe(0);
    });

    it('shows an error state when comments cannot be loaded, and recovers', async () => {
      let down = true;
      const memory = createMemoryAdapter({ data: seeded() });
      const client = createSaysoClient({
        adapter: { ...memory, listComments: (p) => (down ? Promise.reject(new SaysoError('network', 'offline')) : memory.listComments(p)) },
      });
      const comments = client.comments('seed-1');
      await comments.load();
      expect(comments.$state.get()).toMatchObject({ status: 'error', error: { code: 'network' } });
      down = false;
      await comments.load();
      expect(comments.$state.get()).toMatchObject({ status: 'ready', error: null });
    });
  });

  describe('posts by id', () => {
    it('fetches a post no list has loaded into $posts, joining a second call', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      let calls = 0;
      const client = createSaysoClient({ adapter: { ...memory, getPost: (p) => (calls++, memory.getPost(p)) } });
      const post = client.post('seed-2');
      expect(client.post('seed-2')).toBe(post);
      expect(post.$state.get()).toEqual({ status: 'idle', error: null, shownId: 'seed-2', mergedFrom: null });
      const loading = post.load();
      expect(post.$state.get().status).toBe('loading');
      await Promise.all([loading, post.load()]);
      expect(calls).toBe(1);
      expect(post.$state.get()).toEqual({ status: 'ready', error: null, shownId: 'seed-2', mergedFrom: null });
      expect(client.$posts.get()['seed-2']!.title).toBe('Offline sync');
    });

    it('starts ready for a post a list has loaded', async () => {
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seeded() }) });
      await client.board('demo').load();
      expect(client.post('seed-1').$state.get().status).toBe('ready');
    });

    it('says not_found for an idea that no longer exists, and recovers from a failed fetch', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      let down = true;
      const client = createSaysoClient({
        adapter: { ...memory, getPost: (p) => (down ? Promise.reject(new SaysoError('network', 'offline')) : memory.getPost(p)) },
      });
      await client.post('seed-3').load();
      expect(client.post('seed-3').$state.get()).toMatchObject({ status: 'error', error: { code: 'network' } });
      down = false;
      await client.post('seed-3').load();
      expect(client.post('seed-3').$state.get().status).toBe('ready');
      await client.post('no-such-idea').load();
      expect(client.post('no-such-idea').$state.get()).toMatchObject({ status: 'error', error: { code: 'not_found' } });
      expect(client.$posts.get()['no-such-idea']).toBeUndefined();
    });

    it('follows an idea merged into another to that one, keeping where it came from on the view only', async () => {
      const data = seeded();
      const memory = createMemoryAdapter({ data });
      const nightTheme = { id: 'seed-2', title: 'Offline sync' };
      // The answer for an idea merged into seed-1: seed-1, saying which idea was asked for.
      const getPost: SaysoAdapter['getPost'] = async ({ postId }) =>
        postId === nightTheme.id ? { ...(await memory.getPost({ postId: 'seed-1' })), mergedFrom: nightTheme } : memory.getPost({ postId });
      const client = createSaysoClient({ adapter: { ...memory, getPost } });
      await client.post(nightTheme.id).load();
      expect(client.post(nightTheme.id).$state.get()).toEqual({ status: 'ready', error: null, shownId: 'seed-1', mergedFrom: nightTheme });
      expect(client.$posts.get()['seed-1']).toMatchObject({ title: 'Dark mode', mergedFrom: null });
      expect(client.$posts.get()[nightTheme.id]).toBeUndefined();
      expect(client.post('seed-1').$state.get()).toMatchObject({ status: 'ready', shownId: 'seed-1', mergedFrom: null });
    });

    it('fetches again a merged idea a list has loaded, to show the idea it counts on', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const client = createSaysoClient({ adapter: memory });
      await client.board('demo').load();
      const post = client.$posts.get()['seed-2']!;
      client.$posts.setKey('seed-2', { ...post, mergedInto: { id: 'seed-1', title: 'Dark mode' } });
      expect(client.post('seed-2').$state.get().status).toBe('idle');
    });
  });

  describe('demand', () => {
    const demandOf = (postId: string, direct: number): Demand => ({
      postId,
      people: { total: direct + 2, direct, viaMerged: 3, inBoth: 1 },
      merged: [{ id: 'seed-2', title: 'Offline sync', people: 3 }],
      requests: null,
      customers: null,
      priority: null,
      evidence: [],
    });

    it('loads an idea\'s demand once for every element, joining calls and keeping it while it is fetched again', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      let calls = 0;
      let gate = deferred<void>();
      const getDemand: SaysoAdapter['getDemand'] = async ({ postId }) => (calls++, await gate.promise, demandOf(postId, calls));
      const client = createSaysoClient({ adapter: { ...memory, getDemand } });
      const view = client.view(createDemandView, { postId: 'seed-1' });
      expect(client.view(createDemandView, { postId: 'seed-1' })).toBe(view);
      expect(view.$state.get()).toEqual({ status: 'idle', demand: null, error: null });
      const loading = Promise.all([view.load(), view.load()]);
      expect(view.$state.get().status).toBe('loading');
      gate.resolve();
      await loading;
      expect(calls).toBe(1);
      expect(view.$state.get()).toEqual({ status: 'ready', demand: demandOf('seed-1', 1), error: null });
      gate = deferred<void>();
      const again = view.load();
      expect(view.$state.get()).toMatchObject({ status: 'loading', demand: demandOf('seed-1', 1) });
      gate.resolve();
      await again;
      expect(view.$state.get().demand!.people.direct).toBe(2);
    });

    it('says why the demand could not be loaded, without rejecting', async () => {
      const memory = createMemoryAdapter({ data: seeded() });
      const client = createSaysoClient({ adapter: { ...memory, getDemand: () => Promise.reject(new SaysoError('network', 'offline')) } });
      const view = client.view(createDemandView, { postId: 'seed-1' });
      await view.load();
      expect(view.$state.get()).toMatchObject({ status: 'error', demand: null, error: { code: 'network' } });
    });
  });
});
