import { SaysoError } from '../errors.js';
import { LIMITS } from '../types.js';
import type { SimilarityHit, SimilarityIndex } from './similarity-index.js';

/**
 * Weakest score shown as a similar idea. On the labelled set in bench/similarity.ts, a floor of 0.05
 * keeps 95% of the true duplicates found in a title-only top 5 and drops a fifth of the others
 * (those sharing little more than a word fragment).
 */
export const SIMILAR_IDEA_MIN_SCORE = 0.05;

/**
 * Pair score from which two ideas are proposed to admins as duplicates: near the best F1 of
 * bench/similarity.ts, leaning to precision (an admin reviews every proposal).
 */
export const DUPLICATE_PAIR_THRESHOLD = 0.15;

/**
 * The part of `text` a similar-ideas lookup reads (its first `LIMITS.similarTextMax` characters,
 * trimmed), or `null` when it is too short to look with. Kept free of the tokenizer, so clients
 * can call it on every keystroke without bundling the stemmer; a text of stopwords only finds
 * nothing anyway.
 */
export function similarLookupText(text: string): string | null {
  const cut = text.slice(0, LIMITS.similarTextMax).trim();
  return cut.length >= LIMITS.similarTextMin ? cut : null;
}

/**
 * How many similar ideas to return: `LIMITS.similarDefault` when not given, at most
 * `LIMITS.similarMax`; `invalid_input` for anything but a whole number of at least 1.
 */
export function similarLimit(limit: number | undefined): number {
  if (limit === undefined) return LIMITS.similarDefault;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new SaysoError('invalid_input', 'limit must be a whole number of at least 1.', { field: 'limit' });
  }
  return Math.min(limit, LIMITS.similarMax);
}

/**
 * The indexed documents most similar to `text`, best first with their scores: at most `limit` of
 * them, none under {@link SIMILAR_IDEA_MIN_SCORE}, none that `eligible` refuses (e.g. ideas closed
 * as duplicates, evidence already linked). Empty when `text` is too short to look with (see
 * {@link similarLookupText}).
 */
export function findSimilarHits(
  index: SimilarityIndex,
  params: { text: string; limit: number; eligible?: (id: string) => boolean },
): SimilarityHit[] {
  const text = similarLookupText(params.text);
  if (text === null) return [];
  return index
    .search(text, { limit: index.size })
    .filter((hit) => hit.score >= SIMILAR_IDEA_MIN_SCORE && (params.eligible?.(hit.id) ?? true))
    .slice(0, params.limit);
}

/** The ids of {@link findSimilarHits}. */
export function findSimilarIds(index: SimilarityIndex, params: { text: string; limit: number; eligible?: (id: string) => boolean }): string[] {
  return findSimilarHits(index, params).map((hit) => hit.id);
}
