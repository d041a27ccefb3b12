// Plain Okapi BM25 (k1 1.2, b 0.75) over title + body as one field, with the same tokenizer as the
// engine (Snowball stems, English stopwords): the baseline bench/similarity.ts measures the
// engine against. It is not product code.
import { tokenize, type SimilarityDocument, type SimilarityHit } from '@sayso/core';

const K1 = 1.2;
const B = 0.75;

export class Bm25Index {
  readonly #terms = new Map<string, Map<string, number>>();
  readonly #lengths = new Map<string, number>();
  /** The documents holding each stem: a query scores only those, not every document. */
  readonly #postings = new Map<string, string[]>();
  #averageLength = 0;

  constructor(documents: Iterable<SimilarityDocument>) {
    for (const { id, title, body } of documents) {
      const counts = new Map<string, number>();
      const stems = tokenize(`${title} ${body}`);
      for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
      for (const stem of counts.keys()) {
        const posting = this.#postings.get(stem);
        if (posting) posting.push(id);
        else this.#postings.set(stem, [id]);
      }
      this.#terms.set(id, counts);
      this.#lengths.set(id, stems.length);
    }
    const total = [...this.#lengths.values()].reduce((sum, length) => sum + length, 0);
    this.#averageLength = total / Math.max(1, this.#lengths.size);
  }

  #idf(stem: string) {
    const n = this.#terms.size;
    const df = this.#postings.get(stem)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  #score(queryStems: string[], id: string) {
    const counts = this.#terms.get(id)!;
    const length = this.#lengths.get(id)!;
    let score = 0;
    for (const stem of queryStems) {
      const tf = counts.get(stem);
      if (!tf) continue;
      score += (this.#idf(stem) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / this.#averageLength));
    }
    return score;
  }

  search(text: string, options: { limit?: number; exclude?: string } = {}): SimilarityHit[] {
    const stems = tokenize(text);
    const candidates = new Set(stems.flatMap((stem) => this.#postings.get(stem) ?? []));
    if (options.exclude !== undefined) candidates.delete(options.exclude);
    const hits: SimilarityHit[] = [];
    for (const id of candidates) {
      const score = this.#score(stems, id);
      if (score > 0) hits.push({ id, score });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return hits.slice(0, options.limit ?? 10);
  }

  /** BM25 is asymmetric; the protocol takes the larger direction. */
  pairScore(a: string, b: string) {
    const stemsOf = (id: string) => [...this.#terms.get(id)!.entries()].flatMap(([stem, tf]) => Array<string>(tf).fill(stem));
    return Math.max(this.#score(stemsOf(a), b), this.#score(stemsOf(b), a));
  }
}
