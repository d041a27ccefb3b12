import { atom, computed, map, type MapStore, type ReadableAtom } from 'nanostores';
import type { SaysoAdapter } from './adapter.js';
import { SaysoError, toSaysoError } from './errors.js';
import type { Board, NewPost, Post, PostSort, VoteResult } from './types.js';
import type { Comment, PostFilters, Tag } from './types.js';
import { checkCommentBody, checkNewPost } from './validation.js';

/** Where a board list is in its life: nothing asked yet, fetching, shown, or failed. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

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
}

/** Everything a comment list renders. */
export interface CommentsState {
  status: LoadStatus;
  /** Oldest first. */
  items: Comment[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** Why the last load (or next page) failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The comments of one post, shared by every element that shows them. */
export interface CommentsView {
  readonly $state: ReadableAtom<CommentsState>;
  /** Fetches the first page (again). */
  load(): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
  /**
   * Checks and posts a comment as the visitor; on success it is appended to the list and the
   * post's comment count goes up. Rejects with a {@link SaysoError} (`invalid_input` before any
   * request when the body is empty or too long), so a form can keep the visitor's text.
   */
  add(body: string): Promise<Comment>;
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
  /** The comments of a post; the same object for the same post. */
  comments(postId: string): CommentsView;
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
  const commentViews = new Map<string, CommentsView>();

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
      filters: {},
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

    const load = async () => {
      const mine = ++generation;
      $state.set({ ...$state.get(), status: 'loading', error: null, loadingMore: false });
      loadTags();
      try {
        const { sort: current, filters } = $state.get();
        const [page] = await Promise.all([adapter.listPosts({ board, sort: current, ...filters }), loadBoards()]);
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
        const page = await adapter.listPosts({ board, sort: state.sort, ...state.filters, cursor: state.nextCursor });
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

    const setFilters = async (next: PostFilters) => {
      const filters: PostFilters = {};
      if (next.status) filters.status = next.status;
      if (next.tag) filters.tag = next.tag;
      const q = next.q?.trim();
      if (q) filters.q = q;
      const { filters: before, status } = $state.get();
      const same =
        before.status === filters.status && before.tag === filters.tag && before.q === filters.q;
      if (same && status !== 'idle') return;
      $state.set({ ...$state.get(), filters });
      await load();
    };

    const prepend = (postId: string) => {
      const state = $state.get();
      if (state.postIds.includes(postId)) return;
      $state.set({ ...state, postIds: [postId, ...state.postIds] });
    };

    return { $state, $posts: $boardPosts, $tags, load, loadMore, setSort, setFilters, prepend };
  }

  const board: SaysoClient['board'] = (slug, opts = {}) => {
    let view = boards.get(slug);
    if (!view) {
      view = createBoardView(slug, opts.sort ?? 'top');
      boards.set(slug, view);
    }
    return view;
  };

  function createCommentsView(postId: string): CommentsView {
    const $state = atom<CommentsState>({ status: 'idle', items: [], nextCursor: null, loadingMore: false, error: null });
    let generation = 0;

    const load = async () => {
      const mine = ++generation;
      $state.set({ ...$state.get(), status: 'loading', error: null, loadingMore: false });
      try {
        const page = await adapter.listComments({ postId });
        if (mine !== generation) return;
        $state.set({ ...$state.get(), status: 'ready', items: page.items, nextCursor: page.nextCursor });
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
        const page = await adapter.listComments({ postId, cursor: state.nextCursor });
        if (mine !== generation) return;
        const current = $state.get();
        const known = new Set(current.items.map((c) => c.id));
        $state.set({
          ...current,
          loadingMore: false,
          items: [...current.items, ...page.items.filter((c) => !known.has(c.id))],
          nextCursor: page.nextCursor,
        });
      } catch (error) {
        if (mine !== generation) return;
        $state.set({ ...$state.get(), loadingMore: false, error: toSaysoError(error) });
      }
    };

    const add = async (body: string) => {
      const problems = checkCommentBody(body);
      if (problems.length > 0) {
        throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), { problems });
      }
      let comment: Comment;
      try {
        comment = await adapter.addComment({ postId, body: body.trim() });
      } catch (error) {
        throw toSaysoError(error);
      }
      const current = $state.get();
      if (!current.items.some((c) => c.id === comment.id)) {
        $state.set({ ...current, items: [...current.items, comment] });
      }
      const post = $posts.get()[postId];
      if (post) patchPost(postId, { commentCount: post.commentCount + 1 });
      return comment;
    };

    return { $state, load, loadMore, add };
  }

  const comments: SaysoClient['comments'] = (postId) => {
    let view = commentViews.get(postId);
    if (!view) {
      view = createCommentsView(postId);
      commentViews.set(postId, view);
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

  return { adapter, $posts, $boards, board, comments, setVote, submitIdea };
}
