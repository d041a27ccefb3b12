import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { SaysoError } from '../errors.js';
import type { ChangelogEntry } from '../types.js';
import { changelogSeen, type SeenStorage } from './changelog-seen.js';
import { appendNew, pagedLoads, type PagedState } from './paged-loads.js';

/** A board's published changelog entries as a changelog shows them. */
export interface ChangelogEntriesState extends PagedState {
  board: string;
  /** Newest first. */
  items: ChangelogEntry[];
  error: SaysoError | null;
}

/** The changelog entries of one board (`client.view(createChangelogEntriesView, { board })`). */
export interface ChangelogEntriesView {
  readonly $state: ReadableAtom<ChangelogEntriesState>;
  /** Ids of the loaded entries this browser has not marked as read, newest first. */
  readonly $unread: ReadableAtom<string[]>;
  /** Fetches the first page (again). */
  load(): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
  /** Marks every loaded entry as read, and remembers that in storage when it can. */
  markAllRead(): void;
  /** Takes up the entries marked read in storage since the view loaded (by another element or tab). */
  shown(): void;
}

export interface ChangelogEntriesOptions {
  board: string;
  /** Default: the page's `localStorage`, when there is one and it can be used. */
  storage?: SeenStorage | null;
  /** Entries per page; the adapter's default without it. */
  limit?: number;
}

/**
 * The board's published changelog entries (`listChangelogEntries`), newest first, paged. Which
 * were read is kept with the shipped ideas' under `sayso:changelog-seen:<board>`, so the two
 * kinds of changelog share one "unread" memory.
 */
export function createChangelogEntriesView(client: SaysoClient, options: ChangelogEntriesOptions): ChangelogEntriesView {
  const { board, limit } = options;
  const $state = atom<ChangelogEntriesState>({ board, status: 'idle', items: [], nextCursor: null, loadingMore: false, error: null });
  const seen = changelogSeen(board, computed($state, (state) => state.items.map((entry) => entry.id)), options.storage);
  const { load, loadMore } = pagedLoads($state, {
    fetch: (cursor) => client.adapter.listChangelogEntries({ board, cursor, ...(limit ? { limit } : {}) }),
    first: (state, page) => ({ ...state, items: page.items }),
    more: (state, page) => ({ ...state, items: appendNew(state.items, page.items) }),
  });

  return {
    $state,
    $unread: seen.$unread,
    load: () => {
      seen.reload();
      return load();
    },
    loadMore,
    markAllRead: seen.markAllRead,
    shown: seen.shown,
  };
}
