import { SimilarityIndex, findSimilarIds, similarLimit, type SaysoAdapter } from '@sayso/core';
import type { MemoryVisitor } from './visitor.js';

export function similarOperations({ data, settle, view, boardOf, postOf }: MemoryVisitor): Pick<SaysoAdapter, 'findSimilarPosts'> {
  return {
    // Memory boards are small, so the index is built afresh for each lookup; the server keeps one.
    findSimilarPosts: ({ board, text, limit }) =>
      settle(() => {
        const statuses = boardOf(board).statuses;
        const count = similarLimit(limit);
        const posts = [...data.posts.values()].filter((post) => post.board === board);
        const closedAsDuplicate = new Set(statuses.filter((s) => s.kind === 'duplicate').map((s) => s.id));
        const eligible = new Set(posts.filter((post) => !closedAsDuplicate.has(post.status)).map((post) => post.id));
        const ids = findSimilarIds(new SimilarityIndex(posts), { text, limit: count, eligible: (id) => eligible.has(id) });
        return ids.map((id) => view(postOf(id)));
      }),
  };
}
