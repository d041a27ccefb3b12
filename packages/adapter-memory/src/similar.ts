import { SimilarityIndex, findSimilarHits, similarLimit, type Post, type SaysoAdapter } from '@sayso/core';
import type { StoredPost } from './data.js';
import type { MemoryVisitor } from './visitor.js';

/**
 * The ideas of a board most like `text`, best first with their scores, ideas closed as duplicates
 * and those `excluded` left out. Memory boards are small, so the index is built afresh for each
 * lookup; the server keeps one.
 */
export function similarPostHits(
  { data, boardOf }: MemoryVisitor,
  board: string,
  text: string,
  limit: number,
  excluded: ReadonlySet<string> = new Set(),
): Array<{ post: StoredPost; score: number }> {
  const statuses = boardOf(board).statuses;
  const posts = [...data.posts.values()].filter((post) => post.board === board);
  const closedAsDuplicate = new Set(statuses.filter((s) => s.kind === 'duplicate').map((s) => s.id));
  const eligible = new Set(posts.filter((post) => !closedAsDuplicate.has(post.status) && !excluded.has(post.id)).map((post) => post.id));
  return findSimilarHits(new SimilarityIndex(posts), { text, limit, eligible: (id) => eligible.has(id) }).map((hit) => ({ post: data.posts.get(hit.id)!, score: hit.score }));
}

/** The ideas of a board most like `text`, as this visitor sees them, ideas closed as duplicates left out. */
export function similarPosts(visitor: MemoryVisitor, board: string, text: string, limit: number): Post[] {
  return similarPostHits(visitor, board, text, limit).map((hit) => visitor.view(hit.post));
}

export function similarOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'findSimilarPosts'> {
  return {
    findSimilarPosts: ({ board, text, limit }) => visitor.settle(() => similarPosts(visitor, board, text, similarLimit(limit))),
  };
}
