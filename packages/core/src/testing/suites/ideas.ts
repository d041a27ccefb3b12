import { expect, it } from 'vitest';
import { ADMIN_IDEA_COLUMNS, type AdminIdeaColumn, type AdminIdeaQuery, type AdminIdeaRow, type SortDirection } from '../../admin/ideas-query.js';
import type { SaysoAdminApi } from '../../adapter.js';
import { rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let made = 0;
/** A name no other test (or earlier run against the same database) used. */
const uniqueName = (what: string) => `${what} ${Date.now().toString(36)}-${++made}`;

/**
 * A board of three ideas an admin has worked on, and one merged away: Alpha (1 person, weighted
 * ×10, evidence from the API), Bravo (3 people, planned), Charlie (3 people with Delta merged into
 * it, tagged).
 */
async function triagedBoard(suite: SuiteContext) {
  const { admin } = suite.admin();
  const { board, alice, bob, carol } = await suite.freshBoard();
  const alpha = await alice.createPost({ board, title: 'Alpha export to spreadsheets', body: 'Monthly report.' });
  const bravo = await bob.createPost({ board, title: 'Bravo theme for the editor', body: 'Too bright at night.' });
  const charlie = await carol.createPost({ board, title: 'Charlie calendar sync', body: 'Google and Outlook.' });
  const delta = await alice.createPost({ board, title: 'Delta calendar integration', body: 'Sync my meetings.' });
  await alice.vote({ postId: bravo.id });
  await carol.vote({ postId: bravo.id });
  await bob.vote({ postId: charlie.id });
  await admin.setPostStatus({ postId: bravo.id, status: 'planned' });
  await admin.setPriorityInputs({ postId: alpha.id, impact: 10, effort: 1 });
  const tag = await admin.createTag({ board, name: 'Integrations' });
  await admin.addPostTag({ postId: charlie.id, tag: tag.slug });
  const item = await admin.submitFeedback({ board, sourceId: uniqueName('ideas-suite'), text: 'We export to Excel every month.' });
  await admin.linkFeedback({ itemIds: [item.id], postId: alpha.id });
  await admin.mergePost({ postId: delta.id, into: charlie.id });
  return { admin, board, alice, tag, ideas: { alpha, bravo, charlie, delta } };
}

const idsOf = (page: { items: AdminIdeaRow[] }) => page.items.map((row) => row.id);

/** A row's value of a column, compared as every adapter compares it (text by code point, instants in time). */
const valueOf = (row: AdminIdeaRow, column: AdminIdeaColumn): string | number =>
  ({
    title: row.title,
    board: row.board,
    status: row.status,
    people: row.peopleCount,
    mrr: row.mrr,
    priority: row.priority,
    evidence: row.evidenceCount,
    lastActivity: Date.parse(row.lastActivityAt),
    created: Date.parse(row.createdAt),
  })[column];

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Every page of a query, `limit` rows at a time. */
async function walk(admin: SaysoAdminApi, query: AdminIdeaQuery, limit: number): Promise<AdminIdeaRow[]> {
  const rows: AdminIdeaRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await admin.listIdeas({ ...query, cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

export const ideas: SuiteArea = {
  name: 'admin ideas list',
  needs: ['admin'],
  tests: (suite) => {
    it('lists every canonical idea of a board with its columns, most people first', async () => {
      const { admin, board, tag, ideas } = await triagedBoard(suite);
      const page = await admin.listIdeas({ board });
      expect(page.nextCursor).toBeNull();
      expect(idsOf(page)).not.toContain(ideas.delta.id);
      expect(page.items.map((row) => row.peopleCount)).toEqual([3, 3, 1]);
      const byId = new Map(page.items.map((row) => [row.id, row]));
      expect(byId.get(ideas.alpha.id)).toEqual({
        id: ideas.alpha.id,
        title: 'Alpha export to spreadsheets',
        board,
        status: ideas.alpha.status,
        peopleCount: 1,
        mrr: 0,
        priority: 10,
        evidenceCount: 2,
        tags: [],
        createdAt: ideas.alpha.createdAt,
        lastActivityAt: expect.any(String),
      });
      expect(byId.get(ideas.bravo.id)).toMatchObject({ status: 'planned', peopleCount: 3, priority: 3, evidenceCount: 1 });
      // Delta's people, and its words as evidence, count on Charlie.
      expect(byId.get(ideas.charlie.id)).toMatchObject({ peopleCount: 3, evidenceCount: 2, tags: [tag] });
      for (const row of page.items) expect(Date.parse(row.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(row.createdAt));
    });

    it('sorts by every column either way, ties by id, and pages through without a repeat or a gap', async () => {
      const { admin, board } = await triagedBoard(suite);
      for (const column of ADMIN_IDEA_COLUMNS) {
        for (const direction of ['asc', 'desc'] as SortDirection[]) {
          const sort = { column, direction };
          const all = (await admin.listIdeas({ board, sort, limit: 100 })).items;
          expect(all).toHaveLength(3);
          const sign = direction === 'asc' ? 1 : -1;
          for (let n = 1; n < all.length; n++) {
            const [before, after] = [all[n - 1]!, all[n]!];
            const order = sign * (compare(valueOf(before, column), valueOf(after, column)) || compare(before.id, after.id));
            expect(order, `${column} ${direction}`).toBeLessThan(0);
          }
          expect((await walk(admin, { board, sort }, 1)).map((row) => row.id), `${column} ${direction}`).toEqual(all.map((row) => row.id));
        }
      }
      const { nextCursor } = await admin.listIdeas({ board, sort: { column: 'people', direction: 'desc' }, limit: 1 });
      await rejectsWith(admin.listIdeas({ board, sort: { column: 'title', direction: 'desc' }, cursor: nextCursor }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board, cursor: 'not-a-cursor' }), 'invalid_input');
    });

    it('narrows by status, tag, evidence channel, people, creation dates and words, all at once', async () => {
      const { admin, board, tag, ideas } = await triagedBoard(suite);
      const ids = async (query: AdminIdeaQuery) => idsOf(await admin.listIdeas({ board, sort: { column: 'title', direction: 'asc' }, ...query }));
      expect(await ids({ status: 'planned' })).toEqual([ideas.bravo.id]);
      expect(await ids({ tag: tag.slug })).toEqual([ideas.charlie.id]);
      expect(await ids({ source: 'api' })).toEqual([ideas.alpha.id]);
      expect(await ids({ minPeople: 2 })).toEqual([ideas.bravo.id, ideas.charlie.id]);
      expect(await ids({ q: 'calendar' })).toEqual([ideas.charlie.id]);
      expect(await ids({ minPeople: 2, tag: tag.slug, status: ideas.charlie.status })).toEqual([ideas.charlie.id]);
      const day = 86_400_000;
      const created = Date.parse(ideas.alpha.createdAt);
      const date = (at: number) => new Date(at).toISOString().slice(0, 10);
      expect(await ids({ createdFrom: date(created - day), createdTo: date(created + day) })).toHaveLength(3);
      expect(await ids({ createdTo: date(created - day) })).toEqual([]);
      expect(await ids({ createdFrom: new Date(created + day).toISOString() })).toEqual([]);
      expect(await ids({ createdFrom: ideas.alpha.createdAt, createdTo: date(created) })).toHaveLength(3);
    });

    it('refuses a sort, number or date it does not know, and an unknown board', async () => {
      const { admin } = suite.admin();
      const { board } = await suite.freshBoard();
      await rejectsWith(admin.listIdeas({ board, sort: { column: 'votes' as AdminIdeaColumn, direction: 'asc' } }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board, sort: { column: 'title', direction: 'up' as SortDirection } }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board, minPeople: -1 }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board, createdFrom: 'soon' }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board, limit: 0 }), 'invalid_input');
      await rejectsWith(admin.listIdeas({ board: 'no-such-board-anywhere' }), 'not_found');
    });

    it('puts an idea first by last activity once someone comments on it', async () => {
      const { admin, board, alice, ideas } = await triagedBoard(suite);
      await alice.addComment({ postId: ideas.alpha.id, body: 'Still needed every month.' });
      const [first] = (await admin.listIdeas({ board, sort: { column: 'lastActivity', direction: 'desc' } })).items;
      expect(first?.id).toBe(ideas.alpha.id);
    });

    it('tells the ideas in an open duplicate pair from the others', async () => {
      const { admin } = suite.admin();
      const { board, alice, bob, carol } = await suite.freshBoard();
      const dark = await alice.createPost({ board, title: 'Dark mode for the editor', body: 'The editor is too bright at night; a dark theme please.' });
      const csv = await bob.createPost({ board, title: 'Export to CSV', body: 'For the monthly report.' });
      const theme = await carol.createPost({ board, title: 'Dark theme for the editor', body: 'A dark mode, the editor hurts my eyes at night.' });
      const sort = { column: 'title', direction: 'asc' } as const;
      expect(idsOf(await admin.listIdeas({ board, sort, hasDuplicates: true }))).toEqual([dark.id, theme.id]);
      expect(idsOf(await admin.listIdeas({ board, sort, hasDuplicates: false }))).toEqual([csv.id]);
      await admin.dismissDuplicateCandidate({ postIds: [dark.id, theme.id] });
      expect(idsOf(await admin.listIdeas({ board, sort, hasDuplicates: true }))).toEqual([]);
    });

    it('keeps named views for every admin, one per name', async () => {
      const { admin } = suite.admin();
      const name = uniqueName('Suite view');
      const saved = await admin.saveView({ name: `  ${name} `, params: { status: 'planned', sort: 'people' } });
      expect(saved).toEqual({ id: expect.any(String), name, params: { status: 'planned', sort: 'people' }, createdAt: expect.any(String) });
      expect(await suite.admin().admin.listSavedViews()).toContainEqual(saved);
      await rejectsWith(admin.saveView({ name: name.toUpperCase(), params: {} }), 'conflict');
      await rejectsWith(admin.saveView({ name: '  ', params: {} }), 'invalid_input');
      await rejectsWith(admin.saveView({ name: uniqueName('Bad'), params: { minPeople: 3 as unknown as string } }), 'invalid_input');
      await admin.deleteView({ viewId: saved.id });
      expect((await admin.listSavedViews()).map((view) => view.id)).not.toContain(saved.id);
      await rejectsWith(admin.deleteView({ viewId: saved.id }), 'not_found');
      await rejectsWith(admin.deleteView({ viewId: UNKNOWN }), 'not_found');
    });
  },
};
