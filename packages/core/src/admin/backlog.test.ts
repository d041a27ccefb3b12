import { describe, expect, it } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import type { BacklogFilters, BacklogItem } from '../backlog/types.js';
import { createSaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import { backlogFiltersFromParams, backlogFiltersParams, createAdminBacklogView } from './backlog.js';

const item = (id: string, change: Partial<BacklogItem> = {}) => ({ id, title: `Item ${id}`, category: 'performance', updatedAt: '2026-01-01T00:00:00Z', ...change }) as BacklogItem;

/** A client whose adapter has only the admin methods given. */
const clientWith = (admin: Partial<SaysoAdminApi>) => createSaysoClient({ adapter: { admin } as unknown as SaysoAdapter });

describe('backlog filters in the address', () => {
  it('reads the known filters, drops unknown values, and writes them back', () => {
    const filters = backlogFiltersFromParams({ category: 'security_compliance', status: 'nope', vague: 'true', stale: 'false', q: '  slow ', item: 'b1' });
    expect(filters).toEqual({ category: 'security_compliance', vague: true, q: 'slow' });
    expect(backlogFiltersParams(filters)).toEqual({ category: 'security_compliance', vague: 'true', q: 'slow' });
    expect(backlogFiltersFromParams({})).toEqual({});
  });
});

describe('createAdminBacklogView', () => {
  it('ranks under filters by the place in the whole backlog', async () => {
    const asked: BacklogFilters[] = [];
    const client = clientWith({
      listBacklog: async ({ board: _board, ...filters }) => {
        asked.push(filters);
        return filters.category ? [item('c')] : [item('a'), item('b'), item('c')];
      },
    });
    const view = createAdminBacklogView(client, { board: 'demo' });
    await view.load({ category: 'refactoring' });
    expect(view.$list.get()).toMatchObject({ status: 'ready', filters: { category: 'refactoring' }, ranks: { a: 1, b: 2, c: 3 } });
    expect(view.$list.get().items.map((each) => each.id)).toEqual(['c']);
    expect(asked).toEqual([{ category: 'refactoring' }, {}]);
  });

  it('sends edits as made over the item it showed; a conflict changes nothing shown and is answered', async () => {
    const sent: unknown[] = [];
    let current = item('a', { updatedAt: '2026-01-02T00:00:00Z' });
    const client = clientWith({
      listBacklog: async () => [current],
      getBacklogItem: async () => current,
      listBacklogEvidence: async () => [],
      suggestBacklogEvidence: async () => ({ ideas: [], feedback: [] }),
      updateBacklogItem: async ({ itemId: _id, expected, ...change }) => {
        sent.push(expected);
        if (expected?.updatedAt !== current.updatedAt) throw new SaysoError('conflict', 'Someone changed this item.');
        return (current = { ...current, ...change, updatedAt: '2026-01-03T00:00:00Z' });
      },
    });
    const view = createAdminBacklogView(client, { board: 'demo' });
    await view.open('a');
    current = { ...current, updatedAt: '2026-01-02T12:00:00Z' };
    const refused = await view.update({ title: 'Faster' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('conflict');
    expect(view.$item.get()?.item?.title).toBe('Item a');
    await view.open('a');
    const saved = await view.update({ title: 'Faster' });
    expect(saved.ok && saved.value.title).toBe('Faster');
    expect(view.$item.get()?.item?.updatedAt).toBe('2026-01-03T00:00:00Z');
    expect(sent).toEqual([{ updatedAt: '2026-01-02T00:00:00Z' }, { updatedAt: '2026-01-02T12:00:00Z' }]);
  });

  it('keeps the item open when only its suggestions fail', async () => {
    const client = clientWith({
      getBacklogItem: async () => item('a'),
      listBacklogEvidence: async () => [],
      suggestBacklogEvidence: async () => {
        throw new SaysoError('server', 'The similarity index is down.');
      },
    });
    const view = createAdminBacklogView(client, { board: 'demo' });
    await view.open('a');
    expect(view.$item.get()).toMatchObject({ status: 'ready', item: { id: 'a' }, suggestions: null, suggestionsError: { code: 'server' } });
  });
});
