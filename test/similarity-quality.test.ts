// The similarity engine must rank true duplicates at least as well as plain BM25 on the labelled
// set in bench/data (protocol: its README, code: bench/lib/feedback-duplicates.ts). Both are
// measured here, in the same run; this is about quality, never timing. bench/similarity.ts prints
// the full comparison.
import { SimilarityIndex } from '@sayso/core';
import { expect, it } from 'vitest';
import { Bm25Index } from '../bench/lib/bm25.js';
import { evaluateRetrieval, loadDataset } from '../bench/lib/feedback-duplicates.js';

it('finds a duplicate in the top 5 at least as often as BM25, with full and title-only queries', () => {
  const dataset = loadDataset();
  for (const query of ['title+body', 'title'] as const) {
    const engine = evaluateRetrieval(dataset, (documents) => new SimilarityIndex(documents), query);
    const baseline = evaluateRetrieval(dataset, (documents) => new Bm25Index(documents), query);
    expect(engine.all.queries).toBe(413);
    expect(engine.all.recallAt5, query).toBeGreaterThanOrEqual(baseline.all.recallAt5);
    expect(engine['low-overlap'].recallAt5, query).toBeGreaterThanOrEqual(baseline['low-overlap'].recallAt5);
  }
});
