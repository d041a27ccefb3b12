// What the server engine's lexical side adds to core's: the parts of code identifiers, and query
// words expanded with the board's words nearest in meaning. The quality over labelled data is
// test/similarity-quality.test.ts.
import { describe, expect, it } from 'vitest';
import { BoardSimilarityIndex } from './board-index.js';
import { loadWordVectors } from './word-vectors.js';

describe('BoardSimilarityIndex', () => {
  it('meets a camelCase identifier by its parts', () => {
    const index = new BoardSimilarityIndex(null, [
      { id: 'name', title: 'File names are cut off', body: '' },
      { id: 'identifier', title: 'getFileStatus is slow', body: '' },
      { id: 'bar', title: 'The status bar flickers', body: '' },
    ]);
    expect(index.search('file status', { limit: 1 })[0]?.id).toBe('identifier');
  });

  it("expands a query's words with the board's words nearest in meaning", async () => {
    const vectors = await loadWordVectors();
    const ideas = [
      { id: 'photo', title: 'Attach a photo to my idea', body: '' },
      { id: 'crash', title: 'The app crashes on start', body: '' },
      { id: 'export', title: 'Export my votes to a spreadsheet', body: '' },
    ];
    const index = new BoardSimilarityIndex(vectors, ideas);
    const [hit] = index.search('attach a picture', { limit: 1 });
    expect(hit?.id).toBe('photo');
    // "picture" brings "photo"; a word of no idea's meaning ("sandwich") brings nothing.
    expect(hit!.score).toBeGreaterThan(1.2 * index.search('attach a sandwich', { limit: 1 })[0]!.score);
  });
});
