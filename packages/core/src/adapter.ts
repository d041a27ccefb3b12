import type { Board, Comment, NewPost, Page, Post, PostSort, VoteResult } from './types.js';

/** Optional parts of the contract an adapter may implement. */
export interface AdapterCapabilities {
  /** Pushes changes made by others (later issue). */
  realtime?: boolean;
  /** Exposes triage operations: status changes, merges, tags (later issue). */
  admin?: boolean;
}

/**
 * The one interface every Sayso component talks to. Implement it to plug in any backend.
 *
 * Rules every implementation follows (the conformance suite in `@sayso/core/testing` checks them):
 * - one plain object argument per method, a Promise of plain JSON-safe data back;
 * - failures reject with a {@link SaysoError}, never with a raw fetch or driver error;
 * - the adapter acts for one visitor (its identity is configured when it is created), so
 *   `Post.voted` and vote calls are about that visitor;
 * - `vote` and `unvote` are idempotent: repeating one changes nothing and reports the same result.
 */
export interface SaysoAdapter {
  readonly capabilities?: AdapterCapabilities;

  /** All boards the visitor can see. */
  listBoards(params?: Record<string, never>): Promise<Board[]>;

  /** Posts of a board, in the given order (default `top`), one page at a time. */
  listPosts(params: {
    board: string;
    sort?: PostSort;
    cursor?: string | null;
    limit?: number;
  }): Promise<Page<Post>>;

  getPost(params: { postId: string }): Promise<Post>;

  /** Submits an idea as the current visitor; it starts in the board's first `open` status. */
  createPost(params: { board: string } & NewPost): Promise<Post>;

  vote(params: { postId: string }): Promise<VoteResult>;

  unvote(params: { postId: string }): Promise<VoteResult>;

  /** Comments of a post, oldest first, one page at a time. */
  listComments(params: { postId: string; cursor?: string | null; limit?: number }): Promise<Page<Comment>>;

  addComment(params: { postId: string; body: string }): Promise<Comment>;
}
