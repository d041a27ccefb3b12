import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoAdapter } from '../adapter.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { Notification } from '../types.js';
import { rereadAfterBursts, sharedWatch } from './live-updates.js';
import { appendNew, pagedLoads, type LoadStatus } from './paged-loads.js';

/** How often a polling notifications view asks for news unless told otherwise: once a minute. */
export const NOTIFICATIONS_REFRESH_MS = 60_000;

/** Everything a notification list renders. */
export interface NotificationsState {
  status: LoadStatus;
  /** Newest first. */
  items: Notification[];
  /** The visitor's unread notifications over every page, as the adapter last counted them. */
  unreadCount: number;
  nextCursor: string | null;
  loadingMore: boolean;
  /** Why the last load, refresh or next page failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The timers a view polls with; `globalThis`'s by default, a fake one in tests. */
export interface Scheduler {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The visitor's notifications, shared by every element of one client. */
export interface NotificationsView {
  readonly $state: ReadableAtom<NotificationsState>;
  /** Fetches the first page (again), showing the loading state. */
  load(): Promise<void>;
  /**
   * Fetches the first page quietly and merges it in front of what is loaded, keeping older pages
   * and the list on screen: for polling and for when the page becomes visible again. A failure
   * keeps what was shown and only sets `error`.
   */
  refresh(): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
  /**
   * Marks these notifications read, at once in the UI, then asks the adapter. If the adapter
   * refuses, they are unread again and the promise rejects with a {@link SaysoError}.
   */
  markRead(ids: readonly string[]): Promise<void>;
  /** Marks every notification of the visitor read, loaded or not; rolls back like {@link markRead}. */
  markAllRead(): Promise<void>;
  /**
   * Keeps the notifications current until the returned function is called. With an adapter that
   * pushes changes (`capabilities.realtime`), refreshes when the unread count it pushes differs
   * from the one shown (a burst of news is one refresh), sharing one subscription; otherwise
   * refreshes every `everyMs` (default {@link NOTIFICATIONS_REFRESH_MS}), several pollers sharing
   * one timer at the shortest interval asked for.
   */
  poll(everyMs?: number): () => void;
}

/** The memo kind of the visitor's notifications: one per client. */
export const NOTIFICATIONS_VIEW = 'notifications';

const newestFirst = (a: Notification, b: Notification) =>
  Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Creates the notifications view of the visitor an adapter acts for. `client.notifications()`
 * gives the one view of a client; create one directly only to choose the `scheduler`.
 */
export function createNotificationsView(
  adapter: SaysoAdapter,
  options: { scheduler?: Scheduler } = {},
): NotificationsView {
  // Core is typed without the DOM or Node, but every runtime it runs in has these two.
  const timers = globalThis as unknown as Scheduler;
  const scheduler: Scheduler = options.scheduler ?? {
    setInterval: (callback, ms) => timers.setInterval(callback, ms),
    clearInterval: (handle) => timers.clearInterval(handle),
  };
  const $state = atom<NotificationsState>({
    status: 'idle',
    items: [],
    unreadCount: 0,
    nextCursor: null,
    loadingMore: false,
    error: null,
  });
  // A refresh answer older than a later load, refresh or mark-read may carry an outdated read
  // state, so `ticket` counts all three and only the newest refresh is written.
  let ticket = 0;
  const pages = pagedLoads($state, {
    fetch: (cursor) => adapter.listNotifications(cursor === null ? {} : { cursor }),
    first: (state, page) => ({ ...state, items: page.items, unreadCount: page.unreadCount }),
    more: (state, page) => ({ ...state, items: appendNew(state.items, page.items), unreadCount: page.unreadCount }),
  });

  const load = () => {
    ticket++;
    return pages.load();
  };
  const { loadMore } = pages;

  const refresh = async () => {
    const before = $state.get();
    if (before.status !== 'ready') return load();
    const mine = ++ticket;
    try {
      const page = await adapter.listNotifications({});
      if (mine !== ticket) return;
      const current = $state.get();
      const fresh = new Map(page.items.map((n) => [n.id, n]));
      const kept = current.items.filter((n) => !fresh.has(n.id));
      $state.set({
        ...current,
        error: null,
        items: [...page.items, ...kept].sort(newestFirst),
        unreadCount: page.unreadCount,
        // Nothing older loaded yet: the fresh page's cursor is the way on.
        nextCursor: current.items.length === 0 ? page.nextCursor : current.nextCursor,
      });
    } catch (error) {
      if (mine !== ticket) return;
      $state.set({ ...$state.get(), error: toSaysoError(error) });
    }
  };

  /** Sets `readAt` on the chosen items now; returns what to put back if the adapter refuses. */
  const markLocally = (chosen: (n: Notification) => boolean, newlyRead: number) => {
    const before = $state.get();
    const now = new Date().toISOString();
    $state.set({
      ...before,
      items: before.items.map((n) => (n.readAt === null && chosen(n) ? { ...n, readAt: now } : n)),
      unreadCount: Math.max(0, before.unreadCount - newlyRead),
    });
    const undo = new Map(before.items.filter((n) => n.readAt === null && chosen(n)).map((n) => [n.id, n]));
    return () => {
      const current = $state.get();
      $state.set({
        ...current,
        items: current.items.map((n) => undo.get(n.id) ?? n),
        unreadCount: current.unreadCount + newlyRead,
      });
    };
  };

  const send = async (request: () => Promise<{ unreadCount: number }>, rollback: () => void) => {
    // A refresh under way may carry the old read state: its answer is dropped.
    ticket++;
    try {
      const { unreadCount } = await request();
      $state.set({ ...$state.get(), unreadCount });
    } catch (error) {
      rollback();
      throw toSaysoError(error);
    }
  };

  const markRead = async (ids: readonly string[]) => {
    const wanted = new Set(ids);
    if (wanted.size === 0) return;
    const unread = $state.get().items.filter((n) => n.readAt === null && wanted.has(n.id)).length;
    const rollback = markLocally((n) => wanted.has(n.id), unread);
    await send(() => adapter.markNotificationsRead({ ids: [...wanted] }), rollback);
  };

  const markAllRead = async () => {
    const rollback = markLocally(() => true, $state.get().unreadCount);
    await send(() => adapter.markNotificationsRead({ all: true }), rollback);
  };

  const pollers = new Set<{ everyMs: number }>();
  let timer: { handle: unknown; everyMs: number } | undefined;
  const reschedule = () => {
    const everyMs = Math.min(...[...pollers].map((p) => p.everyMs));
    if (timer?.everyMs === everyMs) return;
    if (timer) scheduler.clearInterval(timer.handle);
    timer = pollers.size > 0 ? { everyMs, handle: scheduler.setInterval(() => void refresh(), everyMs) } : undefined;
  };

  const rereads = rereadAfterBursts(() => void refresh());
  const live = sharedWatch(adapter, undefined, (change) => {
    if (change.type === 'notifications' && change.unreadCount !== $state.get().unreadCount) rereads.schedule();
  });

  const poll = (everyMs = NOTIFICATIONS_REFRESH_MS) => {
    if (live.live) return live.start();
    const poller = { everyMs: Math.max(1_000, everyMs) };
    pollers.add(poller);
    reschedule();
    return () => {
      if (!pollers.delete(poller)) return;
      reschedule();
    };
  };

  return { $state, load, refresh, loadMore, markRead, markAllRead, poll };
}
