// The scoring protocol of bench/data/feedback-duplicates.json (see the README next to it), shared by
// bench/similarity.ts and the quality test in test/similarity-quality.test.ts.
import { readFileSync } from 'node:fs';
import type { SimilarityDocument } from '@sayso/core';
import { queryTextOf, rankOfFirstRelevant, summariseRanks, type QueryText, type RankerFactory, type RetrievalScores } from './retrieval.js';

export const DATASET_PATH = new URL('../data/feedback-duplicates.json', import.meta.url);

interface Item extends SimilarityDocument {
  product: string;
  /** Group id, or `null` for a singleton. */
  group: string | null;
  tags: string[];
  nearMissOf: string | null;
}

export interface Dataset {
  items: Item[];
  products: string[];
}

interface RawItem {
  id: string;
  title: string;
  body: string;
}

interface RawDataset {
  groups: { id: string; product: string; tags?: string[]; items: RawItem[] }[];
  singletons: (RawItem & { product: string; near_miss_of?: string })[];
}

export function loadDataset(path: URL | string = DATASET_PATH): Dataset {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawDataset;
  const items: Item[] = [
    ...raw.groups.flatMap((group) =>
      group.items.map((item) => ({ ...item, product: group.product, group: group.id, tags: group.tags ?? [], nearMissOf: null })),
    ),
    ...raw.singletons.map(({ near_miss_of, ...item }) => ({ ...item, group: null, tags: [], nearMissOf: near_miss_of ?? null })),
  ];
  return { items, products: [...new Set(items.map((item) => item.product))] };
}

export type Subset = 'all' | 'low-overlap' | 'engineering';
export const SUBSETS: readonly Subset[] = ['all', 'low-overlap', 'engineering'];

/** One query per grouped item against the other items of its product; metrics per subset. */
export function evaluateRetrieval(
  dataset: Dataset,
  makeRanker: RankerFactory,
  query: QueryText,
): Record<Subset, RetrievalScores> {
  const ranks: Record<Subset, number[]> = { all: [], 'low-overlap': [], engineering: [] };
  for (const product of dataset.products) {
    const items = dataset.items.filter((item) => item.product === product);
    const ranker = makeRanker(items);
    for (const item of items) {
      if (!item.group) continue;
      const relevant = new Set(items.filter((other) => other.group === item.group && other.id !== item.id).map((o) => o.id));
      const rank = rankOfFirstRelevant(ranker, queryTextOf(item, query), item.id, relevant);
      ranks.all.push(rank);
      if (item.tags.includes('low-overlap')) ranks['low-overlap'].push(rank);
      if (item.tags.includes('engineering')) ranks.engineering.push(rank);
    }
  }
  return { all: summariseRanks(ranks.all), 'low-overlap': summariseRanks(ranks['low-overlap']), engineering: summariseRanks(ranks.engineering) };
}

export interface ScoredPair {
  score: number;
  duplicate: boolean;
  /** A near-miss singleton paired with an item of the group it resembles. */
  nearMiss: boolean;
}

/** Every unordered pair of items within each product, scored. */
export function scorePairs(dataset: Dataset, makeRanker: RankerFactory): ScoredPair[] {
  const pairs: ScoredPair[] = [];
  for (const product of dataset.products) {
    const items = dataset.items.filter((item) => item.product === product);
    const ranker = makeRanker(items);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        pairs.push({
          score: ranker.pairScore(a.id, b.id),
          duplicate: a.group !== null && a.group === b.group,
          nearMiss: (a.nearMissOf !== null && a.nearMissOf === b.group) || (b.nearMissOf !== null && b.nearMissOf === a.group),
        });
      }
    }
  }
  return pairs;
}

export interface PairOutcome {
  threshold: number;
  proposed: number;
  precision: number;
  recall: number;
  f1: number;
  falsePositives: number;
  nearMissFalsePositives: number;
}

/** Precision and recall of proposing every pair scoring at least `threshold`. */
export function pairsAt(pairs: ScoredPair[], threshold: number): PairOutcome {
  const positives = pairs.filter((pair) => pair.duplicate).length;
  const proposed = pairs.filter((pair) => pair.score >= threshold);
  const hits = proposed.filter((pair) => pair.duplicate).length;
  const precision = proposed.length ? hits / proposed.length : 1;
  const recall = hits / positives;
  return {
    threshold,
    proposed: proposed.length,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    falsePositives: proposed.length - hits,
    nearMissFalsePositives: proposed.filter((pair) => !pair.duplicate && pair.nearMiss).length,
  };
}

/** The threshold (one of the scores seen) with the best F1. */
export function bestF1(pairs: ScoredPair[]): PairOutcome {
  const positives = pairs.filter((pair) => pair.duplicate).length;
  const sorted = [...pairs].filter((pair) => pair.score > 0).sort((a, b) => b.score - a.score);
  let hits = 0;
  let best = { f1: -1, threshold: Infinity };
  sorted.forEach((pair, i) => {
    if (pair.duplicate) hits++;
    // Only at the end of a run of equal scores is "score >= t" exactly the pairs seen so far.
    if (sorted[i + 1]?.score === pair.score) return;
    const precision = hits / (i + 1);
    const recall = hits / positives;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { f1, threshold: pair.score };
  });
  return pairsAt(pairs, best.threshold);
}
