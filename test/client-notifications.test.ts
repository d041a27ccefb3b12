// The notifications view of @sayso/core over the memory adapter, which makes notifications on
// status changes and comments as the server does.
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { SaysoError, createNotificationsView, createSaysoClient, type SaysoAdapter, type Scheduler } from '@sayso/core';
import { describe, expect, it, vi } from 'vitest';

/** A scheduler the test drives by hand: `tick()` runs every live interval once. */
function manualScheduler() {
  const live = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const scheduler: Scheduler = {
    setInterval: (callback, ms) => {
      live.set(++next, { callback, ms });
      return next;
    },
    clearInterval: (handle) => void live.delete(handle as number),
  };
  return {
    scheduler,
    intervals: () => [...live.values()].map((timer) => timer.ms),
    tick: () => {
      for (const timer of live.values()) timer.callback();
    },
  };
}

/** A board where `author` wrote an idea and `replier` answered it `replies` times. */
async function discussion(replies: number) {
  const data = createMemoryData({ boards: [{ slug: 'demo' }] });
  const author = createMemoryAdapter({ data, voterId: 'author' });
  const replier = createMemoryAdapter({ data, voterId: 'replier' });
  const post = await author.createPost({ board: 'demo', title: 'Dark mode', body: '' });
  for (let n = 1; n <= replies; n++) await replier.addComment({ postId: post.id, body: `Reply ${n}` });
  return { data, author, replier, post };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The same adapter without its live changes, as a backend that cannot push them. */
const withoutRealtime = (adapter: SaysoAdapter): SaysoAdapter => {
  const { watch: _pushes, ...rest } = adapter;
  return { ...rest, capabilities: { ...adapter.capabilities, realtime: false } };
};

describe('notifications view', () => {
  it('is one view per client', () => {
    const client = createSaysoClient({ adapter: createMemoryAdapter() });
    expect(client.notifications()).toBe(client.notifications());
  });

  it('loads the newest first with the unread count, and loads more', async () => {
    const { author } = await discussion(23);
    const view = createNotificationsView(author);
    await view.load();
    const state = view.$state.get();
    expect(state).toMatchObject({ status: 'ready', unreadCount: 23, error: null });
    expect(state.items).toHaveLength(20);
    expect(state.items.every((n) => n.kind === 'reply' && n.post?.title === 'Dark mode')).toBe(true);
    await view.loadMore();
    expect(view.$state.get().items).toHaveLength(23);
    expect(view.$state.get().nextCursor).toBeNull();
    const times = view.$state.get().items.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('marks read at once, and keeps it when the adapter agrees', async () => {
    const { author } = await discussion(3);
    const view = createNotificationsView(author);
    await view.load();
    const [newest] = view.$state.get().items;
    const marking = view.markRead([newest!.id]);
    expect(view.$state.get().unreadCount).toBe(2);
    expect(view.$state.get().items[0]!.readAt).not.toBeNull();
    await marking;
    expect((await author.listNotifications()).unreadCount).toBe(2);
    await view.markAllRead();
    expect(view.$state.get().unreadCount).toBe(0);
    expect(view.$state.get().items.every((n) => n.readAt !== null)).toBe(true);
    expect((await author.listNotifications()).unreadCount).toBe(0);
  });

  it('puts the unread state back when the adapter refuses, and says why', async () => {
    const { author } = await discussion(2);
    const refusing: SaysoAdapter = { ...author, markNotificationsRead: () => Promise.reject(new SaysoError('network', 'offline')) };
    const view = createNotificationsView(refusing);
    await view.load();
    await expect(view.markAllRead()).rejects.toMatchObject({ code: 'network' });
    expect(view.$state.get().unreadCount).toBe(2);
    expect(view.$state.get().items.every((n) => n.readAt === null)).toBe(true);
  });

  it('polls on the host\'s interval, sharing one timer, and merges news in front', async () => {
    const { author, replier, post } = await discussion(1);
    const clock = manualScheduler();
    // An adapter that pushes nothing is polled.
    const view = createNotificationsView(withoutRealtime(author), { scheduler: clock.scheduler });
    await view.load();
    const stopSlow = view.poll(60_000);
    const stopFast = view.poll(5_000);
    expect(clock.intervals()).toEqual([5_000]);

    await replier.addComment({ postId: post.id, body: 'Any news?' });
    clock.tick();
    await settled();
    expect(view.$state.get().items.map((n) => n.readAt === null)).toEqual([true, true]);
    expect(view.$state.get().unreadCount).toBe(2);

    stopFast();
    expect(clock.intervals()).toEqual([60_000]);
    stopSlow();
    stopSlow();
    expect(clock.intervals()).toEqual([]);
  });

  it('keeps what it shows when a refresh fails', async () => {
    const { author } = await discussion(2);
    let fail = false;
    const flaky: SaysoAdapter = {
      ...author,
      listNotifications: (params) => (fail ? Promise.reject(new SaysoError('server', 'down')) : author.listNotifications(params)),
    };
    const view = createNotificationsView(flaky);
    await view.load();
    fail = true;
    await view.refresh();
    expect(view.$state.get()).toMatchObject({ status: 'ready', unreadCount: 2, error: { code: 'server' } });
    expect(view.$state.get().items).toHaveLength(2);
    fail = false;
    await view.refresh();
    expect(view.$state.get().error).toBeNull();
  });

  it('drops a refresh that answers after the visitor marked something read', async () => {
    const { author } = await discussion(2);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdNext = false;
    const slow: SaysoAdapter = {
      ...author,
      listNotifications: async (params) => {
        const page = await author.listNotifications(params);
        if (holdNext) await held;
        return page;
      },
    };
    const view = createNotificationsView(slow);
    await view.load();
    holdNext = true;
    const refreshing = view.refresh();
    await settled();
    await view.markAllRead();
    release();
    await refreshing;
    expect(view.$state.get().unreadCount).toBe(0);
    expect(view.$state.get().items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('with an adapter that pushes changes, refreshes once per burst of news instead of polling, until stopped', async () => {
    const { data, author, replier, post } = await discussion(1);
    const clock = manualScheduler();
    let reads = 0;
    const counted: SaysoAdapter = { ...author, listNotifications: (params) => (reads++, author.listNotifications(params)) };
    const view = createNotificationsView(counted, { scheduler: clock.scheduler });
    await view.load();
    const stopOne = view.poll(5_000);
    const stopTwo = view.poll(60_000);
    expect(clock.intervals()).toEqual([]);
    expect(data.watchers.size).toBe(1);
    reads = 0;

    for (const n of [1, 2, 3]) await replier.addComment({ postId: post.id, body: `Burst ${n}` });
    await vi.waitFor(() => expect(view.$state.get().unreadCount).toBe(4));
    expect(view.$state.get().items).toHaveLength(4);
    expect(reads).toBe(1);

    // Read elsewhere (another tab): the count falls here too.
    await author.markNotificationsRead({ all: true });
    await vi.waitFor(() => expect(view.$state.get().unreadCount).toBe(0));
    expect(view.$state.get().items.every((n) => n.readAt !== null)).toBe(true);

    stopOne();
    expect(data.watchers.size).toBe(1);
    stopTwo();
    expect(data.watchers.size).toBe(0);
  });
});
