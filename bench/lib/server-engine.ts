// The server's similarity engine (@sayso/server BoardSimilarityIndex, with word vectors) as a
// ranker of the retrieval benchmarks. Its pair score is what the duplicate queue stores: the
// score of one idea among the CANDIDATES_PER_POST best matches of the other's title and body,
// the larger of the two directions, 0 when neither finds the other.
import type { SimilarityDocument, SimilarityHit } from '@sayso/core';
import { BoardSimilarityIndex, CANDIDATES_PER_POST, type WordVectors } from '@sayso/server';
import type { Ranker } from './retrieval.js';

export class ServerEngineRanker implements Ranker {
  readonly #index: BoardSimilarityIndex;
  readonly #documents: Map<string, SimilarityDocument>;
  readonly #matches = new Map<string, Map<string, number>>();

  constructor(vectors: WordVectors | null, documents: SimilarityDocument[]) {
    this.#index = new BoardSimilarityIndex(vectors, documents);
    this.#documents = new Map(documents.map((document) => [document.id, document]));
  }

  search(text: string, options: { limit: number; exclude: string }): SimilarityHit[] {
    return this.#index.search(text, options);
  }

  #matchesOf(id: string) {
    let matches = this.#matches.get(id);
    if (!matches) {
      const { title, body } = this.#documents.get(id)!;
      const hits = this.#index.search(`${title}\n${body}`, { limit: CANDIDATES_PER_POST, exclude: id });
      this.#matches.set(id, (matches = new Map(hits.map((hit) => [hit.id, hit.score]))));
    }
    return matches;
  }

  pairScore(a: string, b: string): number {
    return Math.max(this.#matchesOf(a).get(b) ?? 0, this.#matchesOf(b).get(a) ?? 0);
  }
}
