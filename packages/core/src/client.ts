import { map, type MapStore } from 'nanostores';
import type { SaysoAdapter } from './adapter.js';
import { ideaChanges } from './changes/ideas.js';
import { voteChanges } from './changes/votes.js';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox.js';
import type { Board, NewPost, Post, PostSort, VoteResult } from './types.js';
import { BOARD_VIEW, createBoardView, type BoardView, type ClientBoardView } from './views/board.js';
import { COMMENTS_VIEW, createCommentsView, type CommentsView } from './views/comments.js';
import type { ClientContext } from './views/context.js';
import { NOTIFICATIONS_VIEW, createNotificationsView, type NotificationsView } from './views/notifications.js';
import { POST_VIEW, createPostView, type PostView } from './views/post.js';
import { createViewRegistry } from './views/registry.js';

export type { BoardState, BoardView } from './views/board.js';
export type { CommentsState, CommentsView } from './views/comments.js';
export type { LoadStatus } from './views/paged-loads.js';
export type { PostState, PostView } from './views/post.js';

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
  /**
   * The view `create` makes over this client for `options`, made once and then shared: the same
   * `create` with equal options (compared as JSON, so plain data only) gives the same object.
   * `client.view(createRoadmapView, { board })` is the roadmap every element of that board shows,
   * fetched once however many show it.
   */
  view<O, V>(create: (client: SaysoClient, options: O) => V, options: O): V;
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
  const views = createViewRegistry();
  const outbox = createOutbox(options.outbox);
  let boardsRequest: Promise<void> | undefined;

  const context: ClientContext = {
    adapter,
    $posts,
    // One store write per page, not per post: every list view recomputes on each write, which
    // made paging through thousands of posts quadratic.
    remember: (posts) => {
      if (posts.length > 0) $posts.set({ ...$posts.get(), ...Object.fromEntries(posts.map((post) => [post.id, votes.withUnsentVote(post)])) });
    },
    patchPost: (postId, patch) => {
      const post = $posts.get()[postId];
      if (post) $posts.setKey(postId, { ...post, ...patch });
    },
    loadBoards: () => {
      boardsRequest ??= adapter
        .listBoards()
        .then((boards) => $boards.set(Object.fromEntries(boards.map((board) => [board.slug, board]))))
        .catch(() => {
          boardsRequest = undefined;
        });
      return boardsRequest;
    },
  };

  const votes = voteChanges(context, outbox);
  const ideas = ideaChanges(context, outbox, (slug) => views.peek<ClientBoardView>(BOARD_VIEW, slug));

  if (options.outbox?.storage) void outbox.flush();

  const client: SaysoClient = {
    adapter,
    $posts,
    $boards,
    outbox,
    board: (slug, opts = {}): BoardView => views.get(BOARD_VIEW, slug, () => createBoardView(context, slug, opts.sort ?? 'top')),
    comments: (postId) => views.get(COMMENTS_VIEW, postId, () => createCommentsView(context, postId)),
    post: (postId) => views.get(POST_VIEW, postId, () => createPostView(context, postId)),
    notifications: () => views.get(NOTIFICATIONS_VIEW, null, () => createNotificationsView(adapter)),
    view: (create, viewOptions) => views.get(create, viewOptions, () => create(client, viewOptions)),
    setVote: votes.setVote,
    submitIdea: ideas.submitIdea,
  };
  return client;
}
