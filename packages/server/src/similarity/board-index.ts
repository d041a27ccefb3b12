import { tokenize, type SimilarityDocument, type SimilarityHit } from '@sayso/core';
import type { WordVectors } from './word-vectors.js';

// The server's similarity engine: core's lexical ranking (see packages/core/src/similarity), made
// to hold 100,000 ideas, plus meaning from word vectors. The score is a weighted mean of cosines:
// - words: TF-IDF of Snowball stems (sublinear tf, smoothed idf), title words counted twice; the
//   parts of a camelCase identifier count as words too ("getFileStatus": get, file, status), so a
//   bug report naming a method meets one describing it; a query's words are expanded with the
//   board's words nearest to them in meaning (word vectors), weighted by their closeness;
// - character trigrams of stems of 4+ letters: typos and word forms ("gant", "notifcations");
// - meaning: the idf-weighted sum of the words' unit vectors (GloVe), centred on the board's mean
//   text, so two ideas saying the same thing in other words ("dark theme" / "night mode") meet.
// bench/similarity.ts measures it next to core's engine and BM25.
//
// Built for a board that grows one idea at a time: documents take integer slots, postings are
// plain arrays of slots, a removed document only marks its slot dead (postings are compacted when a
// quarter are dead), and vector lengths use the idf of when they were computed, renewed for all
// documents once the board has grown by a quarter.
/** Weights of the lexical channels, in the order of their ids below, and of meaning at full coverage. */
const LEXICAL_WEIGHTS = [1, 0.3, 0.5];
const MEANING_WEIGHT = 0.4;
const TITLE_WEIGHT = 2;
const CHAR_GRAM = 3;
const CHAR_GRAM_MIN_STEM = 4;
/** A trigram in more than this share of documents says nothing and costs the most: it is not scored. */
const CHAR_GRAM_MAX_SHARE = 0.1;
const RENORM_GROWTH = 1.25;
/**
 * Up to this many ideas, meaning is compared with every idea, so one saying the same thing in
 * wholly other words is found (a few ms). On larger boards it reranks the MEANING_RERANK_POOL best
 * lexical matches only, which keeps a lookup within milliseconds at 100,000 ideas
 * (bench/similar-speed.ts); every board of the quality benchmark is under it.
 */
const MEANING_SCAN_MAX = 5_000;
const MEANING_RERANK_POOL = 200;
/** The cosine of meaning an idea sharing no word with the query needs for its meaning to count. */
const MEANING_ALONE_MIN = 0.3;
/**
 * Query expansion: each of the first EXPAND_WORDS distinct words of a query brings the board's
 * EXPAND_NEIGHBOURS words whose vectors are closest to its own, if their cosine is at least
 * EXPAND_MIN_COSINE, at EXPAND_WEIGHT × cosine of a word's count ("picture" brings "photo").
 * A short query gains most; a long one already names its subject several
 * ways, and its first words (the title) are its gist. (Seeking neighbours among the 10,000 or
 * 20,000 most frequent words only, to search fewer vectors, cost 1 to 3 queries per data set.)
 */
const EXPAND_WORDS = 12;
const EXPAND_NEIGHBOURS = 3;
const EXPAND_MIN_COSINE = 0.6;
const EXPAND_WEIGHT = 0.5;

/** A query's centred meaning, unit length; `offset` is its dot with the board's mean, `weight` its weight in the score. */
interface CentredQuery {
  vector: Float64Array;
  offset: number;
  weight: number;
}

const WORD = 0;
const BIGRAM = 1;
const CHAR = 2;
const CHANNELS = LEXICAL_WEIGHTS.length;
type Profile = Map<number, number>;

/** Words as the word vectors spell them: lowercased letters and digits, stopwords left in (idf weighs them). */
const VECTOR_WORD = /[\p{L}\p{N}]+/gu;

/** The documents holding a term, with its sublinear count in each. */
interface Posting {
  slots: number[];
  tfs: number[];
}

/** A document's terms as stored: ids and counts side by side, to update df and norms without its text. */
interface Stored {
  id: string;
  terms: Int32Array;
  tfs: Float32Array;
}

export class BoardSimilarityIndex {
  readonly #vectors: WordVectors | null;
  readonly #neighbourhood: Neighbourhood | null;
  readonly #termIds = new Map<string, number>();
  readonly #termChannel: number[] = [];
  readonly #df: number[] = [];
  #postings: Posting[] = [];
  readonly #slotOf = new Map<string, number>();
  #stored: (Stored | undefined)[] = [];
  /** Per lexical channel: each slot's vector length. */
  #norms: Float64Array[] = [];
  /** Meaning vectors, `dimensions` floats per slot, not centred; their sum, and the mean they are centred on. */
  #meaning = new Float32Array(0);
  readonly #meaningSum: Float64Array;
  #mean: Float64Array;
  /** Length of each slot's centred meaning vector (0: no known word). */
  #meaningNorm = new Float64Array(0);
  #dead = 0;
  #normedAtSize = 0;
  /**
   * While true (a build adding a whole board), adding never renews every length at once: each new
   * document's length uses the idf of its time, and the builder calls {@link renormaliseGradually}
   * at the end, so no single add holds the event loop for a pass over the board.
   */
  bulkLoading = false;
  /** Per lexical channel: each slot's dot product with the query, reused by every search. */
  #dots: Float64Array[] = [];
  #capacity = 0;

  constructor(vectors: WordVectors | null, documents: Iterable<SimilarityDocument> = []) {
    this.#vectors = vectors;
    this.#neighbourhood = vectors && neighbourhoodOf(vectors);
    const dimensions = vectors?.dimensions ?? 0;
    this.#meaningSum = new Float64Array(dimensions);
    this.#mean = new Float64Array(dimensions);
    this.#allocate(64);
    for (const document of documents) this.add(document);
  }

  get size(): number {
    return this.#slotOf.size;
  }

  /** Whether meaning (word vectors) takes part in the score. */
  get hasMeaning(): boolean {
    return this.#vectors !== null;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Adds a document, or replaces the one with the same id. */
  add(document: SimilarityDocument): void {
    this.remove(document.id);
    const slot = this.#stored.length;
    this.#grow(slot + 1);
    const { profile } = this.#profileOf(document.title, document.body, TITLE_WEIGHT, true);
    const terms = new Int32Array(profile.size);
    const tfs = new Float32Array(profile.size);
    let i = 0;
    for (const [term, tf] of profile) {
      terms[i] = term;
      tfs[i++] = tf;
      this.#df[term] = (this.#df[term] ?? 0) + 1;
      const posting = (this.#postings[term] ??= { slots: [], tfs: [] });
      posting.slots.push(slot);
      posting.tfs.push(sublinear(tf));
    }
    this.#stored.push({ id: document.id, terms, tfs });
    this.#slotOf.set(document.id, slot);
    this.#setMeaning(slot, document.title, document.body);
    if (!this.bulkLoading && this.size >= this.#normedAtSize * RENORM_GROWTH) this.#renormalise();
    else this.#normalise(slot);
  }

  /** Takes a document out; an unknown id changes nothing. */
  remove(id: string): void {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return;
    const stored = this.#stored[slot]!;
    for (const term of stored.terms) this.#df[term]!--;
    const dimensions = this.#mean.length;
    for (let d = 0; d < dimensions; d++) this.#meaningSum[d]! -= this.#meaning[slot * dimensions + d]!;
    this.#stored[slot] = undefined;
    this.#slotOf.delete(id);
    if (++this.#dead * 4 > this.#stored.length) this.#compact();
  }

  /**
   * The documents most similar to `text`, best first, scores in [0, 1]; documents sharing nothing
   * with it are left out.
   */
  search(text: string, options: { limit?: number; exclude?: string } = {}): SimilarityHit[] {
    const { profile: query, unknown } = this.#profileOf(text, '', 1, false);
    this.#expand(text, query);
    const excluded = options.exclude === undefined ? -1 : (this.#slotOf.get(options.exclude) ?? -1);
    const slots = this.#stored.length;
    for (const dots of this.#dots) dots.fill(0, 0, slots);
    const queryNorm = new Float64Array(CHANNELS);
    const charCeiling = Math.max(2, CHAR_GRAM_MAX_SHARE * this.size);
    for (const { channel, tf } of unknown.values()) queryNorm[channel]! += (sublinear(tf) * this.#idfOf(0)) ** 2;
    for (const [term, tf] of query) {
      const channel = this.#termChannel[term]!;
      const df = this.#df[term] ?? 0;
      const idf = this.#idfOf(df);
      const weight = sublinear(tf) * idf;
      queryNorm[channel]! += weight * weight;
      if (df === 0 || (channel === CHAR && df > charCeiling)) continue;
      const posting = this.#postings[term]!;
      const dots = this.#dots[channel]!;
      const scale = weight * idf;
      const { slots: holders, tfs } = posting;
      for (let i = 0; i < holders.length; i++) dots[holders[i]!]! += scale * tfs[i]!;
    }
    const meaning = this.#centredQuery(text);
    const limit = options.limit ?? 5;
    // Each channel's weight over the query's length, so a slot's score is a sum of dot / its norm.
    const factors = LEXICAL_WEIGHTS.map((weight, channel) => (queryNorm[channel] ? weight / Math.sqrt(queryNorm[channel]!) : 0));
    const weightSum = LEXICAL_WEIGHTS.reduce((sum, weight) => sum + weight, 0) + (meaning?.weight ?? 0);
    const [wordDot, bigramDot, charDot] = this.#dots as [Float64Array, Float64Array, Float64Array];
    const [wordNorm, bigramNorm, charNorm] = this.#norms as [Float64Array, Float64Array, Float64Array];
    const [wordFactor, bigramFactor, charFactor] = factors as [number, number, number];
    const meaningForAll = meaning !== null && this.size <= MEANING_SCAN_MAX;
    // On a large board meaning reranks the best lexical matches only.
    const kept = meaning && !meaningForAll ? Math.max(limit, MEANING_RERANK_POOL) : limit;
    const best: { slot: number; score: number }[] = [];
    // Score of the weakest hit kept once `kept` are held: anything not above it is skipped.
    let floor = 0;
    for (let slot = 0; slot < slots; slot++) {
      if (slot === excluded || this.#stored[slot] === undefined) continue;
      if (!meaningForAll && wordDot[slot] === 0 && charDot[slot] === 0) continue;
      let score = 0;
      if (wordDot[slot]) score += (wordFactor * wordDot[slot]!) / wordNorm[slot]!;
      if (bigramDot[slot]) score += (bigramFactor * bigramDot[slot]!) / bigramNorm[slot]!;
      if (charDot[slot]) score += (charFactor * charDot[slot]!) / charNorm[slot]!;
      if (meaningForAll) {
        const meaningScore = this.#meaningScore(meaning, slot);
        // Without a shared word, only a close meaning counts: on a small board the centred
        // vectors of unrelated texts still point the same way a little, and a shared trigram
        // ("park" in "dark") is no evidence that they do.
        if (!wordDot[slot] && meaningScore < MEANING_ALONE_MIN * meaning.weight) {
          if (score === 0) continue;
        } else score += meaningScore;
      }
      if (score <= floor) continue;
      best.push({ slot, score });
      if (best.length >= kept * 4) floor = trim(best, kept);
    }
    if (meaning && !meaningForAll) for (const hit of best) hit.score += this.#meaningScore(meaning, hit.slot);
    trim(best, limit);
    return best.map(({ slot, score }) => ({ id: this.#stored[slot]!.id, score: Math.min(1, score / weightSum) }));
  }

  /** Meaning's part of a slot's score (before dividing by the weight sum): its weight × the positive cosine. */
  #meaningScore(meaning: CentredQuery, slot: number): number {
    const norm = this.#meaningNorm[slot]!;
    if (norm === 0) return 0;
    const dimensions = meaning.vector.length;
    const vectors = this.#meaning;
    let dot = 0;
    for (let d = 0, base = slot * dimensions; d < dimensions; d++) dot += meaning.vector[d]! * vectors[base + d]!;
    const cosine = (dot - meaning.offset) / norm;
    return cosine > 0 ? meaning.weight * cosine : 0;
  }

  #idfOf(df: number) {
    return Math.log(1 + (this.size + 1) / (df + 1));
  }

  #termId(key: string, channel: number, create: boolean): number | undefined {
    let id = this.#termIds.get(key);
    if (id === undefined && create) {
      id = this.#termChannel.length;
      this.#termIds.set(key, id);
      this.#termChannel.push(channel);
      this.#df.push(0);
      if (channel === WORD) this.#neighbourhood?.list(key.slice(2));
    }
    return id;
  }

  /** Adds to a query's profile the board's words nearest in meaning to its first words (see EXPAND_WORDS). */
  #expand(text: string, profile: Profile) {
    const neighbourhood = this.#neighbourhood;
    if (!neighbourhood) return;
    const own = new Set(tokenize(text).map((stem) => this.#termIds.get(`w ${stem}`)));
    const added = new Map<number, number>();
    let expanded = 0;
    for (const word of new Set(text.normalize('NFKC').toLowerCase().match(VECTOR_WORD) ?? [])) {
      if (expanded === EXPAND_WORDS) break;
      if (this.#stemOf(word) === undefined) continue;
      expanded++;
      const taken = new Set<number>();
      for (const neighbour of neighbourhood.of(word)) {
        const term = this.#termIds.get(`w ${neighbour.stem}`);
        if (term === undefined || own.has(term) || !this.#df[term] || taken.has(term)) continue;
        added.set(term, Math.max(added.get(term) ?? 0, neighbour.cosine));
        taken.add(term);
        if (taken.size === EXPAND_NEIGHBOURS) break;
      }
    }
    for (const [term, cosine] of added) profile.set(term, (profile.get(term) ?? 0) + EXPAND_WEIGHT * cosine);
  }

  /**
   * Term counts of a title and body. Terms the index does not hold are added when `create`, else
   * counted in `unknown` (a query's words no document has: they weigh in the query's length only).
   */
  #profileOf(title: string, body: string, titleWeight: number, create: boolean) {
    const profile: Profile = new Map();
    const unknown = new Map<string, { channel: number; tf: number }>();
    const count = (key: string, channel: number, weight: number) => {
      const id = this.#termId(key, channel, create);
      if (id !== undefined) profile.set(id, (profile.get(id) ?? 0) + weight);
      else unknown.set(key, { channel, tf: (unknown.get(key)?.tf ?? 0) + weight });
    };
    for (const [text, weight] of [[title, titleWeight], [body, 1]] as const) {
      const stems = tokenize(text);
      for (const part of tokenize(identifierParts(text))) count(`w ${part}`, WORD, weight);
      stems.forEach((stem, i) => {
        count(`w ${stem}`, WORD, weight);
        if (i > 0) count(`b ${stems[i - 1]} ${stem}`, BIGRAM, weight);
      });
      for (const stem of new Set(stems)) {
        if (stem.length < CHAR_GRAM_MIN_STEM) continue;
        const padded = `^${stem}$`;
        const grams = new Set<string>();
        for (let i = 0; i + CHAR_GRAM <= padded.length; i++) grams.add(padded.slice(i, i + CHAR_GRAM));
        for (const gram of grams) count(`c ${gram}`, CHAR, weight);
      }
    }
    return { profile, unknown };
  }

  /** Arrays for `capacity` slots, keeping what the present ones hold. */
  #allocate(capacity: number) {
    const dimensions = this.#mean.length;
    const resized = <T extends Float64Array | Float32Array>(from: T | undefined, to: T) => {
      if (from) to.set(from.subarray(0, Math.min(from.length, to.length)));
      return to;
    };
    this.#norms = Array.from({ length: CHANNELS }, (_, channel) => resized(this.#norms[channel], new Float64Array(capacity)));
    this.#dots = Array.from({ length: CHANNELS }, () => new Float64Array(capacity));
    this.#meaningNorm = resized(this.#meaningNorm, new Float64Array(capacity));
    this.#meaning = resized(this.#meaning, new Float32Array(capacity * dimensions));
    this.#capacity = capacity;
  }

  #grow(slots: number) {
    if (slots > this.#capacity) this.#allocate(slots * 2);
  }

  #normalise(slot: number) {
    const stored = this.#stored[slot]!;
    const sums = new Float64Array(CHANNELS);
    for (let i = 0; i < stored.terms.length; i++) {
      const term = stored.terms[i]!;
      const weight = sublinear(stored.tfs[i]!) * this.#idfOf(this.#df[term]!);
      sums[this.#termChannel[term]!]! += weight * weight;
    }
    for (let channel = 0; channel < CHANNELS; channel++) this.#norms[channel]![slot] = Math.sqrt(sums[channel]!);
    this.#meaningNorm[slot] = this.#centredLength(slot);
  }

  /** Every length anew with today's idf and mean, `slice` documents at a time, awaiting `pause` between slices. */
  async renormaliseGradually(slice: number, pause: () => Promise<void>): Promise<void> {
    this.#updateMean();
    for (let start = 0; start < this.#stored.length; start += slice) {
      for (let slot = start; slot < Math.min(start + slice, this.#stored.length); slot++) if (this.#stored[slot]) this.#normalise(slot);
      await pause();
    }
    this.#normedAtSize = this.size;
  }

  #updateMean() {
    const dimensions = this.#mean.length;
    for (let d = 0; d < dimensions; d++) this.#mean[d] = this.size ? this.#meaningSum[d]! / this.size : 0;
  }

  /** Every length anew with today's idf and mean; amortised, as it runs once per quarter of growth. */
  #renormalise() {
    this.#updateMean();
    for (let slot = 0; slot < this.#stored.length; slot++) if (this.#stored[slot]) this.#normalise(slot);
    this.#normedAtSize = this.size;
  }

  /** Postings without dead slots, documents renumbered densely. */
  #compact() {
    const alive = this.#stored.flatMap((stored, slot) => (stored ? [{ stored, slot }] : []));
    const dimensions = this.#mean.length;
    // In place: a slot only ever moves down.
    alive.forEach(({ slot }, to) => this.#meaning.copyWithin(to * dimensions, slot * dimensions, (slot + 1) * dimensions));
    this.#postings = [];
    this.#stored = [];
    this.#slotOf.clear();
    for (const { stored } of alive) {
      const slot = this.#stored.length;
      stored.terms.forEach((term, i) => {
        const posting = (this.#postings[term] ??= { slots: [], tfs: [] });
        posting.slots.push(slot);
        posting.tfs.push(sublinear(stored.tfs[i]!));
      });
      this.#stored.push(stored);
      this.#slotOf.set(stored.id, slot);
    }
    this.#dead = 0;
    this.#renormalise();
  }

  /** The idf-weighted sum of the unit vectors of a text's known words (title words twice); `null` without vectors or known words. */
  #meaningOf(title: string, body: string, titleWeight: number): { vector: Float64Array; coverage: number } | null {
    const vectors = this.#vectors;
    if (!vectors) return null;
    const sum = new Float64Array(vectors.dimensions);
    let known = 0;
    let total = 0;
    for (const [text, weight] of [[title, titleWeight], [body, 1]] as const) {
      for (const word of text.normalize('NFKC').toLowerCase().match(VECTOR_WORD) ?? []) {
        const stem = this.#stemOf(word);
        // A stopword (no stem) weighs nothing.
        if (stem === undefined) continue;
        const idf = this.#idfOf(this.#df[this.#termIds.get(`w ${stem}`) ?? -1] ?? 0);
        total += weight * idf;
        const row = vectors.rowOf.get(word);
        if (row === undefined) continue;
        known += weight * idf;
        const offset = row * vectors.dimensions;
        for (let d = 0; d < vectors.dimensions; d++) sum[d]! += (weight * idf * vectors.vectors[offset + d]!) / 127;
      }
    }
    if (known === 0) return null;
    // Unit length: a long text must not pull the board's mean towards itself.
    const length = Math.hypot(...sum);
    for (let d = 0; d < sum.length; d++) sum[d]! /= length;
    return { vector: sum, coverage: known / total };
  }

  /** The word's stem, `undefined` for a stopword; cached, as only the vectors' 50,000 words are asked. */
  readonly #stems = new Map<string, string | undefined>();
  #stemOf(word: string): string | undefined {
    if (!this.#stems.has(word)) this.#stems.set(word, tokenize(word)[0]);
    return this.#stems.get(word);
  }

  #setMeaning(slot: number, title: string, body: string) {
    const meaning = this.#meaningOf(title, body, TITLE_WEIGHT)?.vector;
    if (!meaning) return;
    const dimensions = meaning.length;
    for (let d = 0; d < dimensions; d++) {
      this.#meaning[slot * dimensions + d] = meaning[d]!;
      this.#meaningSum[d]! += meaning[d]!;
    }
  }

  #centredLength(slot: number): number {
    const dimensions = this.#mean.length;
    let sum = 0;
    let any = false;
    for (let d = 0; d < dimensions; d++) {
      const value = this.#meaning[slot * dimensions + d]!;
      if (value !== 0) any = true;
      sum += (value - this.#mean[d]!) ** 2;
    }
    return any ? Math.sqrt(sum) : 0;
  }

  /** The query's centred meaning, unit length, with `offset` = its dot with the mean; `null` when it has none. */
  #centredQuery(text: string): CentredQuery | null {
    const found = this.#meaningOf(text, '', 1);
    if (!found) return null;
    const meaning = found.vector;
    let length = 0;
    for (let d = 0; d < meaning.length; d++) length += (meaning[d]! -= this.#mean[d]!) ** 2;
    length = Math.sqrt(length);
    if (length === 0) return null;
    let offset = 0;
    for (let d = 0; d < meaning.length; d++) offset += (meaning[d]! /= length) * this.#mean[d]!;
    // Words without a vector (product names, code identifiers) are not understood: meaning weighs
    // in proportion to the query's idf mass that it covers.
    return { vector: meaning, offset, weight: MEANING_WEIGHT * found.coverage };
  }
}

/** 1 + ln tf for a term counted once or more; a fraction of a count (an expansion's word) weighs that fraction. */
function sublinear(tf: number): number {
  return tf > 1 ? 1 + Math.log(tf) : tf;
}

/** A word with a capital inside (camelCase, PascalCase, "HTTPServer"): an identifier, in the parts the tokenizer would not split. */
const IDENTIFIER = /[\p{L}\p{N}]*(?:\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll})[\p{L}\p{N}]*/gu;

/** The parts of a text's camelCase identifiers, space-separated: "getFileStatus" gives "get File Status". */
function identifierParts(text: string): string {
  return (text.match(IDENTIFIER) ?? [])
    .map((word) => word.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2'))
    .join(' ');
}

interface Neighbour {
  stem: string;
  cosine: number;
}

/**
 * Which words a query word may expand to, per word vectors, shared by every board of the process:
 * the rows of the stems some board holds (those a board may keep), and each query word's
 * neighbours among them (cosine at least EXPAND_MIN_COSINE, its own stem left out), found once and
 * completed only with the rows listed since. A word's first search is a pass over the boards'
 * vocabulary, not over all 50,000 vectors.
 */
class Neighbourhood {
  readonly #vectors: WordVectors;
  readonly #rowsOfStem = new Map<string, number[]>();
  readonly #listed = new Set<string>();
  readonly #rows: number[] = [];
  readonly #stems: string[] = [];
  readonly #found = new Map<string, { scanned: number; near: Neighbour[] }>();

  constructor(vectors: WordVectors) {
    this.#vectors = vectors;
    for (const [word, row] of vectors.rowOf) {
      const stem = tokenize(word)[0];
      if (stem === undefined) continue;
      const rows = this.#rowsOfStem.get(stem);
      if (rows) rows.push(row);
      else this.#rowsOfStem.set(stem, [row]);
    }
  }

  /** Makes a board's stem a candidate neighbour. */
  list(stem: string) {
    if (this.#listed.has(stem)) return;
    this.#listed.add(stem);
    for (const row of this.#rowsOfStem.get(stem) ?? []) {
      this.#rows.push(row);
      this.#stems.push(stem);
    }
  }

  /** The neighbours of `word`, best first; none for a word without a vector. */
  of(word: string): Neighbour[] {
    const row = this.#vectors.rowOf.get(word);
    if (row === undefined) return [];
    let found = this.#found.get(word);
    if (!found) this.#found.set(word, (found = { scanned: 0, near: [] }));
    if (found.scanned === this.#rows.length) return found.near;
    const { dimensions, vectors: values } = this.#vectors;
    const own = tokenize(word)[0];
    // Unit vectors quantised to ±127: a cosine is the dot over 127².
    const minDot = EXPAND_MIN_COSINE * 127 * 127;
    const base = row * dimensions;
    for (let i = found.scanned; i < this.#rows.length; i++) {
      const offset = this.#rows[i]! * dimensions;
      let dot = 0;
      for (let d = 0; d < dimensions; d++) dot += values[base + d]! * values[offset + d]!;
      if (dot >= minDot && this.#stems[i] !== own) found.near.push({ stem: this.#stems[i]!, cosine: dot / (127 * 127) });
    }
    found.near.sort((a, b) => b.cosine - a.cosine);
    found.scanned = this.#rows.length;
    return found.near;
  }
}

const neighbourhoods = new WeakMap<WordVectors, Neighbourhood>();
function neighbourhoodOf(vectors: WordVectors): Neighbourhood {
  let neighbourhood = neighbourhoods.get(vectors);
  if (!neighbourhood) neighbourhoods.set(vectors, (neighbourhood = new Neighbourhood(vectors)));
  return neighbourhood;
}

/** Keeps the `limit` best hits, best first (ties by slot: older first); returns the weakest kept score. */
function trim(hits: { slot: number; score: number }[], limit: number): number {
  hits.sort((a, b) => b.score - a.score || a.slot - b.slot);
  hits.length = Math.min(hits.length, limit);
  return hits.at(-1)?.score ?? 0;
}
