import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { LoadStatus } from './paged-loads.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import { changelogSeen, type SeenStorage } from './changelog-seen.js';
import { boardWorkflow } from './roadmap.js';
import type { Post } from '../types.js';

/** Everything a changelog renders, apart from the posts themselves. */
export interface ChangelogState {
  board: string;
  status: LoadStatus;
  /** Ids of the shipped ideas, newest first; the posts live in {@link SaysoClient.$posts}. */
  postIds: string[];
  /** Whether {@link ChangelogView.loadMore} would find more entries. */
  hasMore: boolean;
  loadingMore: boolean;
  error: SaysoError | null;
}

/** A live changelog of one board: its shipped ideas, newest first, and which ones are unread. */
export interface ChangelogView {
  readonly $state: ReadableAtom<ChangelogState>;
  /** The entries in display order, with live vote counts. */
  readonly $entries: ReadableAtom<Post[]>;
  /** Ids of the loaded entries this browser has not marked as read, in display order. */
  readonly $unread: ReadableAtom<string[]>;
  /** Fetches the board's workflow (unless known) and the first entries (again). */
  load(): Promise<void>;
  /** Appends more entries, if there are more. */
  loadMore(): Promise<void>;
  /** Marks every loaded entry as read, and remembers that in storage when it can. */
  markAllRead(): void;
  /**
   * Takes up the entries marked read in storage since the view loaded (by another element or
   * tab), keeping those marked here; for an element that starts showing the loaded view.
   */
  shown(): void;
}

export interface ChangelogOptions {
  board: string;
  /** Default: the page's `localStorage`, when there is one and it can be used. */
  storage?: SeenStorage | null;
  /** Entries per page and done status. */
  limit?: number;
}

interface Source {
  status: string;
  /** Fetched, not yet shown, newest first. */
  buffer: Post[];
  cursor: string | null;
}

/** When an entry shipped: its ship date, or its creation for an idea that has none. */
export const shippedOrCreated = (post: Post): number => Date.parse(post.shippedAt ?? post.createdAt);

/**
 * Creates a changelog view of a board over a client: the ideas in the board's `done` statuses,
 * most recently shipped first (`sort: 'shipped'`: by `shippedAt`, else `createdAt`). Posts go
 * into `client.$posts`, so vote counts stay live. `client.view(createChangelogView, { board })`
 * gives the one changelog (and read state) every element of the board shares.
 *
 * "Unread" means "not yet marked as read in this browser": the ids of entries marked read are
 * kept per board under `sayso:changelog-seen:<board>`, at most {@link CHANGELOG_SEEN_MAX} of them.
 *
 * With several `done` statuses, each is paged on its own and the pages are merged so that the
 * list never shows an entry before a newer one that is still unfetched.
 */
export function createChangelogView(client: SaysoClient, options: ChangelogOptions): ChangelogView {
  const { board, limit } = options;
  const $state = atom<ChangelogState>({
    board,
    status: 'idle',
    postIds: [],
    hasMore: false,
    loadingMore: false,
    error: null,
  });
  const $entries = computed([$state, client.$posts], (state, posts) =>
    state.postIds.flatMap((id) => (posts[id] ? [posts[id]] : [])),
  );
  const seen = changelogSeen(board, computed($state, (state) => state.postIds), options.storage);
  let sources: Source[] = [];
  let generation = 0;

  const fetchInto = async (source: Source) => {
    const page = await client.adapter.listPosts({
      board,
      status: source.status,
      sort: 'shipped',
      cursor: source.cursor,
      ...(limit ? { limit } : {}),
    });
    for (const post of page.items) client.$posts.setKey(post.id, post);
    return { source, page };
  };

  // Moves entries from the buffers to the list while it is certain no unfetched entry is newer.
  const drain = (): string[] => {
    const out: string[] = [];
    for (;;) {
      if (sources.some((s) => s.buffer.length === 0 && s.cursor !== null)) break;
      let newest: Source | undefined;
      for (const s of sources) {
        const head = s.buffer[0];
        if (head && (!newest || shippedOrCreated(head) > shippedOrCreated(newest.buffer[0]!))) newest = s;
      }
      if (!newest) break;
      out.push(newest.buffer.shift()!.id);
    }
    return out;
  };

  const hasMore = () => sources.some((s) => s.buffer.length > 0 || s.cursor !== null);

  const load = async () => {
    const mine = ++generation;
    seen.reload();
    $state.set({ ...$state.get(), status: 'loading', error: null, loadingMore: false });
    try {
      const workflow = await boardWorkflow(client, board);
      const done = workflow.statuses.filter((s) => s.kind === 'done').sort((a, b) => a.position - b.position);
      const fresh: Source[] = done.map((s) => ({ status: s.id, buffer: [], cursor: null }));
      const pages = await Promise.all(fresh.map(fetchInto));
      if (mine !== generation) return;
      for (const { source, page } of pages) {
        source.buffer = page.items;
        source.cursor = page.nextCursor;
      }
      sources = fresh;
      const postIds = drain();
      $state.set({ ...$state.get(), status: 'ready', postIds, hasMore: hasMore() });
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
    }
  };

  const loadMore = async () => {
    const state = $state.get();
    if (state.status !== 'ready' || state.loadingMore || !state.hasMore) return;
    const mine = generation;
    $state.set({ ...state, loadingMore: true, error: null });
    try {
      const pages = await Promise.all(sources.filter((s) => s.buffer.length === 0 && s.cursor !== null).map(fetchInto));
      if (mine !== generation) return;
      for (const { source, page } of pages) {
        source.buffer = page.items;
        source.cursor = page.nextCursor;
      }
      const current = $state.get();
      const known = new Set(current.postIds);
      const more = drain().filter((id) => !known.has(id));
      $state.set({ ...current, loadingMore: false, postIds: [...current.postIds, ...more], hasMore: hasMore() });
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ ...$state.get(), loadingMore: false, error: toSaysoError(error) });
    }
  };

  return { $state, $entries, $unread: seen.$unread, load, loadMore, markAllRead: seen.markAllRead, shown: seen.shown };
}
