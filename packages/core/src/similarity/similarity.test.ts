import { describe, expect, it } from 'vitest';
import { SaysoError } from '../errors.js';
import { LIMITS } from '../types.js';
import { SIMILAR_IDEA_MIN_SCORE, findSimilarIds, similarLimit, similarLookupText } from './similar-ideas.js';
import { SimilarityIndex, type SimilarityDocument } from './similarity-index.js';
import { tokenize } from './tokenize.js';

const BOARD: SimilarityDocument[] = [
  { id: 'dark', title: 'Dark mode for the web app', body: 'Staring at a white board at 11pm is brutal.' },
  { id: 'gantt', title: 'Gantt chart view', body: 'Tasks as bars on a timeline, with dependencies.' },
  { id: 'notify', title: 'Push notifications for mentions', body: 'I miss replies when the tab is closed.' },
  { id: 'csv-import', title: 'Import products from CSV', body: 'We have 2,000 products in a spreadsheet.' },
  { id: 'csv-export', title: 'Export orders to CSV', body: 'Our accountant wants a spreadsheet every month.' },
  { id: 'slack', title: 'Slack integration', body: 'Post task updates to a channel.' },
];
const top = (index: SimilarityIndex, text: string) => index.search(text, { limit: 1 })[0]?.id;

describe('tokenize', () => {
  it('lowercases, stems and drops stopwords and one-letter words', () => {
    expect(tokenize('The Notifications are NOT working for a user')).toEqual(['notif', 'work', 'user']);
    expect(tokenize('running runs ran')).toEqual(['run', 'run', 'ran']);
  });

  it('keeps words of every script and digits, and reads curly apostrophes', () => {
    expect(tokenize('Café 2FA 日本語')).toEqual(['café', '2fa', '日本語']);
    expect(tokenize('don’t can’t won’t')).toEqual([]);
    expect(tokenize('the user’s settings')).toEqual(['user', 'set']);
  });
});

describe('SimilarityIndex', () => {
  it('ranks the idea saying the same thing first', () => {
    const index = new SimilarityIndex(BOARD);
    expect(top(index, 'please add a dark theme')).toBe('dark');
    expect(top(index, 'notify me when someone mentions me')).toBe('notify');
    expect(top(index, 'timeline of tasks')).toBe('gantt');
  });

  it('tolerates typos through character trigrams', () => {
    const index = new SimilarityIndex(BOARD);
    expect(top(index, 'gant chart')).toBe('gantt');
    expect(top(index, 'notifcations')).toBe('notify');
    expect(top(index, 'slak integraton')).toBe('slack');
  });

  it('tells near misses apart by the words that differ', () => {
    const index = new SimilarityIndex(BOARD);
    expect(top(index, 'import my products from a CSV file')).toBe('csv-import');
    expect(top(index, 'export my orders to CSV')).toBe('csv-export');
  });

  it('weighs a match in the title over one in the body', () => {
    const index = new SimilarityIndex([
      { id: 'in-title', title: 'Calendar sync', body: 'Two-way, please.' },
      { id: 'in-body', title: 'Integrations', body: 'Things like calendar sync and more.' },
    ]);
    expect(index.search('calendar sync').map((hit) => hit.id)).toEqual(['in-title', 'in-body']);
  });

  it('finds nothing for stopwords alone, and only weak matches for unrelated words', () => {
    const index = new SimilarityIndex(BOARD);
    expect(index.search('the and of it is')).toEqual([]);
    for (const hit of index.search('zeppelin')) expect(hit.score).toBeLessThan(SIMILAR_IDEA_MIN_SCORE);
  });

  it('scores in [0, 1], best first, at most limit, never the excluded id', () => {
    const index = new SimilarityIndex(BOARD);
    const hits = index.search('CSV spreadsheet of tasks', { limit: 2, exclude: 'csv-import' });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.id).toBe('csv-export');
    expect(hits.map((hit) => hit.id)).not.toContain('csv-import');
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    const [self] = new SimilarityIndex([BOARD[0]!]).search(`${BOARD[0]!.title} ${BOARD[0]!.body}`);
    expect(self!.score).toBeGreaterThan(0.5);
    expect(self!.score).toBeLessThanOrEqual(1);
  });

  it('follows add, update and remove', () => {
    const index = new SimilarityIndex(BOARD);
    index.add({ id: 'widget', title: 'Home screen widget', body: '' });
    expect(index.size).toBe(BOARD.length + 1);
    expect(top(index, 'a widget for the home screen')).toBe('widget');
    index.update({ id: 'widget', title: 'Apple Watch app', body: '' });
    expect(index.search('home screen widget').map((hit) => hit.id)).not.toContain('widget');
    expect(top(index, 'watch app')).toBe('widget');
    index.remove('widget');
    index.remove('never-added');
    expect(index.size).toBe(BOARD.length);
    expect(index.search('watch app').map((hit) => hit.id)).not.toContain('widget');
  });

  it('gives a symmetric pair score, highest for duplicates, 0 for an unknown id', () => {
    const index = new SimilarityIndex([
      ...BOARD,
      { id: 'dark-2', title: 'dark theme pls', body: 'The white background hurts my eyes at night.' },
    ]);
    const duplicate = index.pairScore('dark', 'dark-2');
    expect(duplicate).toBe(index.pairScore('dark-2', 'dark'));
    expect(duplicate).toBeGreaterThan(index.pairScore('dark', 'gantt'));
    expect(duplicate).toBeGreaterThan(index.pairScore('dark-2', 'slack'));
    expect(index.pairScore('dark', 'missing')).toBe(0);
  });
});

describe('similar ideas', () => {
  it('looks with the first characters of a text, once it is long enough', () => {
    expect(similarLookupText('  dark mode  ')).toBe('dark mode');
    expect(similarLookupText('  ab  ')).toBeNull();
    expect(similarLookupText('x'.repeat(LIMITS.similarTextMax + 50))).toHaveLength(LIMITS.similarTextMax);
  });

  it('defaults and caps the count, and refuses a count that is not a whole number of at least 1', () => {
    expect(similarLimit(undefined)).toBe(LIMITS.similarDefault);
    expect(similarLimit(3)).toBe(3);
    expect(similarLimit(500)).toBe(LIMITS.similarMax);
    for (const bad of [0, -1, 2.5, Number.NaN]) expect(() => similarLimit(bad)).toThrow(SaysoError);
  });

  it('returns ids best first, skipping weak matches and ineligible ideas', () => {
    const index = new SimilarityIndex(BOARD);
    expect(findSimilarIds(index, { text: 'dark mode', limit: 5 })).toEqual(['dark']);
    expect(findSimilarIds(index, { text: 'dark mode', limit: 5, eligible: (id) => id !== 'dark' })).toEqual([]);
    expect(findSimilarIds(index, { text: 'CSV', limit: 1 })).toHaveLength(1);
    expect(findSimilarIds(index, { text: 'ok', limit: 5 })).toEqual([]);
    expect(findSimilarIds(index, { text: 'the of and', limit: 5 })).toEqual([]);
  });
});
