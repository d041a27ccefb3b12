import { tokenize } from './tokenize.js';

/** A text the index compares: an idea's title and body. */
export interface SimilarityDocument {
  id: string;
  title: string;
  body: string;
}

/** One search hit: `score` is in [0, 1], higher is more similar. */
export interface SimilarityHit {
  id: string;
  score: number;
}

// The score is a weighted mean of three cosine similarities between TF-IDF vectors (sublinear tf,
// smoothed idf), each catching what the others miss:
// - words: Snowball stems, title words counted twice (a title says what the idea is, a body adds
//   context and noise);
// - word pairs: adjacent stems ("dark mode" is more than "dark" and "mode");
// - character trigrams of stems of 4+ letters: typo and word-form tolerance ("gant"/"gantt",
//   "notifcations"/"notifications") without a dictionary.
// Cosine keeps the score in [0, 1] and symmetric, so the same number ranks suggestions and serves as
// a pair threshold. bench/similarity.ts measures these choices against plain BM25.
const TITLE_WEIGHT = 2;
const CHANNEL_WEIGHTS = { word: 1, bigram: 0.3, char: 0.5 } as const;
const CHAR_GRAM = 3;
const CHAR_GRAM_MIN_STEM = 4;

type Channel = keyof typeof CHANNEL_WEIGHTS;
const CHANNELS = Object.keys(CHANNEL_WEIGHTS) as Channel[];
const WEIGHT_SUM = CHANNELS.reduce((sum, channel) => sum + CHANNEL_WEIGHTS[channel], 0);
type Vector = Map<string, number>;
type Profile = Record<Channel, Vector>;
type PerChannel = Record<Channel, number>;

const emptyProfile = (): Profile => ({ word: new Map(), bigram: new Map(), char: new Map() });
const zeros = (): PerChannel => ({ word: 0, bigram: 0, char: 0 });

function addTo(vector: Vector, key: string, amount: number) {
  vector.set(key, (vector.get(key) ?? 0) + amount);
}

function charGrams(stem: string): Set<string> {
  const padded = `^${stem}$`;
  const grams = new Set<string>();
  for (let i = 0; i + CHAR_GRAM <= padded.length; i++) grams.add(padded.slice(i, i + CHAR_GRAM));
  return grams;
}

/** Term counts of a title and body, the title counting `titleWeight` times. */
function profileOf(title: string, body: string, titleWeight: number): Profile {
  const profile = emptyProfile();
  const addField = (text: string, weight: number) => {
    const stems = tokenize(text);
    stems.forEach((stem, i) => {
      addTo(profile.word, stem, weight);
      if (i > 0) addTo(profile.bigram, `${stems[i - 1]} ${stem}`, weight);
    });
    for (const stem of new Set(stems)) {
      if (stem.length < CHAR_GRAM_MIN_STEM) continue;
      for (const gram of charGrams(stem)) addTo(profile.char, gram, weight);
    }
  };
  addField(title, titleWeight);
  addField(body, 1);
  return profile;
}

/**
 * Finds ideas that say the same thing in other words: an in-memory index over `{id, title, body}`
 * documents, kept current with {@link add} and {@link remove}. Plain data, no DOM, so the same
 * ranking runs in the browser (memory adapter) and on the server.
 *
 * Scores depend on the whole index (rare words weigh more), so compare scores from one index.
 */
export class SimilarityIndex {
  readonly #profiles = new Map<string, Profile>();
  readonly #df: Record<Channel, Map<string, number>> = { word: new Map(), bigram: new Map(), char: new Map() };
  /** For each channel and term: the documents holding it, with its count in each. */
  readonly #postings: Record<Channel, Map<string, Map<string, number>>> = { word: new Map(), bigram: new Map(), char: new Map() };
  // Vector lengths depend on every document's idf, so they are recomputed lazily, once per change.
  #norms = new Map<string, PerChannel>();
  #normsStale = false;

  constructor(documents: Iterable<SimilarityDocument> = []) {
    for (const document of documents) this.add(document);
  }

  /** How many documents the index holds. */
  get size(): number {
    return this.#profiles.size;
  }

  /** Adds a document, or replaces the one with the same id. */
  add(document: SimilarityDocument): void {
    this.remove(document.id);
    const profile = profileOf(document.title, document.body, TITLE_WEIGHT);
    this.#profiles.set(document.id, profile);
    for (const channel of CHANNELS) {
      for (const [key, tf] of profile[channel]) {
        addTo(this.#df[channel], key, 1);
        let posting = this.#postings[channel].get(key);
        if (!posting) this.#postings[channel].set(key, (posting = new Map()));
        posting.set(document.id, tf);
      }
    }
    this.#normsStale = true;
  }

  /** Replaces a document's text (the same as {@link add}). */
  update(document: SimilarityDocument): void {
    this.add(document);
  }

  /** Takes a document out; an unknown id changes nothing. */
  remove(id: string): void {
    const profile = this.#profiles.get(id);
    if (!profile) return;
    this.#profiles.delete(id);
    for (const channel of CHANNELS) {
      for (const key of profile[channel].keys()) {
        const left = (this.#df[channel].get(key) ?? 1) - 1;
        const posting = this.#postings[channel].get(key);
        posting?.delete(id);
        if (left > 0) {
          this.#df[channel].set(key, left);
        } else {
          this.#df[channel].delete(key);
          this.#postings[channel].delete(key);
        }
      }
    }
    this.#normsStale = true;
  }

  /**
   * The documents most similar to `text` (a title, optionally followed by details), best first;
   * documents sharing nothing with it are left out.
   *
   * @param options.limit - Most hits returned; default 5.
   * @param options.exclude - Id of a document never returned (the one being edited).
   */
  search(text: string, options: { limit?: number; exclude?: string } = {}): SimilarityHit[] {
    const query = this.#weigh(profileOf(text, '', 1));
    const norms = this.#currentNorms();
    const dots = new Map<string, PerChannel>();
    for (const channel of CHANNELS) {
      for (const [key, weight] of query[channel]) {
        const posting = this.#postings[channel].get(key);
        if (!posting) continue;
        const idf = this.#idf(channel, key);
        for (const [id, tf] of posting) {
          if (id === options.exclude) continue;
          let dot = dots.get(id);
          if (!dot) dots.set(id, (dot = zeros()));
          dot[channel] += weight * (1 + Math.log(tf)) * idf;
        }
      }
    }
    const queryNorms = this.#normsOf(query);
    const hits: SimilarityHit[] = [];
    for (const [id, dot] of dots) hits.push({ id, score: combine(dot, queryNorms, norms.get(id)!) });
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return hits.slice(0, options.limit ?? 5);
  }

  /**
   * How alike two indexed documents are, in [0, 1]; symmetric (`pairScore(a, b) === pairScore(b, a)`).
   * 0 when either id is not indexed. For proposing duplicate pairs to admins.
   */
  pairScore(a: string, b: string): number {
    const first = this.#profiles.get(a);
    const second = this.#profiles.get(b);
    if (!first || !second) return 0;
    const norms = this.#currentNorms();
    const dot = zeros();
    for (const channel of CHANNELS) {
      const [small, large] = first[channel].size <= second[channel].size ? [first, second] : [second, first];
      for (const [key, tf] of small[channel]) {
        const other = large[channel].get(key);
        if (other !== undefined) dot[channel] += this.#weight(channel, key, tf) * this.#weight(channel, key, other);
      }
    }
    return combine(dot, norms.get(a)!, norms.get(b)!);
  }

  #idf(channel: Channel, key: string) {
    const df = this.#df[channel].get(key) ?? 0;
    return Math.log(1 + (this.#profiles.size + 1) / (df + 1));
  }

  #weight(channel: Channel, key: string, tf: number) {
    return (1 + Math.log(tf)) * this.#idf(channel, key);
  }

  #weigh(profile: Profile): Profile {
    const weighted = emptyProfile();
    for (const channel of CHANNELS) {
      for (const [key, tf] of profile[channel]) weighted[channel].set(key, this.#weight(channel, key, tf));
    }
    return weighted;
  }

  #normsOf(weighted: Profile): PerChannel {
    const norms = zeros();
    for (const channel of CHANNELS) {
      let sum = 0;
      for (const weight of weighted[channel].values()) sum += weight * weight;
      norms[channel] = Math.sqrt(sum);
    }
    return norms;
  }

  #currentNorms() {
    if (this.#normsStale) {
      // One idf per term for the whole pass: far cheaper than weighing each document apart.
      const idf: Record<Channel, Map<string, number>> = { word: new Map(), bigram: new Map(), char: new Map() };
      for (const channel of CHANNELS) {
        for (const key of this.#df[channel].keys()) idf[channel].set(key, this.#idf(channel, key));
      }
      this.#norms = new Map();
      for (const [id, profile] of this.#profiles) {
        const norms = zeros();
        for (const channel of CHANNELS) {
          let sum = 0;
          for (const [key, tf] of profile[channel]) sum += ((1 + Math.log(tf)) * idf[channel].get(key)!) ** 2;
          norms[channel] = Math.sqrt(sum);
        }
        this.#norms.set(id, norms);
      }
      this.#normsStale = false;
    }
    return this.#norms;
  }
}

function combine(dot: PerChannel, left: PerChannel, right: PerChannel): number {
  let score = 0;
  for (const channel of CHANNELS) {
    if (left[channel] && right[channel]) score += (CHANNEL_WEIGHTS[channel] * dot[channel]) / (left[channel] * right[channel]);
  }
  // Rounding can put a perfect match a hair over 1.
  return Math.min(1, score / WEIGHT_SUM);
}
