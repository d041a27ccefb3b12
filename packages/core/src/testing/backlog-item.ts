import { BACKLOG_ITEM_DEFAULTS } from '../backlog/rules.js';
import type { BacklogItem } from '../backlog/types.js';

/**
 * A backlog item as `listBacklog` answers it, for tests of what reads items (rules, export, views):
 * an unbacked, unestimated technical-debt proposal unless `fields` say otherwise.
 */
export const listedBacklogItem = (id: string, fields: Partial<BacklogItem> = {}): BacklogItem => ({
  id,
  board: 'demo',
  title: `Item ${id}`,
  category: 'tech_debt',
  ...BACKLOG_ITEM_DEFAULTS,
  trackerUrls: [],
  demand: { people: 0, customers: { companies: [], mrr: 0, segments: [] }, ideas: 0, feedback: 0 },
  priority: { score: 0, formula: '', terms: [] },
  vague: true,
  stale: false,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-02T00:00:00.000Z',
  doneAt: null,
  ...fields,
});
