import { expect, it } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../../adapter.js';
import { BACKLOG_ITEM_DEFAULTS, DEFAULT_CAPACITY_SETTINGS } from '../../backlog/rules.js';
import type { BacklogCategory, BacklogItem, BacklogItemFields } from '../../backlog/types.js';
import type { NewFeedbackItem } from '../../types.js';
import { describeNeeding, kindsOf, newVisitors, refusedFields, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

let deliveries = 0;
/** Feedback through the API channel, with a source id no other test (or earlier run against the same database) used. */
const submit = (admin: SaysoAdminApi, board: string, item: Partial<NewFeedbackItem>) =>
  admin.submitFeedback({ board, sourceId: `suite-backlog-${Date.now().toString(36)}-${++deliveries}`, text: 'The export times out.', ...item });

/** A fresh board, its visitors and the admin. */
async function backlogBoard(suite: SuiteContext) {
  const { adapter, admin } = suite.admin();
  const visitors = await suite.freshBoard();
  /** A new item on the board: technical debt unless told otherwise. */
  const create = (fields: Partial<BacklogItemFields> & { title: string }) => admin.createBacklogItem({ board: visitors.board, category: 'tech_debt', ...fields });
  return { ...visitors, adapter, admin, create };
}

/** An idea posted by `author` and voted by each of `voters`: `1 + voters.length` people. */
async function ideaBackedBy(board: string, title: string, author: SaysoAdapter, voters: SaysoAdapter[] = []) {
  const post = await author.createPost({ board, title, body: '' });
  for (const voter of voters) await voter.vote({ postId: post.id });
  return post;
}

const titles = (items: BacklogItem[]) => items.map((item) => item.title);

export const backlog: SuiteArea = {
  name: 'backlog',
  needs: ['admin'],
  tests: (suite) => {
    it('adds an item with its defaults, flagged vague until it has a next step', async () => {
      const { board, admin, create } = await backlogBoard(suite);
      const item = await create({ title: 'Replace the job queue', trackerUrls: ['https://github.com/acme/api/issues/12'] });
      expect(item).toMatchObject({
        ...BACKLOG_ITEM_DEFAULTS,
        board,
        title: 'Replace the job queue',
        category: 'tech_debt',
        trackerUrls: ['https://github.com/acme/api/issues/12'],
        demand: { people: 0, ideas: 0, feedback: 0 },
        vague: true,
        stale: false,
        doneAt: null,
      });
      expect(await admin.getBacklogItem({ itemId: item.id })).toEqual(item);
      const edited = await admin.updateBacklogItem({ itemId: item.id, nextStep: 'Benchmark pg-boss against the queue', estimate: 3, owner: 'Grace' });
      expect(edited).toMatchObject({ title: 'Replace the job queue', nextStep: 'Benchmark pg-boss against the queue', estimate: 3, owner: 'Grace', vague: false });
    });

    it('refuses bad fields naming each, an unknown board or item with not_found', async () => {
      const { board, admin, create } = await backlogBoard(suite);
      const refused = async (fields: Record<string, unknown>) =>
        refusedFields(await rejectsWith(admin.createBacklogItem({ board, title: 'Rotate the keys', category: 'security_compliance', ...fields } as never), 'invalid_input'));
      expect(await refused({ title: '   ' })).toContain('title');
      expect(await refused({ category: 'chores' })).toContain('category');
      expect(await refused({ estimate: 0 })).toContain('estimate');
      expect(await refused({ risk: 4 })).toContain('risk');
      expect(await refused({ status: 'someday' })).toContain('status');
      expect(await refused({ trackerUrls: ['not a link'] })).toContain('trackerUrls');
      expect(await admin.listBacklog({ board })).toEqual([]);
      await rejectsWith(admin.createBacklogItem({ board: `no-such-board-${Date.now()}`, title: 'Rotate the keys', category: 'tech_debt' }), 'not_found');
      await rejectsWith(admin.getBacklogItem({ itemId: UNKNOWN }), 'not_found');
      await rejectsWith(admin.updateBacklogItem({ itemId: UNKNOWN, title: 'Nothing' }), 'not_found');
      const item = await create({ title: 'Rotate the keys' });
      expect(refusedFields(await rejectsWith(admin.updateBacklogItem({ itemId: item.id, estimate: -1 }), 'invalid_input'))).toContain('estimate');
      expect((await admin.getBacklogItem({ itemId: item.id })).estimate).toBeNull();
      await admin.deleteBacklogItem({ itemId: item.id });
      await rejectsWith(admin.getBacklogItem({ itemId: item.id }), 'not_found');
      await rejectsWith(admin.deleteBacklogItem({ itemId: item.id }), 'not_found');
    });

    it('ranks by the people behind an item; risk weighs for security and compliance only', async () => {
      const { board, alice, bob, carol, admin, create } = await backlogBoard(suite);
      const unbacked = await create({ title: 'Unbacked cleanup' });
      const backed = await create({ title: 'Backed by three', category: 'performance' });
      const riskyDebt = await create({ title: 'Risky debt', risk: 3 });
      const security = await create({ title: 'Patch the TLS library', category: 'security_compliance', risk: 3, estimate: 3 });
      const idea = await ideaBackedBy(board, 'The dashboard is slow', alice, [bob, carol]);
      const linked = await admin.linkBacklogEvidence({ itemId: backed.id, postIds: [idea.id] });
      expect(linked.demand).toMatchObject({ people: 3, ideas: 1, feedback: 0 });
      expect(linked.priority.terms.find((term) => term.name === 'people')).toMatchObject({ value: 3 });

      // People weigh 1 and risk 5 on a board nobody configured: 3 people score 3; risk 3 over an estimate of 3 scores 5.
      const ranked = await admin.listBacklog({ board });
      expect(titles(ranked)).toEqual(['Patch the TLS library', 'Backed by three', 'Unbacked cleanup', 'Risky debt']);
      const [first, second, third, fourth] = ranked;
      expect(first!.priority.terms.find((term) => term.name === 'risk')).toMatchObject({ value: 3, weight: DEFAULT_CAPACITY_SETTINGS.riskWeight, contribution: 15 });
      expect(first!.priority.terms.find((term) => term.name === 'effort')).toMatchObject({ value: 3 });
      expect(first!.priority.score).toBe(5);
      expect(second!.priority.score).toBe(3);
      expect(third!.priority.score).toBe(0);
      expect(fourth!.priority.terms.find((term) => term.name === 'risk')).toMatchObject({ value: 0, contribution: 0 });
      expect(fourth!.priority.score).toBe(0);
      expect([first, second, third, fourth].map((item) => item!.id)).toEqual([security.id, backed.id, unbacked.id, riskyDebt.id]);
    });

    it('counts each person once across an idea and feedback of the same person, and across merged ideas', async () => {
      const { board, alice, bob, carol, admin, create } = await backlogBoard(suite);
      const idea = await ideaBackedBy(board, 'Single sign-on', alice);
      await admin.addCustomerRequest({ postId: idea.id, name: 'Dana', email: 'dana@acme.test', company: 'Acme' });
      const fromDana = await submit(admin, board, { text: 'We need Okta sign-in.', author: { name: 'Dana', email: 'DANA@acme.test', company: 'Acme' } });
      const fromErin = await submit(admin, board, { text: 'SSO please.', author: { name: 'Erin', email: 'erin@globex.test', company: 'Globex' } });
      const item = await create({ title: 'SAML support in the auth service', category: 'security_compliance' });
      const linked = await admin.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id], feedbackItemIds: [fromDana.id, fromErin.id] });
      expect(linked.demand).toMatchObject({ people: 3, ideas: 1, feedback: 2 });
      expect(linked.demand.customers.companies.map((company) => company.name).sort()).toEqual(['Acme', 'Globex']);

      // bob's and carol's ideas, alice voting both, then one merged into the other: three people.
      const canonical = await ideaBackedBy(board, 'Faster search', bob, [alice]);
      const duplicate = await ideaBackedBy(board, 'Search is slow', carol, [alice]);
      await admin.mergePost({ postId: duplicate.id, into: canonical.id });
      const searchWork = await create({ title: 'Move search to its own index', category: 'performance' });
      // A merged idea links as itself and counts with its canonical's people.
      const viaDuplicate = await admin.linkBacklogEvidence({ itemId: searchWork.id, postIds: [duplicate.id] });
      expect(viaDuplicate.demand).toMatchObject({ people: 3, ideas: 1 });
      const both = await admin.linkBacklogEvidence({ itemId: searchWork.id, postIds: [canonical.id] });
      expect(both.demand).toMatchObject({ people: 3, ideas: 2 });
      const [evidence] = await admin.listBacklogEvidence({ itemId: searchWork.id });
      expect(evidence).toMatchObject({ itemId: searchWork.id, post: { id: canonical.id, title: 'Faster search', board, people: 3 }, feedback: null });
    });

    it('links evidence once, refuses unknown ids linking nothing, and unlinks by evidence id', async () => {
      const { board, alice, bob, admin, create } = await backlogBoard(suite);
      const idea = await ideaBackedBy(board, 'Exports time out', alice, [bob]);
      const feedback = await submit(admin, board, { text: 'The export spins forever.', author: { name: 'Frank', email: 'frank@initech.test', company: 'Initech' } });
      const item = await create({ title: 'Stream the export' });

      const unknownIdea = await rejectsWith(admin.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id, UNKNOWN] }), 'invalid_input');
      expect(`${unknownIdea.message} ${JSON.stringify(unknownIdea.details)}`).toContain(UNKNOWN);
      const unknownFeedback = await rejectsWith(admin.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id], feedbackItemIds: [UNKNOWN] }), 'invalid_input');
      expect(`${unknownFeedback.message} ${JSON.stringify(unknownFeedback.details)}`).toContain(UNKNOWN);
      expect(await admin.listBacklogEvidence({ itemId: item.id })).toEqual([]);
      await rejectsWith(admin.linkBacklogEvidence({ itemId: UNKNOWN, postIds: [idea.id] }), 'not_found');

      await admin.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id] });
      const linked = await admin.linkBacklogEvidence({ itemId: item.id, feedbackItemIds: [feedback.id] });
      expect(linked.demand).toMatchObject({ people: 3, ideas: 1, feedback: 1 });
      const again = await admin.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id], feedbackItemIds: [feedback.id] });
      expect(again).toEqual(linked);

      const evidence = await admin.listBacklogEvidence({ itemId: item.id });
      // Newest linked first.
      expect(evidence).toEqual([
        expect.objectContaining({
          itemId: item.id,
          post: null,
          feedback: expect.objectContaining({ id: feedback.id, source: 'api', text: 'The export spins forever.', authorName: 'Frank', authorEmail: 'frank@initech.test', authorCompany: 'Initech' }),
        }),
        expect.objectContaining({ itemId: item.id, post: { id: idea.id, title: 'Exports time out', board, people: 2, status: idea.status }, feedback: null }),
      ]);

      await rejectsWith(admin.unlinkBacklogEvidence({ itemId: item.id, evidenceId: UNKNOWN }), 'not_found');
      const other = await create({ title: 'Another item' });
      await rejectsWith(admin.unlinkBacklogEvidence({ itemId: other.id, evidenceId: evidence[0]!.id }), 'not_found');
      const unlinked = await admin.unlinkBacklogEvidence({ itemId: item.id, evidenceId: evidence[1]!.id });
      expect(unlinked.demand).toMatchObject({ people: 1, ideas: 0, feedback: 1 });
      expect((await admin.listBacklogEvidence({ itemId: item.id })).map((piece) => piece.id)).toEqual([evidence[0]!.id]);
      // The idea itself stays.
      expect((await alice.getPost({ postId: idea.id })).peopleCount).toBe(2);
    });

    it('refuses a change made over an older version with conflict; every change moves updatedAt', async () => {
      const { board, alice, admin, create } = await backlogBoard(suite);
      const seen = await create({ title: 'Drop the legacy API' });
      const renamed = await admin.updateBacklogItem({ itemId: seen.id, title: 'Retire the v1 API', expected: { updatedAt: seen.updatedAt } });
      expect(renamed.updatedAt).not.toBe(seen.updatedAt);
      await rejectsWith(admin.updateBacklogItem({ itemId: seen.id, title: 'Keep the v1 API', expected: { updatedAt: seen.updatedAt } }), 'conflict');
      await rejectsWith(admin.updateBacklogItem({ itemId: seen.id, status: 'done', expected: { updatedAt: seen.updatedAt } }), 'conflict');
      expect(await admin.getBacklogItem({ itemId: seen.id })).toMatchObject({ title: 'Retire the v1 API', status: 'proposed', updatedAt: renamed.updatedAt });

      const idea = await ideaBackedBy(board, 'Document the v2 API', alice);
      const linked = await admin.linkBacklogEvidence({ itemId: seen.id, postIds: [idea.id] });
      expect(linked.updatedAt).not.toBe(renamed.updatedAt);
      await rejectsWith(admin.updateBacklogItem({ itemId: seen.id, status: 'planned', expected: { updatedAt: renamed.updatedAt } }), 'conflict');
      const planned = await admin.updateBacklogItem({ itemId: seen.id, status: 'planned', expected: { updatedAt: linked.updatedAt } });
      expect(planned).toMatchObject({ status: 'planned', doneAt: null });
      expect(planned.updatedAt).not.toBe(linked.updatedAt);
    });

    it('filters by category, status, vague, stale and words', async () => {
      const { board, admin, create } = await backlogBoard(suite);
      await create({ title: 'Vague wish' });
      await create({ title: 'Upgrade Postgres', category: 'infrastructure', nextStep: 'Test the upgrade on staging', description: 'The cluster runs an unsupported major version.' });
      const planned = await create({ title: 'Cache the feed', category: 'performance', nextStep: 'Measure the hit rate', status: 'planned' });
      expect(planned.status).toBe('planned');

      const list = (filters: Parameters<SaysoAdminApi['listBacklog']>[0]) => admin.listBacklog(filters).then(titles);
      expect((await list({ board })).sort()).toEqual(['Cache the feed', 'Upgrade Postgres', 'Vague wish']);
      expect(await list({ board, vague: true })).toEqual(['Vague wish']);
      expect(await list({ board, category: 'infrastructure' })).toEqual(['Upgrade Postgres']);
      expect(await list({ board, status: 'planned' })).toEqual(['Cache the feed']);
      expect(await list({ board, q: 'unsupported' })).toEqual(['Upgrade Postgres']);
      // Nothing here is older than the board's 90 days.
      expect(await list({ board, stale: true })).toEqual([]);
      expect((await admin.listBacklog({ board })).every((item) => !item.stale)).toBe(true);
      await rejectsWith(admin.listBacklog({ board, category: 'chores' as BacklogCategory }), 'invalid_input');
      await rejectsWith(admin.listBacklog({ board: `no-such-board-${Date.now()}` }), 'not_found');
    });

    it('suggests similar ideas and feedback not linked yet, scored 0 to 1', async () => {
      const { board, alice, admin, create } = await backlogBoard(suite);
      const csv = await ideaBackedBy(board, 'CSV export is too slow', alice);
      await ideaBackedBy(board, 'Dark mode for the editor', alice);
      const feedback = await submit(admin, board, { text: 'Exporting a CSV file takes minutes, please make the export faster.' });
      // Feedback already evidence of an idea comes with that idea, not as a suggestion of its own.
      const triaged = await submit(admin, board, { text: 'The CSV export is slow: exporting takes minutes.' });
      await admin.linkFeedback({ itemIds: [triaged.id], postId: csv.id });
      const item = await create({ title: 'Make the CSV export faster', nextStep: 'Stream rows instead of building the file' });

      const suggested = await admin.suggestBacklogEvidence({ itemId: item.id });
      expect(suggested.ideas[0]).toMatchObject({ id: csv.id, title: 'CSV export is too slow', people: 1 });
      expect(suggested.ideas.map((idea) => idea.title)).not.toContain('Dark mode for the editor');
      expect(suggested.feedback.map((piece) => piece.id)).toContain(feedback.id);
      expect(suggested.feedback.map((piece) => piece.id)).not.toContain(triaged.id);
      for (const { score } of [...suggested.ideas, ...suggested.feedback]) expect(score > 0 && score <= 1).toBe(true);

      await admin.linkBacklogEvidence({ itemId: item.id, postIds: [csv.id], feedbackItemIds: [feedback.id] });
      const after = await admin.suggestBacklogEvidence({ itemId: item.id });
      expect(after.ideas.map((idea) => idea.id)).not.toContain(csv.id);
      expect(after.feedback.map((piece) => piece.id)).not.toContain(feedback.id);
      await rejectsWith(admin.suggestBacklogEvidence({ itemId: UNKNOWN }), 'not_found');
    });

    it('reports capacity: effort done in the window beside the targets', async () => {
      const { board, alice, admin, create } = await backlogBoard(suite);
      const empty = await admin.getCapacity({ board });
      expect(empty).toMatchObject({ board, settings: DEFAULT_CAPACITY_SETTINGS, ideaEffort: 0, engineeringEffort: 0, engineeringActual: 0, engineeringTarget: 20 });
      expect(Date.parse(empty.to) - Date.parse(empty.from)).toBe(DEFAULT_CAPACITY_SETTINGS.windowWeeks * 7 * 86_400_000);

      const shipped = await alice.createPost({ board, title: 'Calendar sync', body: '' });
      await admin.setPostStatus({ postId: shipped.id, status: 'shipped' });
      const cache = await create({ title: 'Cache the feed', category: 'performance', estimate: 2 });
      const keys = await create({ title: 'Rotate the keys', category: 'security_compliance' });
      const reopened = await create({ title: 'Split the monolith', category: 'refactoring', estimate: 5 });
      await create({ title: 'Not done yet', category: 'performance', estimate: 8 });
      for (const item of [cache, keys, reopened]) {
        const done = await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
        expect(done.doneAt).toEqual(expect.any(String));
      }
      // Out of done again: it no longer counts as done work.
      await admin.updateBacklogItem({ itemId: reopened.id, status: 'in_progress' });

      const report = await admin.getCapacity({ board });
      // 1 idea shipped (no effort set: 1), 2 + 1 (not estimated) of engineering: 3 of 4.
      expect(report).toMatchObject({ ideaEffort: 1, engineeringEffort: 3, engineeringActual: 75, engineeringTarget: 20, engineeringGap: 55 });
      const share = (category: BacklogCategory) => report.categories.find((entry) => entry.category === category);
      expect(share('performance')).toEqual({ category: 'performance', effort: 2, actual: 50, target: null, gap: null });
      expect(share('security_compliance')).toEqual({ category: 'security_compliance', effort: 1, actual: 25, target: null, gap: null });
      expect(share('refactoring')).toMatchObject({ effort: 0, actual: 0 });
    });

    it('sets capacity settings, keeping what is left out and refusing bad values naming each', async () => {
      const { board, admin, create } = await backlogBoard(suite);
      const report = await admin.setCapacitySettings({ board, engineeringTarget: 30, categoryMinimums: { security_compliance: 5 } });
      expect(report.settings).toEqual({ ...DEFAULT_CAPACITY_SETTINGS, engineeringTarget: 30, categoryMinimums: { security_compliance: 5 } });
      expect(report.categories.find((entry) => entry.category === 'security_compliance')).toMatchObject({ target: 5, actual: 0, gap: -5 });
      expect(report).toMatchObject({ engineeringTarget: 30, engineeringGap: -30 });

      const refused = async (settings: Record<string, unknown>) =>
        refusedFields(await rejectsWith(admin.setCapacitySettings({ board, ...settings } as never), 'invalid_input'));
      expect(await refused({ engineeringTarget: 101 })).toContain('engineeringTarget');
      expect(await refused({ categoryMinimums: { security_compliance: 60, performance: 50 } })).toContain('categoryMinimums');
      expect(await refused({ categoryMinimums: { chores: 5 } })).toContain('categoryMinimums');
      expect(await refused({ windowWeeks: 0 })).toContain('windowWeeks');
      expect(await refused({ staleDays: 0 })).toContain('staleDays');
      expect(await refused({ riskWeight: -1 })).toContain('riskWeight');
      expect(await refused({ estimateUnit: 'hours' })).toContain('estimateUnit');
      expect((await admin.getCapacity({ board })).settings).toEqual(report.settings);
      await rejectsWith(admin.getCapacity({ board: `no-such-board-${Date.now()}` }), 'not_found');

      // The risk weight is the board's: it weighs in its security items' priority.
      const item = await create({ title: 'Patch OpenSSL', category: 'security_compliance', risk: 2 });
      expect(item.priority.score).toBe(2 * DEFAULT_CAPACITY_SETTINGS.riskWeight);
      await admin.setCapacitySettings({ board, riskWeight: 10, windowWeeks: 4, estimateUnit: 'points' });
      expect((await admin.getBacklogItem({ itemId: item.id })).priority.score).toBe(20);
      expect((await admin.getCapacity({ board })).settings).toEqual({ ...report.settings, riskWeight: 10, windowWeeks: 4, estimateUnit: 'points' });
    });

    it('exports the ranked backlog as CSV with formulas defused, and as JSON', async () => {
      const { board, alice, bob, admin, create } = await backlogBoard(suite);
      const formula = await create({ title: '=HYPERLINK("https://evil.test")', category: 'security_compliance' });
      const backed = await create({ title: 'Faster uploads', category: 'performance', nextStep: 'Profile, then fix' });
      await admin.linkBacklogEvidence({ itemId: backed.id, postIds: [(await ideaBackedBy(board, 'Uploads are slow', alice, [bob])).id] });

      const csv = await admin.exportBacklog({ board, format: 'csv' });
      expect(csv.filename).toMatch(new RegExp(`^${board}-backlog-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      expect(csv.contentType).toMatch(/^text\/csv/);
      const lines = csv.body.trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^Rank,Title,/);
      expect(lines[1]).toMatch(/^1,Faster uploads,/);
      expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""https:\/\/evil\.test""\)",/);
      expect(lines).toHaveLength(3);

      const json = await admin.exportBacklog({ board, format: 'json' });
      expect(json).toMatchObject({ filename: expect.stringMatching(/\.json$/), contentType: expect.stringMatching(/^application\/json/) });
      const parsed = JSON.parse(json.body) as { board: string; items: Array<{ rank: number; id: string; title: string }> };
      expect(parsed.board).toBe(board);
      expect(parsed.items.map(({ rank, id, title }) => ({ rank, id, title }))).toEqual([
        { rank: 1, id: backed.id, title: 'Faster uploads' },
        { rank: 2, id: formula.id, title: '=HYPERLINK("https://evil.test")' },
      ]);

      const filtered = await admin.exportBacklog({ board, format: 'json', category: 'performance' });
      expect((JSON.parse(filtered.body) as typeof parsed).items.map((item) => item.id)).toEqual([backed.id]);
      await rejectsWith(admin.exportBacklog({ board, format: 'xlsx' as 'csv' }), 'invalid_input');
    });

    it('shows visitors the public items that are not dropped, work under way first, without who asked', async () => {
      const { board, alice, bob, admin, create } = await backlogBoard(suite);
      const proposed = await create({ title: 'Public proposal', public: true });
      const underWay = await create({ title: 'Public work under way', category: 'performance', public: true, status: 'in_progress' });
      const done = await create({ title: 'Public and done', public: true });
      await admin.updateBacklogItem({ itemId: done.id, status: 'done' });
      await create({ title: 'Public but dropped', public: true, status: 'dropped' });
      await create({ title: 'Private plan', status: 'planned' });
      await admin.linkBacklogEvidence({ itemId: proposed.id, postIds: [(await ideaBackedBy(board, 'Offline mode', alice, [bob])).id] });

      expect(alice.listPublicBacklog).toBeDefined();
      expect(await alice.listPublicBacklog!({ board })).toEqual([
        { id: underWay.id, title: 'Public work under way', category: 'performance', status: 'in_progress', people: 0 },
        { id: proposed.id, title: 'Public proposal', category: 'tech_debt', status: 'proposed', people: 2 },
        { id: done.id, title: 'Public and done', category: 'tech_debt', status: 'done', people: 0 },
      ]);
      await admin.updateBacklogItem({ itemId: proposed.id, public: false });
      expect((await bob.listPublicBacklog!({ board })).map((item) => item.id)).toEqual([underWay.id, done.id]);
    });

    describeNeeding(suite, ['admin', 'notifications'], 'telling people', () => {
      it('tells everyone behind the evidence once when the item is first done, never the admin who moved it', async () => {
        const { adapter, admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { dana, erin, finn, bystander } = newVisitors(suite, ['dana', 'erin', 'finn', 'bystander']);
        const first = await ideaBackedBy(board, 'Uploads fail on large files', dana, [erin, adapter]);
        const second = await ideaBackedBy(board, 'Upload progress bar', finn, [erin]);
        await bystander.createPost({ board, title: 'Unrelated idea', body: '' });
        const item = await admin.createBacklogItem({ board, title: 'Chunked uploads', category: 'infrastructure' });
        await admin.linkBacklogEvidence({ itemId: item.id, postIds: [first.id] });
        await admin.linkBacklogEvidence({ itemId: item.id, postIds: [second.id] });
        const adminBefore = await kindsOf(adapter);

        await admin.updateBacklogItem({ itemId: item.id, status: 'in_progress' });
        expect(await kindsOf(dana)).toEqual([]);

        await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
        // erin asked for both ideas: told once, about the one linked first.
        for (const [person, idea] of [[dana, first], [erin, first], [finn, second]] as const) {
          const { items } = await person.listNotifications();
          expect(items).toHaveLength(1);
          expect(items[0]).toMatchObject({
            kind: 'fixed',
            post: { id: idea.id, board, title: idea.title },
            backlogItem: { id: item.id, title: 'Chunked uploads' },
            comment: null,
            mergedFrom: null,
            readAt: null,
          });
        }
        expect(await kindsOf(bystander)).toEqual([]);
        expect(await kindsOf(adapter)).toEqual(adminBefore);

        // Out of done and back: nobody is told again.
        await admin.updateBacklogItem({ itemId: item.id, status: 'planned' });
        await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
        for (const [person, idea] of [[dana, first], [erin, first], [finn, second]] as const) expect(await kindsOf(person)).toEqual([`fixed ${idea.title}`]);
      });
    });
  },
};
