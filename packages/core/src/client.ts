import { atom, computed, map, type MapStore, type ReadableAtom } from 'nanostores';
import type { SaysoAdapter } from './adapter.js';
import { SaysoError, toSaysoError } from './errors.js';
import type { Board, NewPost, Post, PostSort, VoteResult } from './types.js';
import { checkNewPost } from './validation.js';

/** Where a board list is in its life: nothing asked yet, fetching, shown, or failed. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Everything a board list renders, apart from the posts themselves. */
export interface BoardState {
  board: string;
  sort: PostSort;
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
  /** Changes the order and reloads. */
  setSort(sort: PostSort): Promise<void>;
}

/** State and actions shared by the elements of one Sayso instance. */
export interface SaysoClient {
  readonly adapter: SaysoAdapter;
  /** Every post this client has seen, by id: the single copy all views render from. */
  readonly $posts: MapStore<Record<string, Post>>;
  /**
   * The boards the visitor can see, by slug, with their workflows: fetched once, alongside the
   * first list a board view loads, so cards can name a post's status as its board does.
   */
  readonly $boards: MapStore<Record<string, Board>>;
  /** The list view of a board; the same object for the same board. */
  board(board: string, options?: { sort?: PostSort }): BoardView;
  /**
   * Votes (or takes the vote back) at once in the UI, then asks the adapter; if the adapter
   * refuses, the count and state roll back and the promise rejects with a {@link SaysoError}.
   * A second call for the same post while one is under way joins the first.
   */
  setVote(postId: string, voted: boolean): Promise<VoteResult>;
  /** Submits an idea; on success it is shown at the top of its board's list. */
  submitIdea(params: { board: string } & NewPost): Promise<Post>;
}

/** Creates the state container for one Sayso instance; two instances never share state. */
export function createSaysoClient(options: { adapter: SaysoAdapter }): SaysoClient {
  const { adapter } = options;
  const $posts = map<Record<string, Post>>({});
  const $boards = map<Record<string, Board>>({});
  let boardsRequest: Promise<void> | undefined;
  const boards = new Map<string, BoardView & { prepend(postId: string): void }>();
  const votesInFlight = new Map<string, Promise<VoteResult>>();

  const remember = (posts: Post[]) => {
    for (const post of posts) $posts.setKey(post.id, post);
  };

  // Board details only decorate the list (status names), so failing to get them never fails a
  // list; the next load asks again.
  const loadBoards = () => {
    boardsRequest ??= adapter
      .listBoards()
      .then((boards) => $boards.set(Object.fromEntries(boards.map((board) => [board.slug, board]))))
      .catch(() => {
        boardsRequest = undefined;
      });
    return boardsRequest;
  };

  const patchPost = (postId: string, patch: Partial<Post>) => {
    const post = $posts.get()[postId];
    if (post) $posts.setKey(postId, { ...post, ...patch });
  };

  function createBoardView(board: string, sort: PostSort) {
    const $state = atom<BoardState>({
      board,
      sort,
      status: 'idle',
      postIds: [],
      nextCursor: null,
      loadingMore: false,
      error: null,
    });
    const $boardPosts = computed([$state, $posts], (state, posts) =>
      state.postIds.flatMap((id) => (posts[id] ? [posts[id]] : [])),
    );
    // Only the newest request may write its answer: a slow first page must not overwrite a
    // list the visitor has since re-sorted.
    let generation = 0;

    const load = async () => {
      const mine = ++generation;
      $state.set({ ...$state.get(), status: 'loading', error: null, loadingMore: false });
      try {
        const [page] = await Promise.all([adapter.listPosts({ board, sort: $state.get().sort }), loadBoards()]);
        if (mine !== generation) return;
        remember(page.items);
        $state.set({
          ...$state.get(),
          status: 'ready',
          postIds: page.items.map((post) => post.id),
          nextCursor: page.nextCursor,
        });
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
        const page = await adapter.listPosts({ board, sort: state.sort, cursor: state.nextCursor });
        if (mine !== generation) return;
        remember(page.items);
        const current = $state.get();
        const known = new Set(current.postIds);
        $state.set({
          ...current,
          loadingMore: false,
          postIds: [...current.postIds, ...page.items.map((post) => post.id).filter((id) => !known.has(id))],
          nextCursor: page.nextCursor,
        });
      } catch (error) {
        if (mine !== generation) return;
        $state.set({ ...$state.get(), loadingMore: false, error: toSaysoError(error) });
      }
    };

    const setSort = async (next: PostSort) => {
      if (next === $state.get().sort && $state.get().status !== 'idle') return;
      $state.set({ ...$state.get(), sort: next });
      await load();
    };

    const prepend = (postId: string) => {
      const state = $state.get();
      if (state.postIds.includes(postId)) return;
      $state.set({ ...state, postIds: [postId, ...state.postIds] });
    };

    return { $state, $posts: $boardPosts, load, loadMore, setSort, prepend };
  }

  const board: SaysoClient['board'] = (slug, opts = {}) => {
    let view = boards.get(slug);
    if (!view) {
      view = createBoardView(slug, opts.sort ?? 'top');
      boards.set(slug, view);
    }
    return view;
  };

  const sendVote = async (postId: string, voted: boolean): Promise<VoteResult> => {
    const before = $posts.get()[postId];
    if (before && before.voted !== voted) {
      patchPost(postId, { voted, voteCount: Math.max(0, before.voteCount + (voted ? 1 : -1)) });
    }
    try {
      const result = voted ? await adapter.vote({ postId }) : await adapter.unvote({ postId });
      patchPost(postId, { voted: result.voted, voteCount: result.voteCount });
      return result;
    } catch (error) {
      if (before) patchPost(postId, { voted: before.voted, voteCount: before.voteCount });
      throw toSaysoError(error);
    }
  };

  const setVote: SaysoClient['setVote'] = (postId, voted) => {
    const pending = votesInFlight.get(postId);
    if (pending) return pending;
    const request = sendVote(postId, voted).finally(() => votesInFlight.delete(postId));
    votesInFlight.set(postId, request);
    return request;
  };

  const submitIdea: SaysoClient['submitIdea'] = async ({ board: slug, title, body }) => {
    const problems = checkNewPost({ title, body });
    if (problems.length > 0) {
      throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), {
        problems,
      });
    }
    try {
      const post = await adapter.createPost({ board: slug, title: title.trim(), body });
      remember([post]);
      boards.get(slug)?.prepend(post.id);
      return post;
    } catch (error) {
      throw toSaysoError(error);
    }
  };

  return { adapter, $posts, $boards, board, setVote, submitIdea };
}
