import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, createSimilarIdeasView, type Post, type SaysoAdapter } from '@sayso/core';
import { describe, expect, it } from 'vitest';

const seeded = () =>
  createMemoryData({
    boards: [{ slug: 'demo' }],
    posts: [
      { board: 'demo', title: 'Dark mode for the editor', votes: 5 },
      { board: 'demo', title: 'Offline sync on mobile', votes: 3 },
      { board: 'demo', title: 'Export to CSV', votes: 1 },
    ],
  });

/** The memory adapter, with each similar-ideas answer held until the test lets it through. */
function heldLookups(adapter: SaysoAdapter) {
  const held: Array<{ text: string; release: () => void }> = [];
  const wrapped: SaysoAdapter = {
    ...adapter,
    findSimilarPosts: (params) =>
      new Promise<Post[]>((resolve, reject) => {
        held.push({ text: params.text, release: () => adapter.findSimilarPosts(params).then(resolve, reject) });
      }),
  };
  return { adapter: wrapped, held };
}

const titles = (posts: Post[]) => posts.map((post) => post.title);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSimilarIdeasView', () => {
  it('looks up similar ideas and shares them with the client, so votes show in the list', async () => {
    const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seeded() }) });
    const view = createSimilarIdeasView(client, 'demo');
    expect(view.$state.get().status).toBe('idle');
    await view.search('dark theme in the editor');
    expect(view.$state.get()).toMatchObject({ status: 'ready', text: 'dark theme in the editor', error: null });
    expect(titles(view.$posts.get())).toEqual(['Dark mode for the editor']);
    const [dark] = view.$posts.get();
    await client.setVote(dark!.id, true);
    expect(view.$posts.get()[0]).toMatchObject({ voted: true, voteCount: 6 });
  });

  it('asks nothing for a text too short and empties the list', async () => {
    let asked = 0;
    const adapter = createMemoryAdapter({ data: seeded() });
    const counting: SaysoAdapter = { ...adapter, findSimilarPosts: (params) => (asked++, adapter.findSimilarPosts(params)) };
    const view = createSimilarIdeasView(createSaysoClient({ adapter: counting }), 'demo');
    await view.search('offline sync');
    expect(view.$posts.get()).toHaveLength(1);
    await view.search('of');
    expect(view.$state.get()).toMatchObject({ status: 'idle', postIds: [] });
    await view.search('  ab  ');
    await view.search('offline sync');
    await view.search(' offline sync ');
    expect(asked).toBe(2);
  });

  it('drops an answer to an older text', async () => {
    const { adapter, held } = heldLookups(createMemoryAdapter({ data: seeded() }));
    const view = createSimilarIdeasView(createSaysoClient({ adapter }), 'demo');
    const first = view.search('dark mode');
    const second = view.search('export csv');
    held[1]!.release();
    await second;
    expect(titles(view.$posts.get())).toEqual(['Export to CSV']);
    held[0]!.release();
    await first;
    await settle();
    expect(titles(view.$posts.get())).toEqual(['Export to CSV']);
    expect(view.$state.get().text).toBe('export csv');
  });

  it('turns a failure into an empty list with the reason, and never rejects', async () => {
    const adapter = createMemoryAdapter({ data: seeded() });
    const failing: SaysoAdapter = {
      ...adapter,
      findSimilarPosts: () => Promise.reject(new SaysoError('network', 'offline')),
    };
    const view = createSimilarIdeasView(createSaysoClient({ adapter: failing }), 'demo');
    await expect(view.search('dark mode')).resolves.toBeUndefined();
    expect(view.$state.get()).toMatchObject({ status: 'error', postIds: [], error: { code: 'network' } });
  });

  it('clear() empties the list and drops an answer on its way', async () => {
    const { adapter, held } = heldLookups(createMemoryAdapter({ data: seeded() }));
    const view = createSimilarIdeasView(createSaysoClient({ adapter }), 'demo');
    const pending = view.search('dark mode');
    view.clear();
    held[0]!.release();
    await pending;
    await settle();
    expect(view.$state.get()).toMatchObject({ status: 'idle', postIds: [] });
  });
});
