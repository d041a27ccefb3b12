// What anonymous visitors may do on a board, as the access checks ask it (routes/access.ts):
// before every vote, post and comment of a visitor. Asked of the database each time, it was one
// round trip in five of a vote; a policy changes rarely and only by an admin, so each process
// keeps what it read for a second, and asks once for all the requests that want the same answer
// at the same time.
import type { AnonymousPolicy } from '@sayso/core';
import { LRUCache } from 'lru-cache';
import { boardPolicy, postBoardPolicy } from './db/boards.js';
import type { Queryable } from './db/database.js';

/**
 * How long a process trusts a policy it read. A change made through this process applies at
 * once ({@link BoardPolicies.forget}); one made through another process, within this time.
 */
export const BOARD_POLICY_TTL_MS = 1000;

/** The boards and posts a process remembers the policy of (a few hundred KB at most). */
const REMEMBERED_POLICIES = 10_000;

export interface BoardPolicies {
  /** The policy of a board by slug; `undefined` for an unknown board. */
  ofBoard(slug: string): Promise<AnonymousPolicy | undefined>;
  /** The policy of the board a post is on; `undefined` for an unknown post. */
  ofPost(postId: string): Promise<AnonymousPolicy | undefined>;
  /** Forgets every policy read: after a policy changed. */
  forget(): void;
}

/** One app's policy lookups over `db`. Unknown boards and posts are asked again every time. */
export function createBoardPolicies(db: Queryable): BoardPolicies {
  const remembered = (read: (key: string) => Promise<AnonymousPolicy | undefined>) =>
    new LRUCache<string, AnonymousPolicy>({
      max: REMEMBERED_POLICIES,
      ttl: BOARD_POLICY_TTL_MS,
      // fetch() shares one read among the requests asking for the same key meanwhile. A read
      // still running when the policies are forgotten answers its requests, which came before
      // the change, but is not remembered.
      fetchMethod: (key) => read(key),
      ignoreFetchAbort: true,
    });
  const boards = remembered((slug) => boardPolicy(db, slug));
  const posts = remembered((postId) => postBoardPolicy(db, postId));
  return {
    ofBoard: (slug) => boards.fetch(slug),
    ofPost: (postId) => posts.fetch(postId),
    forget: () => {
      boards.clear();
      posts.clear();
    },
  };
}
