import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoError } from '../errors.js';
import type { Post, PostFilters, PostSort, Tag } from '../types.js';
import type { ClientContext } from './context.js';
import { rereadAfterBursts, sharedWatch } from './live-updates.js';
import { pagedLoads, type LoadStatus } from './paged-loads.js';
import { readPost } from './post.js';

/** Everything a board list renders, apart from the posts themselves. */
export interface BoardState {
  board: string;
  sort: PostSort;
  /** The filters the list is narrowed by; empty when it shows every idea. */
  filters: PostFilters;
  status: LoadStatus;
  /** Ids in display order; the posts live in {@link SaysoClient.$posts}. */
  postIds: string[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: SaysoError | null;
}

/** A live list of one board's posts, shared by every element that shows that board. */
export interface BoardView {
  readonly $state: ReadableAtom<BoardState>;
  /** The posts in display order, kept current as votes and submissions change them. */
  readonly $posts: ReadableAtom<Post[]>;
  /** Fetches the first page (again). */
  load(): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
  /** Changes the order and reloads; the filters stay. */
  setSort(sort: PostSort): Promise<void>;
  /**
   * Replaces the filters (status, tag, search text) and reloads; the sort stays. Empty strings
   * count as "no filter", `{}` clears them all. An answer to an older request is discarded.
   */
  setFilters(filters: PostFilters): Promise<void>;
  /** The board's tags, ordered by name: fetched once with the first list; empty if that failed. */
  readonly $tags: ReadableAtom<Tag[]>;
  /**
   * With an adapter that pushes changes (`capabilities.realtime`), keeps the list current as
   * anyone changes the board (new ideas, votes, statuses, merges), until the returned function is
   * called: each burst of changes is one quiet re-read of the first page and of the changed ideas
   * loaded further down. An idea merged or unmerged is read at once, so its link (and a detail open
   * on it) shows the idea it went into, or itself again. Several callers share one subscription.
   * Without realtime, does nothing.
   */
  watch(): () => void;
}

/** A board list as the client holds it: it also takes in the ideas the visitor posted. */
export interface ClientBoardView extends BoardView {
  /** Shows a post at the top of the list, unless the list has it already. */
  prepend(postId: string): void;
}

/** The memo kind of board lists: one per board slug. */
export const BOARD_VIEW = 'board';

export function createBoardView(context: ClientContext, board: string, sort: PostSort): ClientBoardView {
  const { adapter, remember } = context;
  const $state = atom<BoardState>({
    board,
    sort,
    filters: {},
    status: 'idle',
    postIds: [],
    nextCursor: null,
    loadingMore: false,
    error: null,
  });
  const $boardPosts = computed([$state, context.$posts], (state, posts) =>
    state.postIds.flatMap((id) => (posts[id] ? [posts[id]] : [])),
  );
  const $tags = atom<Tag[]>([]);
  let tagsRequest: Promise<void> | undefined;
  // Tags only feed the tag filter, so failing to get them never fails a list.
  const loadTags = () => {
    tagsRequest ??= adapter
      .listTags({ board })
      .then((tags) => $tags.set(tags))
      .catch(() => {
        tagsRequest = undefined;
      });
  };

  const pages = pagedLoads($state, {
    fetch: (cursor, { sort, filters }) =>
      cursor === null
        ? Promise.all([adapter.listPosts({ board, sort, ...filters }), context.loadBoards()]).then(([page]) => page)
        : adapter.listPosts({ board, sort, ...filters, cursor }),
    first: (state, page) => {
      remember(page.items);
      firstPageLength = page.items.length;
      return { ...state, postIds: page.items.map((post) => post.id) };
    },
    more: (state, page) => {
      remember(page.items);
      const known = new Set(state.postIds);
      return { ...state, postIds: [...state.postIds, ...page.items.map((post) => post.id).filter((id) => !known.has(id))] };
    },
  });

  const load = () => {
    loads++;
    loadTags();
    return pages.load();
  };

  // Live changes: which ideas changed since the last re-read; how long the first page was, so a
  // re-read replaces it and keeps the pages loaded after it; loads, so a re-read older than one is dropped.
  const changed = new Set<string>();
  let firstPageLength = 0;
  let loads = 0;
  const reread = async () => {
    const before = $state.get();
    if (before.status !== 'ready') return;
    const ids = [...changed];
    changed.clear();
    const mine = loads;
    try {
      const page = await adapter.listPosts({ board, sort: before.sort, ...before.filters });
      if (mine !== loads) return;
      remember(page.items);
      const fresh = page.items.map((post) => post.id);
      const freshIds = new Set(fresh);
      const current = $state.get();
      const onlyFirstPage = current.postIds.length <= firstPageLength;
      const further = onlyFirstPage ? [] : current.postIds.slice(firstPageLength).filter((id) => !freshIds.has(id));
      firstPageLength = fresh.length;
      $state.set({ ...current, postIds: [...fresh, ...further], nextCursor: onlyFirstPage ? page.nextCursor : current.nextCursor });
      // Changed ideas shown further down than the first page are read one by one.
      const shownFurther = new Set(further);
      remember(await Promise.all(ids.filter((id) => shownFurther.has(id)).map((postId) => adapter.getPost({ postId }))));
    } catch {
      // A failed re-read keeps what is shown; the next change tries again.
    }
  };
  const rereads = rereadAfterBursts(() => void reread());
  // A re-read takes a merged idea out of the list but leaves the client's copy as it was, which
  // a link to the idea (or a detail open on it) would show as if it still stood: so a merge is
  // read at once, which marks the copy merged into the idea the backend answers with. An unmerge
  // is read even when the client holds no copy: it may have shown the idea merged from a link.
  // A failed read keeps the copy; a link to it then shows it as it was, as without live changes.
  const followMerge = (postId: string) => void readPost(context, postId).catch(() => {});
  const live = sharedWatch(adapter, board, (change) => {
    if (change.type !== 'post') return;
    changed.add(change.postId);
    rereads.schedule();
    if (change.change === 'unmerged' || (change.change === 'merged' && context.$posts.get()[change.postId])) followMerge(change.postId);
  });
  const { loadMore } = pages;

  const setSort = async (next: PostSort) => {
    if (next === $state.get().sort && $state.get().status !== 'idle') return;
    $state.set({ ...$state.get(), sort: next });
    await load();
  };

  const setFilters = async (next: PostFilters) => {
    const filters: PostFilters = {};
    if (next.status) filters.status = next.status;
    if (next.tag) filters.tag = next.tag;
    const q = next.q?.trim();
    if (q) filters.q = q;
    const { filters: before, status } = $state.get();
    const same = before.status === filters.status && before.tag === filters.tag && before.q === filters.q;
    if (same && status !== 'idle') return;
    $state.set({ ...$state.get(), filters });
    await load();
  };

  const prepend = (postId: string) => {
    const state = $state.get();
    if (state.postIds.includes(postId)) return;
    $state.set({ ...state, postIds: [postId, ...state.postIds] });
  };

  return { $state, $posts: $boardPosts, $tags, load, loadMore, setSort, setFilters, prepend, watch: live.start };
}
