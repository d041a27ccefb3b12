import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { listedBacklogItem } from '../testing/backlog-item.js';
import { backlogExport, spreadsheetSafe } from './export.js';

const now = new Date('2026-06-01T09:30:00.000Z');

describe('spreadsheetSafe', () => {
  it('prefixes with a quote every cell a spreadsheet would run as a formula', () => {
    for (const cell of ['=SUM(A1:A9)', '+1', '-1+1', '@SUM(A1)', '\t=cmd', '\r=cmd']) expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
  });

  it('leaves every other cell as it is', () => {
    for (const cell of ['', 'Rotate keys', ' =not first', "'quoted", 'a=b', '1-2', 'mail@example.test']) expect(spreadsheetSafe(cell)).toBe(cell);
  });
});

describe('backlogExport', () => {
  const hostile = listedBacklogItem('i-2', {
    title: '=HYPERLINK("https://evil.test","Click")',
    nextStep: '+cmd|\' /C calc\'!A0',
    owner: '@grace',
    trackerUrls: ['https://github.com/acme/api/issues/1', 'https://acme.atlassian.net/browse/SEC-2'],
  });
  const plain = listedBacklogItem('i-1', {
    title: 'Cache the feed, per user',
    description: 'Line one\nline two',
    nextStep: 'Measure "hit rate"\nthen decide',
    category: 'performance',
    status: 'in_progress',
    estimate: 2.5,
    risk: 1,
    demand: { people: 4, customers: { companies: [{ name: 'Acme', mrr: 500, people: 2 }], mrr: 500, segments: [] }, ideas: 2, feedback: 1 },
    priority: { score: 3.6, formula: '', terms: [] },
    vague: false,
  });

  it('writes a CSV that parses back to the same cells, one row per item in rank order, formulas defused', () => {
    const file = backlogExport('demo', [plain, hostile], 'csv', now);
    expect(file).toMatchObject({ filename: 'demo-backlog-2026-06-01.csv', contentType: 'text/csv; charset=utf-8' });
    const rows = parse(file.body) as string[][];
    expect(rows).toEqual([
      ['Rank', 'Title', 'Category', 'Status', 'Priority', 'People', 'Companies', 'MRR', 'Ideas', 'Feedback items', 'Estimate', 'Risk', 'Owner', 'Next step', 'Vague', 'Stale', 'Tracker links', 'Updated', 'Id'],
      ['1', 'Cache the feed, per user', 'Performance', 'In progress', '3.6', '4', '1', '500', '2', '1', '2.5', '1', '', 'Measure "hit rate"\nthen decide', 'false', 'false', '', '2026-05-02T00:00:00.000Z', 'i-1'],
      [
        '2',
        '\'=HYPERLINK("https://evil.test","Click")',
        'Technical debt',
        'Proposed',
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
        '',
        '0',
        "'@grace",
        '\'+cmd|\' /C calc\'!A0',
        'true',
        'false',
        'https://github.com/acme/api/issues/1 https://acme.atlassian.net/browse/SEC-2',
        '2026-05-02T00:00:00.000Z',
        'i-2',
      ],
    ]);
  });

  it('writes only the header for an empty backlog', () => {
    expect(parse(backlogExport('demo', [], 'csv', now).body)).toHaveLength(1);
  });

  it('writes JSON with each item as listed, its rank first, and text as written', () => {
    const file = backlogExport('demo', [plain, hostile], 'json', now);
    expect(file).toMatchObject({ filename: 'demo-backlog-2026-06-01.json', contentType: 'application/json' });
    expect(JSON.parse(file.body)).toEqual({
      board: 'demo',
      exportedAt: '2026-06-01T09:30:00.000Z',
      items: [
        { rank: 1, ...plain },
        { rank: 2, ...hostile },
      ],
    });
  });
});
