export { SimilarityIndex } from './similarity-index.js';
export type { SimilarityDocument, SimilarityHit } from './similarity-index.js';
export { tokenize } from './tokenize.js';
export {
  DUPLICATE_PAIR_THRESHOLD,
  SIMILAR_IDEA_MIN_SCORE,
  findSimilarHits,
  findSimilarIds,
  similarLimit,
  similarLookupText,
} from './similar-ideas.js';
