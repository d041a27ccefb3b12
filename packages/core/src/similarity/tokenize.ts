import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';

const STOPWORDS = new Set(stopwords);

// Letters and digits of any script, with inner apostrophes kept so that "don't" stays one word and
// meets the stopword list.
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/**
 * The content words of `text` as Snowball (Porter2) English stems, in order: lowercased, Unicode
 * words only, English stopwords and one-letter words removed. Words of other scripts are kept
 * unstemmed, so a board in another language still matches exact words.
 */
export function tokenize(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").match(WORD) ?? [];
  const stems: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    stems.push(stemmer(word.replace(/'s$/, '')));
  }
  return stems;
}
