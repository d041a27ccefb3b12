import { SimilarityIndex, findSimilarIds, type Post } from '@sayso/core';
import type { Queryable } from '../db/database.js';
import * as posts from '../db/posts.js';

interface CachedIndex {
  version: posts.BoardTextVersion;
  index: Promise<SimilarityIndex>;
}

const sameTexts = (a: posts.BoardTextVersion, b: posts.BoardTextVersion) =>
  a.posts === b.posts && a.newestCreated === b.newestCreated && a.newestEdited === b.newestEdited;

/**
 * "Similar ideas" for the idea form, asked on (debounced) keystrokes. Each board's similarity
 * index is kept between lookups: every lookup first reads the board's text version (one
 * aggregate query). When posts were added or edited since, only those are read and put into the
 * index; only when that does not account for every post (one was removed) is the index built
 * anew. Building takes seconds on a 10k-idea board, a lookup milliseconds (bench/similarity.ts).
 * Posts closed as duplicates are skipped. An edit committed late with an older time than the
 * newest seen edit can stay unseen until the board's next change: suggestions are a hint.
 */
export function createSimilarPosts(db: Queryable) {
  const cache = new Map<string, CachedIndex>();

  const build = async (boardId: string) => new SimilarityIndex(await posts.boardPostTexts(db, boardId));

  const catchUp = async (cached: CachedIndex, version: posts.BoardTextVersion) => {
    const index = await cached.index;
    for (const text of await posts.boardPostTexts(db, version.boardId, cached.version)) index.add(text);
    return index.size === version.posts ? index : build(version.boardId);
  };

  const indexOf = (version: posts.BoardTextVersion) => {
    const cached = cache.get(version.boardId);
    if (cached && sameTexts(cached.version, version)) return cached.index;
    const index = cached ? catchUp(cached, version) : build(version.boardId);
    cache.set(version.boardId, { version, index });
    // A failed build is not kept: the next lookup tries again.
    index.catch(() => {
      if (cache.get(version.boardId)?.index === index) cache.delete(version.boardId);
    });
    return index;
  };

  return {
    /** Best first; `limit` already checked and capped (see core's similarLimit). */
    async find(params: { board: string; text: string; limit: number; viewer: string | null }): Promise<Post[]> {
      const version = await posts.boardTextVersion(db, params.board);
      const index = await indexOf(version);
      const closed = new Set(version.closedAsDuplicate);
      const ids = findSimilarIds(index, { text: params.text, limit: params.limit, eligible: (id) => !closed.has(id) });
      return posts.findPostsInOrder(db, ids, params.viewer);
    },
  };
}

/** The similar-ideas lookup of one app, with its per-board indexes. */
export type SimilarPosts = ReturnType<typeof createSimilarPosts>;
