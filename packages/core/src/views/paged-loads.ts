import type { WritableAtom } from 'nanostores';
import { toSaysoError, type SaysoError } from '../errors.js';

/** Where a view's fetch is in its life: nothing asked yet, fetching, shown, or failed. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What every paged view's state has: where loading stands, the way on, and the last failure. */
export interface PagedState {
  status: LoadStatus;
  nextCursor: string | null;
  loadingMore: boolean;
  error: SaysoError | null;
}

/** How one view fetches a page and folds it into its state. */
export interface PagedSource<S extends PagedState, P extends { nextCursor: string | null }> {
  /** The page after `cursor` (`null`: the first page), for the state as it is when asked. */
  fetch(cursor: string | null, state: S): Promise<P>;
  /** The state once the first page arrived; `status`, `nextCursor` and `error` are set after it. */
  first(state: S, page: P): S;
  /** The state with a further page appended; `loadingMore` and `nextCursor` are set after it. */
  more(state: S, page: P): S;
}

/**
 * The load / load-more state machine shared by the board, comments and notifications views.
 * Only answers to the newest `load` are written: a slow first page must not overwrite a list the
 * visitor has since re-sorted, and a page asked for before a reload must not be appended to it.
 * A failed first page is the `error` status; a failed further page keeps what was loaded.
 */
export function pagedLoads<S extends PagedState, P extends { nextCursor: string | null }>(
  $state: WritableAtom<S>,
  source: PagedSource<S, P>,
): { load(): Promise<void>; loadMore(): Promise<void> } {
  let generation = 0;

  const load = async () => {
    const mine = ++generation;
    $state.set({ ...$state.get(), status: 'loading', error: null, loadingMore: false });
    try {
      const page = await source.fetch(null, $state.get());
      if (mine !== generation) return;
      $state.set({ ...source.first($state.get(), page), status: 'ready', nextCursor: page.nextCursor });
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
    }
  };

  const loadMore = async () => {
    const state = $state.get();
    if (!state.nextCursor || state.loadingMore || state.status !== 'ready') return;
    const mine = generation;
    $state.set({ ...state, loadingMore: true, error: null });
    try {
      const page = await source.fetch(state.nextCursor, state);
      if (mine !== generation) return;
      $state.set({ ...source.more($state.get(), page), loadingMore: false, nextCursor: page.nextCursor });
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ ...$state.get(), loadingMore: false, error: toSaysoError(error) });
    }
  };

  return { load, loadMore };
}

/** `items` followed by those of `more` it does not hold yet (by id): pages may overlap. */
export function appendNew<T extends { id: string }>(items: T[], more: T[]): T[] {
  const known = new Set(items.map((item) => item.id));
  return [...items, ...more.filter((item) => !known.has(item.id))];
}
