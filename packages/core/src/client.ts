import { atom, computed, map, type MapStore, type ReadableAtom } from 'nanostores';
import type { SaysoAdapter } from './adapter.js';
import { SaysoError, toSaysoError } from './errors.js';
import type { Board, NewPost, Post, PostSort, VoteResult } from './types.js';
import type { Comment, PostFilters, Tag } from './types.js';
import { checkCommentBody, checkNewPost } from './validation.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { appendNew, pagedLoads } from './paged-loads.js';
import {
  createOutbox,
  queuedError,
  wasQueued,
  type Outbox,
  type OutboxEntry,
  type OutboxOptions,
  type OutboxSendResult,
  type OutboxSetVote,
  type OutboxSettlement,
} from './outbox.js';
import { createNotificationsView, type NotificationsView } from './notifications.js';

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

/** Where fetching one post by id is: `ready` once it is in {@link SaysoClient.$posts}. */
export interface PostState {
  status: LoadStatus;
  /** Why the last fetch failed (`not_found` when the idea no longer exists); `null` when it did not. */
  error: SaysoError | null;
}

/**
 * One post fetched by id, for a detail opened from a link rather than from a loaded list. The
 * post itself lands in {@link SaysoClient.$posts}, where every view renders it from.
 */
export interface PostView {
  readonly $state: ReadableAtom<PostState>;
  /** Fetches the post (again); a call while one is under way joins it. */
  load(): Promise<void>;
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
   * Fetching one post by id (`adapter.getPost`) into {@link SaysoClient.$posts}; the same object
   * for the same post. A post some list already loaded starts out `ready`.
   */
  post(postId: string): PostView;
  /**
   * Votes (or takes the vote back) at once in the UI, then sends it through the {@link outbox}.
   * If the adapter refuses, the count and state roll back and the promise rejects with a
   * {@link SaysoError}. If the backend cannot be reached (or fails, or asks to wait), the vote
   * stays shown, waits in the outbox, and the promise rejects with an error for which
   * `wasQueued(error)` is true. A second call for the same post while one is under way joins
   * the first.
   */
  setVote(postId: string, voted: boolean): Promise<VoteResult>;
  /**
   * Submits an idea; on success it is shown at the top of its board's list. When the backend
   * cannot be reached (or fails), the idea waits in the {@link outbox} and the promise rejects
   * with an error for which `wasQueued(error)` is true; a refusal rejects with its error.
   */
  submitIdea(params: { board: string } & NewPost): Promise<Post>;
  /**
   * Votes and ideas the backend has not confirmed yet. Each is written here before it is sent,
   * so neither a failing backend nor an unloaded page loses it, and sent exactly once (one
   * idempotency key for all its attempts). Call `flush()` when the connection is back.
   */
  readonly outbox: Outbox;
  /** The visitor's notifications: the same view for every element of this client. */
  notifications(): NotificationsView;
}

/** Creates the state container for one Sayso instance; two instances never share state. */
export function createSaysoClient(options: {
  adapter: SaysoAdapter;
  /**
   * Where unconfirmed changes are kept (default: in memory). With a `storage` the client
   * flushes it once at creation, sending what an earlier page left.
   */
  outbox?: OutboxOptions;
}): SaysoClient {
  const { adapter } = options;
  const $posts = map<Record<string, Post>>({});
  const $boards = map<Record<string, Board>>({});
  let boardsRequest: Promise<void> | undefined;
  const boards = new Map<string, BoardView & { prepend(postId: string): void }>();
  const votesInFlight = new Map<string, Promise<VoteResult>>();
  const commentViews = new Map<string, CommentsView>();

  // One store write per page, not per post: every list view recomputes on each write, which
  // made paging through thousands of posts quadratic.
  const remember = (posts: Post[]) => {
    if (posts.length > 0) $posts.set({ ...$posts.get(), ...Object.fromEntries(posts.map((post) => [post.id, withUnsentVote(post)])) });
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
          ? Promise.all([adapter.listPosts({ board, sort, ...filters }), loadBoards()]).then(([page]) => page)
          : adapter.listPosts({ board, sort, ...filters, cursor }),
      first: (state, page) => {
        remember(page.items);
        return { ...state, postIds: page.items.map((post) => post.id) };
      },
      more: (state, page) => {
        remember(page.items);
        const known = new Set(state.postIds);
        return { ...state, postIds: [...state.postIds, ...page.items.map((post) => post.id).filter((id) => !known.has(id))] };
      },
    });

    const load = () => {
      loadTags();
      return pages.load();
    };
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
    const { load, loadMore } = pagedLoads($state, {
      fetch: (cursor) => adapter.listComments({ postId, cursor }),
      first: (state, page) => ({ ...state, items: page.items }),
      more: (state, page) => ({ ...state, items: appendNew(state.items, page.items) }),
    });

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

  const postViews = new Map<string, PostView>();

  function createPostView(postId: string): PostView {
    const $state = atom<PostState>({ status: $posts.get()[postId] ? 'ready' : 'idle', error: null });
    let request: Promise<void> | undefined;

    const load = () => {
      request ??= (async () => {
        $state.set({ status: 'loading', error: null });
        try {
          remember([await adapter.getPost({ postId })]);
          $state.set({ status: 'ready', error: null });
        } catch (error) {
          $state.set({ status: 'error', error: toSaysoError(error) });
        } finally {
          request = undefined;
        }
      })();
      return request;
    };

    return { $state, load };
  }

  const post: SaysoClient['post'] = (postId) => {
    let view = postViews.get(postId);
    if (!view) {
      view = createPostView(postId);
      postViews.set(postId, view);
    }
    return view;
  };

  /** Sends one outbox entry with its key; the answer is applied when the entry settles. */
  const sendEntry = async (entry: OutboxEntry): Promise<OutboxSendResult> => {
    const { idempotencyKey } = entry;
    if (entry.kind === 'createPost') return { post: await adapter.createPost({ ...entry.params, idempotencyKey }) };
    const { postId, voted } = entry.params;
    return { result: voted ? await adapter.vote({ postId, idempotencyKey }) : await adapter.unvote({ postId, idempotencyKey }) };
  };

  const outbox = createOutbox({ ...options.outbox, send: sendEntry });

  const unsentVoteOn = (postId: string) =>
    outbox.$entries.get().find((e): e is OutboxSetVote => e.kind === 'setVote' && e.params.postId === postId);

  /** A post as the backend sent it, with the visitor's vote that has not reached it yet. */
  function withUnsentVote(post: Post): Post {
    const unsent = unsentVoteOn(post.id);
    if (!unsent || unsent.params.voted === post.voted) return post;
    return { ...post, voted: unsent.params.voted, voteCount: Math.max(0, post.voteCount + (unsent.params.voted ? 1 : -1)) };
  }

  // Entries read from storage (left by an earlier page) show on posts already on screen.
  outbox.$entries.listen((entries) => {
    for (const entry of entries) {
      const post = entry.kind === 'setVote' ? $posts.get()[entry.params.postId] : undefined;
      if (post) {
        const shown = withUnsentVote(post);
        if (shown !== post) $posts.setKey(post.id, shown);
      }
    }
  });

  // Shows what the backend answered, whichever client over the same outbox storage sent it.
  outbox.onSettled((settlement) => {
    const { entry } = settlement;
    if ('post' in settlement) {
      remember([settlement.post]);
      boards.get(settlement.post.board)?.prepend(settlement.post.id);
    } else if ('result' in settlement) {
      // A newer vote on the post waits to be sent: the UI keeps showing that one.
      const superseded = outbox.$entries.get().some((e) => e.id === entry.id && e.idempotencyKey !== entry.idempotencyKey);
      if (!superseded) patchPost(settlement.result.postId, { voted: settlement.result.voted, voteCount: settlement.result.voteCount });
    } else if (entry.kind === 'setVote' && entry.lastError) {
      // A vote that waited and was then refused: show the backend's truth again.
      adapter.getPost({ postId: entry.params.postId }).then((post) => remember([post]), () => undefined);
    }
  });

  if (options.outbox?.storage) void outbox.flush();

  /**
   * Writes a change to the outbox first, so not even an unloaded page loses it, then sends the
   * outbox. Resolves with the change's own settlement; rejects with a queued error when it is
   * still waiting.
   */
  const sendThroughOutbox = async (entry: OutboxEntry): Promise<OutboxSettlement> => {
    let settled: OutboxSettlement | undefined;
    const stop = outbox.onSettled((settlement) => {
      if (settlement.entry.idempotencyKey === entry.idempotencyKey) settled = settlement;
    });
    try {
      await outbox.enqueue(entry);
      await outbox.flush();
    } finally {
      stop();
    }
    if (!settled) {
      const reason = outbox.$entries.get().find((e) => e.idempotencyKey === entry.idempotencyKey)?.lastError;
      throw queuedError(new SaysoError(reason?.code ?? 'network', reason?.message ?? 'The change waits to be sent.'));
    }
    if ('error' in settled) throw settled.error;
    return settled;
  };

  // Creation times strictly increase, so two changes within a millisecond keep their order.
  let lastCreatedAt = 0;
  const newEntry = (id: string, idempotencyKey: string) => {
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    return { id, idempotencyKey, createdAt: new Date(lastCreatedAt).toISOString(), attempts: 0 };
  };

  const sendVote = async (postId: string, voted: boolean): Promise<VoteResult> => {
    const before = $posts.get()[postId];
    if (before && before.voted !== voted) {
      patchPost(postId, { voted, voteCount: Math.max(0, before.voteCount + (voted ? 1 : -1)) });
    }
    const idempotencyKey = newIdempotencyKey();
    try {
      const settled = await sendThroughOutbox({ ...newEntry(`vote:${postId}`, idempotencyKey), kind: 'setVote', params: { postId, voted } });
      return (settled as { result: VoteResult }).result;
    } catch (error) {
      if (before && !wasQueued(error)) patchPost(postId, { voted: before.voted, voteCount: before.voteCount });
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
    const idempotencyKey = newIdempotencyKey();
    const entry: OutboxEntry = {
      ...newEntry(`post:${idempotencyKey}`, idempotencyKey),
      kind: 'createPost',
      params: { board: slug, title: title.trim(), body },
    };
    try {
      return ((await sendThroughOutbox(entry)) as { post: Post }).post;
    } catch (error) {
      throw toSaysoError(error);
    }
  };

  let notificationsView: NotificationsView | undefined;
  const notifications = () => (notificationsView ??= createNotificationsView(adapter));

  return { adapter, $posts, $boards, board, comments, post, setVote, submitIdea, notifications, outbox };
}
