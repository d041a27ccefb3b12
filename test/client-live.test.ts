// A board view kept live over the memory adapter, which pushes every change made through any
// adapter over the same data, as the server's stream does (issue 11).
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type BoardView, type SaysoAdapter } from '@sayso/core';
import { describe, expect, it, vi } from 'vitest';

/** A board with three ideas; the watcher's adapter counts the list reads it makes. */
function board() {
  const data = createMemoryData({
    boards: [{ slug: 'demo' }],
    posts: [
      { board: 'demo', title: 'Dark mode', votes: 5 },
      { board: 'demo', title: 'Offline sync', votes: 3 },
      { board: 'demo', title: 'CSV export', votes: 1 },
    ],
  });
  const watcherAdapter = createMemoryAdapter({ data, voterId: 'watcher' });
  const reads = { lists: 0 };
  const counted: SaysoAdapter = { ...watcherAdapter, listPosts: (params) => (reads.lists++, watcherAdapter.listPosts(params)) };
  const client = createSaysoClient({ adapter: counted });
  return {
    data,
    reads,
    client,
    view: client.board('demo'),
    someone: (voterId: string) => createMemoryAdapter({ data, voterId }),
    admin: createMemoryAdapter({ data, voterId: 'admin', admin: true }),
  };
}

const titles = (posts: { title: string }[]) => posts.map((post) => post.title);

/** Runs `steps` with the view loaded and watched, and stops watching after them. */
async function whileWatching(view: BoardView, steps: () => Promise<void>): Promise<void> {
  await view.load();
  const stop = view.watch();
  try {
    await steps();
  } finally {
    stop();
  }
}

describe('a live board view', () => {
  it('shows new ideas, votes, status changes and merges by others without a reload', async () => {
    const { view, someone, admin } = board();
    await whileWatching(view, async () => {
      const idea = await someone('author').createPost({ board: 'demo', title: 'Calendar sync', body: '' });
      await vi.waitFor(() => expect(titles(view.$posts.get())).toContain('Calendar sync'));

      const dark = view.$posts.get().find((post) => post.title === 'Dark mode')!;
      await someone('fan').vote({ postId: dark.id });
      await vi.waitFor(() => expect(view.$posts.get().find((post) => post.id === dark.id)?.voteCount).toBe(6));

      await admin.admin!.setPostStatus({ postId: idea.id, status: 'planned' });
      await vi.waitFor(() => expect(view.$posts.get().find((post) => post.id === idea.id)?.status).toBe('planned'));

      const csv = view.$posts.get().find((post) => post.title === 'CSV export')!;
      await admin.admin!.mergePost({ postId: csv.id, into: dark.id });
      // Out of the list, or shown as merged: never as an idea of its own.
      await vi.waitFor(() => expect(view.$posts.get().some((post) => post.id === csv.id && post.mergedInto === null)).toBe(false));
    });
  });

  it('reads the list once for a burst of votes', async () => {
    const { view, someone, reads } = board();
    await whileWatching(view, async () => {
      const offline = view.$posts.get().find((post) => post.title === 'Offline sync')!;
      reads.lists = 0;
      await Promise.all(Array.from({ length: 10 }, (_, n) => someone(`burst-${n}`).vote({ postId: offline.id })));
      await vi.waitFor(() => expect(view.$posts.get().find((post) => post.id === offline.id)?.voteCount).toBe(13));
      // The burst is one re-read (a second only if the burst outlasted the longest wait).
      expect(reads.lists).toBe(1);
      // Now the most voted: first in the top order.
      expect(titles(view.$posts.get())[0]).toBe('Offline sync');
    });
  });

  it('shares one subscription among the elements that watch it, and lets go when the last stops', async () => {
    const { view, data, someone } = board();
    await view.load();
    const stopOne = view.watch();
    const stopTwo = view.watch();
    expect(data.watchers.size).toBe(1);
    stopOne();
    stopOne();
    expect(data.watchers.size).toBe(1);
    stopTwo();
    expect(data.watchers.size).toBe(0);
    await someone('late').createPost({ board: 'demo', title: 'Unwatched', body: '' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(titles(view.$posts.get())).not.toContain('Unwatched');
  });
});
