import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { SaysoAdminApi } from '../adapter.js';
import type { SaysoClient } from '../client.js';
import { SaysoError, toSaysoError } from '../errors.js';
import type { DuplicateCandidate, FeedbackItem, IdeaComparison, InboxFilters, InboxItem, MergeResult, Post } from '../types.js';
import { appendNew, pagedLoads, type LoadStatus, type PagedState } from '../views/paged-loads.js';

// The console's triage screens: the duplicate queue of a board, and the inbox of feedback from
// every channel. Each action answers whether it worked; its failure stays in `actionError` (the
// list as it was), so the screen can say what failed beside the list.

/** The admin part of a client's adapter; `forbidden` when the adapter acts for a visitor. */
function adminOf(client: SaysoClient): SaysoAdminApi {
  const admin = client.adapter.admin;
  if (!admin) throw new SaysoError('forbidden', 'This adapter does not act as an admin: sign in with an admin key.');
  return admin;
}

/** Runs an action on a view's state: `busy` while it runs, its failure kept in `actionError`. */
async function act<S extends { busy: boolean; actionError: SaysoError | null }>(
  $state: WritableAtom<S>,
  work: () => Promise<(state: S) => S>,
): Promise<boolean> {
  $state.set({ ...$state.get(), busy: true, actionError: null });
  try {
    const change = await work();
    $state.set({ ...change($state.get()), busy: false });
    return true;
  } catch (error) {
    $state.set({ ...$state.get(), busy: false, actionError: toSaysoError(error) });
    return false;
  }
}

/** Two ideas side by side, as the duplicate queue opened them. */
export interface DuplicateComparisonState {
  postIds: [string, string];
  status: LoadStatus;
  comparison: IdeaComparison | null;
  error: SaysoError | null;
}

export interface DuplicatesState {
  board: string;
  status: LoadStatus;
  /** The queue, most similar first. */
  candidates: DuplicateCandidate[];
  error: SaysoError | null;
  /** The pair open for comparison; `null` when none is. */
  open: DuplicateComparisonState | null;
  /** The last merge made here, for its Undo; `null` once undone or before any. */
  lastMerge: MergeResult | null;
  busy: boolean;
  actionError: SaysoError | null;
}

/** A board's duplicate queue (`client.view(createDuplicatesView, { board })`). */
export interface DuplicatesView {
  readonly $state: ReadableAtom<DuplicatesState>;
  /** Fetches the queue (again). */
  load(): Promise<void>;
  /** An element shows the queue again: it is fetched again, as others triage too. */
  shown(): void;
  /** Opens two ideas side by side with the people they share (`compareIdeas`). */
  compare(postIds: [string, string]): Promise<void>;
  /** Closes the comparison. */
  close(): void;
  /** Merges `postId` into `into`; the pairs holding the duplicate leave the queue. */
  merge(params: { postId: string; into: string }): Promise<boolean>;
  /** Undoes the last merge, and fetches the queue again (the pair may be back). */
  undoMerge(): Promise<boolean>;
  /** Says the pair are not duplicates: it leaves the queue. */
  dismiss(postIds: [string, string]): Promise<boolean>;
}

const holds = (candidate: DuplicateCandidate, postId: string) => candidate.posts.some((post) => post.id === postId);
const samePair = (candidate: DuplicateCandidate, [a, b]: [string, string]) => holds(candidate, a) && holds(candidate, b);

export function createDuplicatesView(client: SaysoClient, options: { board: string; limit?: number }): DuplicatesView {
  const { board, limit } = options;
  const $state = atom<DuplicatesState>({
    board, status: 'idle', candidates: [], error: null, open: null, lastMerge: null, busy: false, actionError: null,
  });
  let loads = 0;
  const load = async () => {
    const mine = ++loads;
    $state.set({ ...$state.get(), status: 'loading', error: null });
    try {
      const candidates = await adminOf(client).listDuplicateCandidates({ board, ...(limit ? { limit } : {}) });
      if (mine === loads) $state.set({ ...$state.get(), status: 'ready', candidates });
    } catch (error) {
      if (mine === loads) $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
    }
  };
  const setOpen = (postIds: [string, string], change: Omit<DuplicateComparisonState, 'postIds'>) => {
    // An answer for a pair closed or replaced meanwhile is dropped.
    const open = $state.get().open;
    if (open && open.postIds[0] === postIds[0] && open.postIds[1] === postIds[1]) $state.set({ ...$state.get(), open: { postIds, ...change } });
  };

  return {
    $state,
    load,
    shown: () => void load(),
    compare: async (postIds) => {
      $state.set({ ...$state.get(), open: { postIds, status: 'loading', comparison: null, error: null } });
      try {
        setOpen(postIds, { status: 'ready', comparison: await adminOf(client).compareIdeas({ postIds }), error: null });
      } catch (error) {
        setOpen(postIds, { status: 'error', comparison: null, error: toSaysoError(error) });
      }
    },
    close: () => $state.set({ ...$state.get(), open: null }),
    merge: ({ postId, into }) =>
      act($state, async () => {
        const result = await adminOf(client).mergePost({ postId, into });
        return (state) => ({
          ...state,
          candidates: state.candidates.filter((candidate) => !holds(candidate, postId)),
          open: null,
          lastMerge: result,
        });
      }),
    undoMerge: async () => {
      const last = $state.get().lastMerge;
      if (!last) return false;
      const undone = await act($state, async () => {
        await adminOf(client).unmergePost({ postId: last.duplicate.id });
        return (state) => ({ ...state, lastMerge: null });
      });
      if (undone) await load();
      return undone;
    },
    dismiss: (postIds) =>
      act($state, async () => {
        await adminOf(client).dismissDuplicateCandidate({ postIds });
        return (state) => ({
          ...state,
          candidates: state.candidates.filter((candidate) => !samePair(candidate, postIds)),
          open: null,
        });
      }),
  };
}

export interface InboxState extends PagedState {
  filters: InboxFilters;
  /** Newest received first. */
  items: InboxItem[];
  busy: boolean;
  actionError: SaysoError | null;
}

/** The feedback inbox under some filters (`client.view(createInboxView, filters)`). */
export interface InboxView {
  readonly $state: ReadableAtom<InboxState>;
  /** Fetches the first page (again). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** An element shows the inbox again: it is fetched again, as feedback keeps arriving. */
  shown(): void;
  /** Makes the items evidence for an idea. */
  link(itemIds: string[], postId: string): Promise<boolean>;
  /** Makes a new idea of an item; resolves to it, `null` when that failed. */
  createIdea(itemId: string): Promise<Post | null>;
  /** Puts items aside, or back to `new` (`archived: false`). */
  archive(itemIds: string[], archived?: boolean): Promise<boolean>;
  /** Ideas of a board whose text matches `q`, for linking an item to one the suggestions missed. */
  searchIdeas(board: string, q: string): Promise<Post[]>;
}

export function createInboxView(client: SaysoClient, filters: InboxFilters & { limit?: number }): InboxView {
  const { limit, ...inboxFilters } = filters;
  const $state = atom<InboxState>({
    filters: inboxFilters, status: 'idle', items: [], nextCursor: null, loadingMore: false, error: null, busy: false, actionError: null,
  });
  const { load, loadMore } = pagedLoads($state, {
    fetch: (cursor) => adminOf(client).listInbox({ ...inboxFilters, cursor, ...(limit ? { limit } : {}) }),
    first: (state, page) => ({ ...state, items: page.items }),
    more: (state, page) => ({ ...state, items: appendNew(state.items, page.items) }),
  });
  // Items an action moved out of the state this inbox lists leave it; the others show as they are now.
  const afterAction = (state: InboxState, changed: FeedbackItem[]): InboxState => {
    const listed = state.filters.state ?? 'new';
    const byId = new Map(changed.map((item) => [item.id, item]));
    return {
      ...state,
      items: state.items.flatMap((item) => {
        const now = byId.get(item.id);
        if (!now) return [item];
        return now.state === listed ? [{ ...item, ...now }] : [];
      }),
    };
  };

  return {
    $state,
    load,
    loadMore,
    shown: () => void load(),
    link: (itemIds, postId) =>
      act($state, async () => {
        const items = await adminOf(client).linkFeedback({ itemIds, postId });
        return (state) => afterAction(state, items);
      }),
    createIdea: async (itemId) => {
      let post: Post | null = null;
      await act($state, async () => {
        const made = await adminOf(client).createPostFromFeedback({ itemId });
        post = made.post;
        return (state) => afterAction(state, [made.item]);
      });
      return post;
    },
    archive: (itemIds, archived = true) =>
      act($state, async () => {
        const items = await adminOf(client).archiveFeedback({ itemIds, archived });
        return (state) => afterAction(state, items);
      }),
    searchIdeas: async (board, q) => (await client.adapter.listPosts({ board, q, limit: 10 })).items,
  };
}
