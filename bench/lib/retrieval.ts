// What every retrieval benchmark here shares: the ranker under test and the "recall rate" metrics
// of duplicate-report detection, so feedback-duplicates.ts and gitbugs.ts score queries the same way.
import type { SimilarityDocument, SimilarityHit } from '@sayso/core';

/** What a ranker under test must do over one board's documents. */
export interface Ranker {
  search(text: string, options: { limit: number; exclude: string }): SimilarityHit[];
  /** If asymmetric, the ranker itself returns the larger direction. */
  pairScore(a: string, b: string): number;
}

export type RankerFactory = (documents: SimilarityDocument[]) => Ranker;

/** What a query sends: the title alone (a user still typing) or the title followed by the body. */
export type QueryText = 'title' | 'title+body';

export function queryTextOf(document: SimilarityDocument, query: QueryText): string {
  return query === 'title' ? document.title : `${document.title} ${document.body}`;
}

/** MRR counts a query as 0 when no relevant document is in this many first hits. */
export const RETRIEVAL_DEPTH = 10;

export interface RetrievalScores {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

/** Searches `text` (leaving the query's own document out) and returns the 1-based rank of the first relevant hit, 0 when none is in the top {@link RETRIEVAL_DEPTH}. */
export function rankOfFirstRelevant(ranker: Ranker, text: string, queryId: string, relevant: ReadonlySet<string>): number {
  const hits = ranker.search(text, { limit: RETRIEVAL_DEPTH, exclude: queryId });
  return hits.findIndex((hit) => relevant.has(hit.id)) + 1;
}

/** recall@1, recall@5 and MRR over the ranks {@link rankOfFirstRelevant} returned. */
export function summariseRanks(ranks: readonly number[]): RetrievalScores {
  return {
    queries: ranks.length,
    recallAt1: ranks.filter((rank) => rank === 1).length / ranks.length,
    recallAt5: ranks.filter((rank) => rank >= 1 && rank <= 5).length / ranks.length,
    mrr: ranks.reduce((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / ranks.length,
  };
}
