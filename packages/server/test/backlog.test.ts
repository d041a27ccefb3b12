// Issue 14, the engineering backlog over HTTP on both engines: items ranked by the distinct people
// behind their evidence (ideas with their merged ideas and requests, feedback authors counted as
// the same person a link to an idea makes of them), edits with conflicts, status changes through
// moveBacklogItem (done dated and told once), suggestions, capacity, the export file and the
// public backlog. Each change records its event.
import type { BacklogEvidence, BacklogItem, BacklogSuggestions, CapacityReport, FeedbackItem, Post, PublicBacklogItem } from '@sayso/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { backlogEvidenceListSchema, backlogItemSchema, backlogSuggestionsSchema, capacityReportSchema } from '../src/schemas.js';
import { expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'backlog-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('the engineering backlog on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'backlog' });

  const ok = async <T>(method: string, path: string, options: CallOptions = {}, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    return response.json as T;
  };
  const create = (board: string, body: Record<string, unknown>) => ok<BacklogItem>('POST', `/boards/${board}/backlog`, { ...admin, body }, 201);
  const change = (itemId: string, body: Record<string, unknown>) => ok<BacklogItem>('PATCH', `/backlog/${itemId}`, { ...admin, body });
  const list = async (board: string, query = '') => (await ok<{ items: BacklogItem[] }>('GET', `/boards/${board}/backlog${query}`, admin)).items;
  const link = (itemId: string, body: Record<string, unknown>) => ok<BacklogItem>('POST', `/backlog/${itemId}/evidence`, { ...admin, body });
  const idea = (board: string, title: string, voter = someone('author')) => ok<Post>('POST', `/boards/${board}/posts`, { voter, body: { title } }, 201);
  const vote = (postId: string, voter: string) => ok('POST', `/posts/${postId}/votes`, { voter });
  const feedback = (board: string, text: string, author: Record<string, string> = {}) =>
    ok<FeedbackItem>('POST', '/feedback', { ...admin, body: { board, text, author } }, 201);
  const events = async (type: string, itemId: string) =>
    (await db().query<{ payload: Record<string, unknown> }>('SELECT payload FROM domain_events WHERE type = $1 AND subject_id = $2 ORDER BY sequence', [type, itemId])).map(
      (row) => row.payload,
    );

  it('creates items, checks their fields and refuses anyone but an admin', async () => {
    const board = await freshBoard();
    const item = await create(board, { title: '  Replace the session store  ', category: 'tech_debt', trackerUrls: ['https://github.com/acme/app/issues/12'] });
    expect(backlogItemSchema.safeParse(item).error).toBeUndefined();
    expect(item).toMatchObject({
      board,
      title: 'Replace the session store',
      status: 'proposed',
      estimate: null,
      risk: 0,
      owner: null,
      public: false,
      vague: true,
      stale: false,
      doneAt: null,
      demand: { people: 0, ideas: 0, feedback: 0, customers: { companies: [], mrr: 0, segments: [] } },
      trackerUrls: ['https://github.com/acme/app/issues/12'],
    });
    expect(item.priority.formula).toBe('(people × 1 + MRR × 0.01 + risk × 5) ÷ effort');
    expect(await ok<BacklogItem>('GET', `/backlog/${item.id}`, admin)).toEqual(item);
    expect(await events('backlog.created', item.id)).toEqual([{ board, title: 'Replace the session store', category: 'tech_debt' }]);
    // The tracker key a webhook compares is kept beside the link as written.
    const [keys] = await db().query<{ tracker_keys: string[] }>('SELECT tracker_keys FROM backlog_items WHERE id = $1', [item.id]);
    expect(keys!.tracker_keys).toEqual(['https://github.com/acme/app/issues/12']);

    const problems = async (body: unknown) =>
      ((await expectError(call('POST', `/boards/${board}/backlog`, { ...admin, body }), 400, 'invalid_input')).details?.problems as Array<{ field: string }>).map(
        (problem) => problem.field,
      );
    expect(await problems({ title: ' ', category: 'tech_debt' })).toContain('title');
    expect(await problems({ title: 'A', category: 'gardening' })).toContain('category');
    expect(await problems({ title: 'A', category: 'tech_debt', estimate: 0 })).toContain('estimate');
    expect(await problems({ title: 'A', category: 'tech_debt', risk: 4 })).toContain('risk');
    expect(await problems({ title: 'A', category: 'tech_debt', trackerUrls: ['javascript:alert(1)'] })).toContain('trackerUrls');
    expect(await problems({ title: 'A', category: 'tech_debt', colour: 'red' })).toEqual(expect.any(Array));
    await expectError(call('POST', '/boards/no-such-board/backlog', { ...admin, body: { title: 'A', category: 'tech_debt' } }), 404, 'not_found');
    await expectError(call('GET', `/boards/${board}/backlog`), 401, 'unauthorized');
    await expectError(call('GET', `/boards/${board}/backlog`, { voter: someone('visitor') }), 403, 'forbidden');
    await expectError(call('GET', `/backlog/${MISSING}`, admin), 404, 'not_found');
    await expectError(call('GET', '/backlog/not-an-id', admin), 404, 'not_found');
    expect(await list(board)).toHaveLength(1);
  });

  it('counts each person behind the evidence once: voters, merged ideas, requests and feedback authors', async () => {
    const board = await freshBoard();
    const other = await freshBoard();
    const [ann, bo, cy] = [someone('ann'), someone('bo'), someone('cy')];
    const slow = await idea(board, 'Search is slow on big boards', ann);
    await vote(slow.id, bo);
    const merged = await idea(board, 'Searching takes ages', cy);
    await ok('POST', `/posts/${merged.id}/merge`, { ...admin, body: { into: slow.id } });
    const elsewhere = await idea(other, 'Slow search in the widget', bo);
    // Dana asked by email on the idea, and wrote feedback: one person.
    await ok('POST', `/posts/${elsewhere.id}/requests`, { ...admin, body: { email: 'dana@acme.test', company: 'Acme' } }, 201);
    const fromDana = await feedback(board, 'Search times out for us', { name: 'Dana', email: 'Dana@Acme.test', company: 'Acme' });
    const fromEve = await feedback(board, 'Search is unusable', { name: 'Eve', company: 'Globex' });
    const fromNobody = await feedback(board, 'Search slow');

    const item = await create(board, { title: 'Index the search table', category: 'performance', nextStep: 'Add a GIN index', estimate: 2 });
    // An unknown id links nothing and names itself.
    const refused = await expectError(call('POST', `/backlog/${item.id}/evidence`, { ...admin, body: { postIds: [slow.id, MISSING] } }), 400, 'invalid_input');
    expect(refused.message).toContain(MISSING);
    expect((await ok<{ items: BacklogEvidence[] }>('GET', `/backlog/${item.id}/evidence`, admin)).items).toEqual([]);

    // A merged idea links as itself and counts with its canonical's people.
    const linked = await link(item.id, { postIds: [merged.id, elsewhere.id], feedbackItemIds: [fromDana.id, fromEve.id, fromNobody.id] });
    // ann, bo, cy (the canonical's people), dana (request and feedback), eve, the nameless author.
    expect(linked.demand).toMatchObject({ people: 6, ideas: 2, feedback: 3 });
    expect(linked.demand.customers.companies.map((company) => company.name).sort()).toEqual(['Acme', 'Globex']);
    expect(linked.priority.score).toBe(3);
    expect(linked.updatedAt > item.updatedAt).toBe(true);
    expect(await events('backlog.evidence_linked', item.id)).toHaveLength(1);

    // Linking again changes nothing, and records nothing.
    const again = await link(item.id, { postIds: [merged.id], feedbackItemIds: [fromDana.id] });
    expect(again.updatedAt).toBe(linked.updatedAt);
    expect(await events('backlog.evidence_linked', item.id)).toHaveLength(1);

    const evidence = (await ok<{ items: BacklogEvidence[] }>('GET', `/backlog/${item.id}/evidence`, admin)).items;
    expect(backlogEvidenceListSchema.safeParse({ items: evidence }).error).toBeUndefined();
    expect(evidence).toHaveLength(5);
    const mergedEvidence = evidence.find((each) => each.post?.id === merged.id)!;
    expect(mergedEvidence.post).toMatchObject({ title: 'Searching takes ages', board, people: 3 });
    const danaEvidence = evidence.find((each) => each.feedback?.id === fromDana.id)!;
    expect(danaEvidence.feedback).toMatchObject({ authorName: 'Dana', authorEmail: 'dana@acme.test', authorCompany: 'Acme', source: 'api' });
    // Dana's feedback is her request's person.
    const [person] = await db().query<{ key: string }>('SELECT u.key FROM backlog_evidence e JOIN users u ON u.id = e.user_id WHERE e.id = $1', [danaEvidence.id]);
    expect(person!.key).toBe('request:email:dana@acme.test');

    // Unlinking the other board's idea: Dana still counts through her feedback, bo through the first idea.
    const unlinked = await ok<BacklogItem>('DELETE', `/backlog/${item.id}/evidence/${evidence.find((each) => each.post?.id === elsewhere.id)!.id}`, admin);
    expect(unlinked.demand).toMatchObject({ people: 6, ideas: 1, feedback: 3 });
    await expectError(call('DELETE', `/backlog/${item.id}/evidence/${MISSING}`, admin), 404, 'not_found');
    expect(await events('backlog.evidence_unlinked', item.id)).toEqual([{ evidenceId: expect.any(String), postId: elsewhere.id, feedbackItemId: null }]);
  });

  it('ranks by priority, filters, and changes items with conflicts, status through the one service', async () => {
    const board = await freshBoard();
    const wanted = await idea(board, 'Exports fail for large boards');
    for (const voter of ['a', 'b', 'c']) await vote(wanted.id, someone(voter));
    const big = await create(board, { title: 'Stream the exports', category: 'infrastructure', nextStep: 'Use cursors', estimate: 1 });
    await link(big.id, { postIds: [wanted.id] });
    const risky = await create(board, { title: 'Rotate the signing keys', category: 'security_compliance', risk: 3, estimate: 2 });
    const small = await create(board, { title: 'Tidy the build scripts', category: 'developer_experience', nextStep: 'Remove dead targets' });
    // (4 people) ÷ 1 = 4; (risk 3 × 5) ÷ 2 = 7.5; 0.
    expect((await list(board)).map((item) => [item.title, item.priority.score])).toEqual([
      ['Rotate the signing keys', 7.5],
      ['Stream the exports', 4],
      ['Tidy the build scripts', 0],
    ]);
    expect((await list(board, '?vague=true')).map((item) => item.id)).toEqual([risky.id]);
    expect((await list(board, '?category=infrastructure')).map((item) => item.id)).toEqual([big.id]);
    expect((await list(board, '?q=BUILD%20tidy')).map((item) => item.id)).toEqual([small.id]);
    expect(await list(board, '?stale=true')).toEqual([]);
    await expectError(call('GET', `/boards/${board}/backlog?status=finished`, admin), 400, 'invalid_input');

    // An edit over what the editor saw; a later one over the same view is a conflict.
    const edited = await change(small.id, { owner: ' Kim ', estimate: 0.5, expected: { updatedAt: small.updatedAt } });
    expect(edited).toMatchObject({ owner: 'Kim', estimate: 0.5 });
    await expectError(call('PATCH', `/backlog/${small.id}`, { ...admin, body: { title: 'Lost', expected: { updatedAt: small.updatedAt } } }), 409, 'conflict');
    expect((await ok<BacklogItem>('GET', `/backlog/${small.id}`, admin)).title).toBe('Tidy the build scripts');
    await expectError(call('PATCH', `/backlog/${small.id}`, { ...admin, body: { estimate: -1 } }), 400, 'invalid_input');
    expect(await events('backlog.updated', small.id)).toEqual([{ fields: ['estimate', 'owner'] }]);

    // Done dates it and tells once; out of done and back tells nobody again.
    const done = await change(big.id, { status: 'done' });
    expect(done.doneAt).not.toBeNull();
    await change(big.id, { status: 'in_progress' });
    expect((await ok<BacklogItem>('GET', `/backlog/${big.id}`, admin)).doneAt).toBeNull();
    await change(big.id, { status: 'done' });
    await change(big.id, { status: 'done' });
    expect((await events('backlog.status_changed', big.id)).map((payload) => [payload.from, payload.to, payload.tells])).toEqual([
      ['proposed', 'done', true],
      ['done', 'in_progress', false],
      ['in_progress', 'done', false],
    ]);

    await ok('DELETE', `/backlog/${small.id}`, admin, 204);
    await expectError(call('GET', `/backlog/${small.id}`, admin), 404, 'not_found');
    await expectError(call('DELETE', `/backlog/${small.id}`, admin), 404, 'not_found');
    expect(await events('backlog.deleted', small.id)).toEqual([{ board, title: 'Tidy the build scripts' }]);
  });

  it('suggests similar ideas and feedback not linked yet', async () => {
    const board = await freshBoard();
    const timeouts = await idea(board, 'Checkout page times out under load');
    await idea(board, 'Dark mode for the editor');
    const said = await feedback(board, 'The checkout page timed out again during the sale');
    const other = await feedback(board, 'Please add a dark theme');
    const item = await create(board, { title: 'Checkout times out under load', category: 'performance', description: 'The payment page waits on the inventory service.' });
    const suggested = await ok<BacklogSuggestions>('GET', `/backlog/${item.id}/suggestions`, admin);
    expect(backlogSuggestionsSchema.safeParse(suggested).error).toBeUndefined();
    expect(suggested.ideas[0]).toMatchObject({ id: timeouts.id, title: timeouts.title, people: 1 });
    // The idea's own words came in as a widget item too; what is barely alike is left out.
    expect(suggested.feedback).toContainEqual({ id: said.id, source: 'api', title: null, text: said.text, score: expect.any(Number) });
    expect(suggested.feedback.map((each) => each.id)).not.toContain(other.id);
    for (const each of [...suggested.ideas, ...suggested.feedback]) {
      expect(each.score).toBeGreaterThan(0);
      expect(each.score).toBeLessThanOrEqual(1);
    }

    await link(item.id, { postIds: [timeouts.id], feedbackItemIds: [said.id] });
    const after = await ok<BacklogSuggestions>('GET', `/backlog/${item.id}/suggestions?limit=1`, admin);
    expect(after.ideas.map((each) => each.id)).not.toContain(timeouts.id);
    expect(after.feedback.map((each) => each.id)).not.toContain(said.id);
    await expectError(call('GET', `/backlog/${item.id}/suggestions?limit=0`, admin), 400, 'invalid_input');
  });

  it('reports capacity against the targets, which admins set', async () => {
    const board = await freshBoard();
    const initial = await ok<CapacityReport>('GET', `/boards/${board}/capacity`, admin);
    expect(capacityReportSchema.safeParse(initial).error).toBeUndefined();
    expect(initial).toMatchObject({ engineeringEffort: 0, ideaEffort: 0, engineeringActual: 0, engineeringTarget: 20, settings: { windowWeeks: 6, staleDays: 90, estimateUnit: 'days' } });

    const shipped = await idea(board, 'Invoices as PDF');
    await ok('PUT', `/posts/${shipped.id}/priority`, { ...admin, body: { effort: 3 } });
    await ok('PATCH', `/posts/${shipped.id}`, { ...admin, body: { status: 'shipped' } });
    const security = await create(board, { title: 'Pin dependencies', category: 'security_compliance', estimate: 1 });
    await change(security.id, { status: 'done' });
    const unestimated = await create(board, { title: 'Upgrade Node', category: 'infrastructure' });
    await change(unestimated.id, { status: 'done' });
    await create(board, { title: 'Still open', category: 'refactoring', estimate: 8 });

    const set = await ok<CapacityReport>('PUT', `/boards/${board}/capacity`, { ...admin, body: { engineeringTarget: 30, categoryMinimums: { security_compliance: 10 } } });
    // 3 (idea) + 1 + 1 (items): engineering 40 %, security 20 %.
    expect(set).toMatchObject({ ideaEffort: 3, engineeringEffort: 2, engineeringActual: 40, engineeringTarget: 30, engineeringGap: 10, unestimated: 1 });
    expect(set.settings).toMatchObject({ engineeringTarget: 30, windowWeeks: 6, categoryMinimums: { security_compliance: 10 } });
    expect(set.categories.find((share) => share.category === 'security_compliance')).toEqual({ category: 'security_compliance', effort: 1, actual: 20, target: 10, gap: 10 });
    expect(await ok('GET', `/boards/${board}/capacity`, admin)).toEqual({ ...set, from: expect.any(String), to: expect.any(String) });

    const problems = (await expectError(call('PUT', `/boards/${board}/capacity`, { ...admin, body: { windowWeeks: 0, categoryMinimums: { security_compliance: 80, performance: 30 } } }), 400, 'invalid_input')).details?.problems;
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'windowWeeks' }), expect.objectContaining({ field: 'categoryMinimums' })]));
    expect((await ok<CapacityReport>('GET', `/boards/${board}/capacity`, admin)).settings.windowWeeks).toBe(6);
    const [boardRow] = await db().query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [board]);
    expect(await events('backlog.settings_changed', boardRow!.id)).toHaveLength(1);
  });

  it('exports the ranked backlog as a spreadsheet-safe CSV or JSON attachment', async () => {
    const board = await freshBoard();
    await create(board, { title: '=HYPERLINK("http://evil.test")', category: 'tech_debt', nextStep: '@SUM(A1)', risk: 1 });
    await create(board, { title: 'Second, "quoted"', category: 'security_compliance', risk: 2 });
    const csv = await call('GET', `/boards/${board}/backlog/export`, admin);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${board}-backlog-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    const rows = parse(csv.text) as string[][];
    expect(rows[0]!.slice(0, 4)).toEqual(['Rank', 'Title', 'Category', 'Status']);
    expect(rows.slice(1).map((row) => row[1])).toEqual(['Second, "quoted"', '\'=HYPERLINK("http://evil.test")']);
    expect(rows[2]![13]).toBe('\'@SUM(A1)');

    const json = await call('GET', `/boards/${board}/backlog/export?format=json&category=tech_debt`, admin);
    expect(json.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(json.headers.get('Content-Disposition')).toMatch(/\.json"$/);
    expect(json.json.items.map((item: BacklogItem & { rank: number }) => [item.rank, item.title])).toEqual([[1, '=HYPERLINK("http://evil.test")']]);
    await expectError(call('GET', `/boards/${board}/backlog/export?format=xlsx`, admin), 400, 'invalid_input');
    await expectError(call('GET', `/boards/${board}/backlog/export`), 401, 'unauthorized');
  });

  it('shows visitors only the public items, not dropped, in the roadmap order', async () => {
    const board = await freshBoard();
    const wanted = await idea(board, 'Faster page loads');
    const proposed = await create(board, { title: 'Cache the boards', category: 'performance', public: true });
    const planned = await create(board, { title: 'Move to HTTP/3', category: 'infrastructure', public: true, status: 'planned' });
    const moving = await create(board, { title: 'Split the bundle', category: 'performance', public: true, status: 'in_progress' });
    const doneFirst = await create(board, { title: 'Compress images', category: 'performance', public: true, status: 'done' });
    const doneLater = await create(board, { title: 'Drop old polyfills', category: 'tech_debt', public: true, status: 'done' });
    await create(board, { title: 'Secret audit', category: 'security_compliance' });
    await create(board, { title: 'Abandoned', category: 'tech_debt', public: true, status: 'dropped' });
    await link(proposed.id, { postIds: [wanted.id] });

    const visible = (await ok<{ items: PublicBacklogItem[] }>('GET', `/boards/${board}/public-backlog`)).items;
    expect(visible).toEqual([
      { id: moving.id, title: 'Split the bundle', category: 'performance', status: 'in_progress', people: 0 },
      { id: planned.id, title: 'Move to HTTP/3', category: 'infrastructure', status: 'planned', people: 0 },
      { id: proposed.id, title: 'Cache the boards', category: 'performance', status: 'proposed', people: 1 },
      { id: doneLater.id, title: 'Drop old polyfills', category: 'tech_debt', status: 'done', people: 0 },
      { id: doneFirst.id, title: 'Compress images', category: 'performance', status: 'done', people: 0 },
    ]);
    await expectError(call('GET', '/boards/no-such-board/public-backlog'), 404, 'not_found');
  });
});
