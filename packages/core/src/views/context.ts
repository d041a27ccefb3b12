import type { MapStore } from 'nanostores';
import type { SaysoAdapter } from '../adapter.js';
import type { Post } from '../types.js';

/** What the client's own views (and outbox kinds) share: the adapter and the one copy of every post. */
export interface ClientContext {
  readonly adapter: SaysoAdapter;
  /** Every post the client has seen, by id: the single copy all views render from. */
  readonly $posts: MapStore<Record<string, Post>>;
  /** Stores posts as the backend sent them (one store write for all), showing unsent votes on them. */
  remember(posts: Post[]): void;
  /** Changes a post the client holds; a post it does not hold stays unknown. */
  patchPost(postId: string, patch: Partial<Post>): void;
  /**
   * Fetches every board's workflow into the client's `$boards` once; a failure is forgotten, so
   * the next call asks again, and never rejects: board details only decorate lists.
   */
  loadBoards(): Promise<void>;
}
