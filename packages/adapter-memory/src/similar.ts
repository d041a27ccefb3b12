import { SimilarityIndex, findSimilarIds, similarLimit, type Post, type SaysoAdapter } from '@sayso/core';
import type { MemoryVisitor } from './visitor.js';

/**
 * The ideas of a board most like `text`, as this visitor sees them, ideas closed as duplicates
 * left out. Memory boards are small, so the index is built afresh for each lookup; the server keeps one.
 */
export function similarPosts({ data, view, boardOf, postOf }: MemoryVisitor, board: string, text: string, limit: number): Post[] {
  const statuses = boardOf(board).statuses;
  const posts = [...data.posts.values()].filter((post) => post.board === board);
  const closedAsDuplicate = new Set(statuses.filter((s) => s.kind === 'duplicate').map((s) => s.id));
  const eligible = new Set(posts.filter((post) => !closedAsDuplicate.has(post.status)).map((post) => post.id));
  const ids = findSimilarIds(new SimilarityIndex(posts), { text, limit, eligible: (id) => eligible.has(id) });
  return ids.map((id) => view(postOf(id)));
}

export function similarOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'findSimilarPosts'> {
  return {
    findSimilarPosts: ({ board, text, limit }) => visitor.settle(() => similarPosts(visitor, board, text, similarLimit(limit))),
  };
}
