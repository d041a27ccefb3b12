import { describe, expect, it, vi } from 'vitest';
import type { SaysoAdapter } from '../adapter.js';
import { createSaysoClient } from '../client.js';
import type { LiveChange, Post } from '../types.js';

const idea = (id: string, title: string) => ({ id, board: 'demo', title, mergedInto: null, mergedFrom: null }) as Post;

/**
 * A backend holding "Dark mode" and "Night theme" on one board, which pushes live changes, and
 * where the test merges and unmerges as an admin elsewhere would: `getPost` of a merged idea
 * answers with the idea it was merged into, as every adapter does.
 */
function liveBackend() {
  const ideas = [idea('dark', 'Dark mode'), idea('night', 'Night theme')];
  const mergedInto = new Map<string, string>();
  const watchers = new Set<(change: LiveChange) => void>();
  const byId = (postId: string) => ideas.find((post) => post.id === postId)!;
  const getPost = vi.fn(async ({ postId }: { postId: string }) => {
    const into = mergedInto.get(postId);
    return into ? { ...byId(into), mergedFrom: { id: postId, title: byId(postId).title } } : byId(postId);
  });
  const adapter = {
    capabilities: { realtime: true },
    listBoards: async () => [],
    listTags: async () => [],
    listPosts: async () => ({ items: ideas.filter((post) => !mergedInto.has(post.id)), nextCursor: null }),
    getPost,
    watch: ({ onChange }: { onChange: (change: LiveChange) => void }) => {
      watchers.add(onChange);
      return () => void watchers.delete(onChange);
    },
  } as unknown as SaysoAdapter;
  const tell = (postId: string, change: 'merged' | 'unmerged') =>
    watchers.forEach((onChange) => onChange({ type: 'post', board: 'demo', postId, change }));
  return {
    adapter,
    getPost,
    merge: (postId: string, into: string) => (mergedInto.set(postId, into), tell(postId, 'merged')),
    unmerge: (postId: string) => (mergedInto.delete(postId), tell(postId, 'unmerged')),
  };
}

/** A client over `backend` with the demo board loaded and kept live. */
async function watchingBoard(backend: ReturnType<typeof liveBackend>) {
  const client = createSaysoClient({ adapter: backend.adapter });
  const board = client.board('demo');
  await board.load();
  board.watch();
  return client;
}

const mergedNight = { shownId: 'dark', mergedFrom: { id: 'night', title: 'Night theme' } };

describe("a board's live changes, on merges", () => {
  it('opens a link to an idea merged since the list was read on the idea it was merged into', async () => {
    const backend = liveBackend();
    const client = await watchingBoard(backend);
    expect(client.$posts.get().night!.mergedInto).toBeNull();

    backend.merge('night', 'dark');
    await vi.waitFor(() => expect(client.$posts.get().night!.mergedInto).toEqual({ id: 'dark', title: 'Dark mode' }));
    const view = client.post('night');
    expect(view.$state.get().status, 'asks, as for any merged idea it holds').toBe('idle');
    await view.load();
    expect(view.$state.get()).toMatchObject({ status: 'ready', ...mergedNight });
  });

  it('moves a detail open on an idea to the one it was merged into, and back when it is unmerged', async () => {
    const backend = liveBackend();
    const client = await watchingBoard(backend);
    const view = client.post('night');
    const states: unknown[] = [];
    view.$state.subscribe((state) => states.push(state));
    expect(view.$state.get()).toMatchObject({ status: 'ready', shownId: 'night', mergedFrom: null });

    backend.merge('night', 'dark');
    await vi.waitFor(() => expect(view.$state.get()).toMatchObject({ status: 'ready', ...mergedNight }));
    const moved = states.length;
    client.$posts.setKey('dark', { ...client.$posts.get().dark!, peopleCount: 9 });
    expect(states, 'a change to the shown idea is not a move').toHaveLength(moved);

    backend.unmerge('night');
    await vi.waitFor(() => expect(view.$state.get()).toMatchObject({ status: 'ready', shownId: 'night', mergedFrom: null }));
    expect(client.$posts.get().night!.mergedInto).toBeNull();
  });

  it('shows an idea on its own again once unmerged, after a link showed it merged', async () => {
    const backend = liveBackend();
    backend.merge('night', 'dark');
    const client = await watchingBoard(backend);
    const view = client.post('night');
    await view.load();
    expect(view.$state.get()).toMatchObject(mergedNight);

    backend.unmerge('night');
    await vi.waitFor(() => expect(view.$state.get()).toMatchObject({ shownId: 'night', mergedFrom: null }));
  });

  it('reads nothing for an idea merged that the client never held', async () => {
    const backend = liveBackend();
    const client = createSaysoClient({ adapter: backend.adapter });
    client.board('demo').watch();
    // The live handler asks at once, if at all.
    backend.merge('night', 'dark');
    expect(backend.getPost).not.toHaveBeenCalled();
  });
});
