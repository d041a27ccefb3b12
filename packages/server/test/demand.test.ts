// Issue 10, the demand read side: GET /posts/:id/demand (the people breakdown for anyone, the
// customers and the priority for admins only), the board's priority formula and an idea's
// impact and effort, the admins' sort=priority, and an idea's history.
import { DEFAULT_PRIORITY_FORMULA, type Demand, type Post, type PostHistoryEntry } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { signUserToken } from '../src/identity/tokens.js';
import { createBoard } from '../src/services/boards.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const JWT_SECRET = 'demand-test-secret-0123456789abcdef';
const ADMIN_KEY = 'sayso_admin_demand-test-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('demand and priority on %s', (engine) => {
  let db: Database;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    call = apiClient(createApp({ db, jwtSecret: JWT_SECRET, adminKeys: [ADMIN_KEY] }), db);
  });

  const freshBoard = async () => (await createBoard(db, { slug: `demand-${engine}-${++boards}` })).slug;
  const submit = async (board: string, title: string, voter = 'demand-author') => {
    const created = await call('POST', `/boards/${board}/posts`, { voter, body: { title } });
    expect(created.status).toBe(201);
    return created.json as Post;
  };
  const vote = async (postId: string, who: CallOptions) => expect((await call('POST', `/posts/${postId}/votes`, who)).status).toBe(200);
  /** A host's signed-in user, with identity traits (company, mrr, plan). */
  const user = async (sub: string, traits: Record<string, string | number> = {}): Promise<CallOptions> => ({
    headers: { Authorization: `Bearer ${await signUserToken({ sub, name: sub, traits }, JWT_SECRET)}` },
  });
  const demand = async (postId: string, who: CallOptions = {}) => {
    const answer = await call('GET', `/posts/${postId}/demand`, who);
    expect(answer.status).toBe(200);
    return answer.json as Demand;
  };
  const eventsOf = (subjectId: string, type: string) =>
    db.query<{ payload: Record<string, unknown> }>('SELECT payload FROM domain_events WHERE subject_id = $1 AND type = $2 ORDER BY sequence', [
      subjectId,
      type,
    ]);

  describe('the board\'s priority formula', () => {
    it('is core\'s default until an admin sets one, then the one set, recorded once', async () => {
      const board = await freshBoard();
      expect((await call('GET', `/boards/${board}/priority`, admin)).json).toEqual(DEFAULT_PRIORITY_FORMULA);
      const set = await call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 2, mrrWeight: 0.5 } });
      expect(set).toMatchObject({ status: 200, json: { peopleWeight: 2, mrrWeight: 0.5 } });
      expect((await call('GET', `/boards/${board}/priority`, admin)).json).toEqual({ peopleWeight: 2, mrrWeight: 0.5 });
      // The same again changes nothing and records nothing.
      expect((await call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 2, mrrWeight: 0.5 } })).status).toBe(200);
      const [row] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [board]);
      expect((await eventsOf(row!.id, 'board.priority_changed')).map((event) => event.payload)).toEqual([
        { from: DEFAULT_PRIORITY_FORMULA, to: { peopleWeight: 2, mrrWeight: 0.5 } },
      ]);
    });

    it('refuses weights that are not numbers of at least 0, naming each field, and keeps the formula', async () => {
      const board = await freshBoard();
      const refused = await expectError(
        call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: -1, mrrWeight: -0.5 } }),
        400,
        'invalid_input',
      );
      expect((refused.details!.problems as Array<{ field: string }>).map((problem) => problem.field).sort()).toEqual(['mrrWeight', 'peopleWeight']);
      await expectError(call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 1, mrrWeight: 'lots' } }), 400, 'invalid_input');
      await expectError(call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 1 } }), 400, 'invalid_input');
      await expectError(call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 1, mrrWeight: 1, reach: 2 } }), 400, 'invalid_input');
      expect((await call('GET', `/boards/${board}/priority`, admin)).json).toEqual(DEFAULT_PRIORITY_FORMULA);
    });

    it('is for admins only, and 404 on an unknown board', async () => {
      const board = await freshBoard();
      await expectError(call('GET', `/boards/${board}/priority`), 401, 'unauthorized');
      await expectError(call('GET', `/boards/${board}/priority`, { voter: 'demand-visitor' }), 403, 'forbidden');
      await expectError(call('PUT', `/boards/${board}/priority`, { voter: 'demand-visitor', body: { peopleWeight: 9, mrrWeight: 9 } }), 403, 'forbidden');
      await expectError(call('GET', '/boards/no-such-board/priority', admin), 404, 'not_found');
      await expectError(call('PUT', '/boards/no-such-board/priority', { ...admin, body: { peopleWeight: 1, mrrWeight: 1 } }), 404, 'not_found');
    });
  });

  describe('an idea\'s impact and effort', () => {
    it('default to 1, are set one at a time, explain the score term by term, and are recorded', async () => {
      const board = await freshBoard();
      await call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 2, mrrWeight: 0.1 } });
      const post = await submit(board, 'Weighed by an admin');
      await vote(post.id, await user('demand-weigh-ada', { company: 'Acme', mrr: 300 }));
      const before = (await demand(post.id, admin)).priority!;
      // 2 people × 2 + 300 MRR × 0.1 = 34, × 1 ÷ 1.
      expect(before).toEqual({
        score: 34,
        formula: '(people × 2 + MRR × 0.1) × impact ÷ effort',
        terms: [
          { name: 'people', value: 2, weight: 2, contribution: 4 },
          { name: 'mrr', value: 300, weight: 0.1, contribution: 30 },
          { name: 'impact', value: 1, weight: null, contribution: 1 },
          { name: 'effort', value: 1, weight: null, contribution: 1 },
        ],
      });
      const weighed = await call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { impact: 3 } });
      expect(weighed.status).toBe(200);
      expect((weighed.json as Demand).priority!.score).toBe(102);
      const halved = (await call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { effort: 4 } })).json as Demand;
      expect(halved.priority!.terms.slice(2)).toEqual([
        { name: 'impact', value: 3, weight: null, contribution: 3 },
        { name: 'effort', value: 4, weight: null, contribution: 4 },
      ]);
      expect(halved.priority!.score).toBe(25.5);
      // Setting what is already set records nothing.
      await call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { impact: 3, effort: 4 } });
      expect((await eventsOf(post.id, 'post.priority_changed')).map((event) => event.payload)).toEqual([
        { impact: { from: null, to: 3 } },
        { effort: { from: null, to: 4 } },
      ]);
    });

    it('refuses an effort of 0, a negative impact and unknown fields, and changes nothing', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Hard to weigh');
      const refused = await expectError(call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { impact: -1, effort: 0 } }), 400, 'invalid_input');
      expect((refused.details!.problems as Array<{ field: string }>).map((problem) => problem.field).sort()).toEqual(['effort', 'impact']);
      await expectError(call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { effort: '2' } }), 400, 'invalid_input');
      await expectError(call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { reach: 2 } }), 400, 'invalid_input');
      await expectError(call('PUT', `/posts/${post.id}/priority`, { voter: 'demand-author', body: { impact: 2 } }), 403, 'forbidden');
      await expectError(call('PUT', `/posts/${MISSING}/priority`, { ...admin, body: { impact: 2 } }), 404, 'not_found');
      expect((await demand(post.id, admin)).priority!.terms.slice(2).map((term) => term.value)).toEqual([1, 1]);
      expect(await eventsOf(post.id, 'post.priority_changed')).toEqual([]);
    });
  });

  describe('GET /posts/:id/demand', () => {
    it('shows visitors the people and nothing of the customers: no requests, companies, MRR or priority', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Seen by everyone');
      await vote(post.id, await user('demand-secret-buyer', { company: 'Secretive Corp', mrr: 98765, plan: 'enterprise' }));
      for (const who of [{}, { voter: 'demand-visitor' }, await user('demand-other-user')]) {
        const answer = await call('GET', `/posts/${post.id}/demand`, who);
        expect(answer.json).toEqual({
          postId: post.id,
          people: { total: 2, direct: 2, viaMerged: 0, inBoth: 0 },
          merged: [],
          requests: null,
          customers: null,
          priority: null,
          // Its author's words, kept as a widget feedback item (issue 12).
          evidence: [{ source: 'widget', people: 1, items: 1 }],
        });
        expect(answer.text).not.toMatch(/Secretive|98765|enterprise/);
      }
      const seenByAdmin = await demand(post.id, admin);
      expect(seenByAdmin.customers!.companies).toEqual([{ name: 'Secretive Corp', mrr: 98765, people: 1 }]);
      await expectError(call('GET', `/posts/${MISSING}/demand`), 404, 'not_found');
    });

    it('counts a company\'s MRR once however many of its people ask, and breaks it down by plan', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Wanted by two companies');
      await vote(post.id, await user('demand-acme-1', { company: 'Acme', mrr: 500, plan: 'pro' }));
      await vote(post.id, await user('demand-acme-2', { company: ' acme ', mrr: 500, plan: 'pro' }));
      await vote(post.id, await user('demand-globex', { company: 'Globex', mrr: 200, plan: 'starter' }));
      await vote(post.id, { voter: 'demand-anonymous' });
      const { customers, people } = await demand(post.id, admin);
      expect(people.total).toBe(5);
      expect(customers).toEqual({
        companies: [
          { name: 'Acme', mrr: 500, people: 2 },
          { name: 'Globex', mrr: 200, people: 1 },
        ],
        mrr: 700,
        segments: [
          { plan: 'pro', people: 2, companies: 1, mrr: 500 },
          { plan: 'starter', people: 1, companies: 1, mrr: 200 },
          { plan: null, people: 2, companies: 0, mrr: 0 },
        ],
      });
    });
  });

  describe('merged ideas', () => {
    it('counts each person once across a merge: direct, via merged ideas, and in both', async () => {
      const board = await freshBoard();
      const canonical = await submit(board, 'Export to CSV', 'demand-merge-ann');
      const duplicate = await submit(board, 'CSV export please', 'demand-merge-ben');
      const older = await submit(board, 'Download as spreadsheet', 'demand-merge-cy');
      await vote(canonical.id, { voter: 'demand-merge-dee' });
      // Dee and Ann voted on both sides of the merge; Eve only on the duplicate.
      await vote(duplicate.id, { voter: 'demand-merge-dee' });
      await vote(duplicate.id, { voter: 'demand-merge-ann' });
      await vote(duplicate.id, { voter: 'demand-merge-eve' });
      await vote(older.id, { voter: 'demand-merge-ben' });
      expect((await call('POST', `/posts/${older.id}/merge`, { ...admin, body: { into: duplicate.id } })).status).toBe(200);
      expect((await call('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: canonical.id } })).status).toBe(200);

      const merged = await demand(canonical.id);
      // Direct: Ann, Dee. Via merged: Ben, Dee, Ann, Eve (duplicate) and Cy, Ben (older).
      expect(merged.people).toEqual({ total: 5, direct: 2, viaMerged: 5, inBoth: 2 });
      expect(merged.merged).toEqual([
        { id: duplicate.id, title: duplicate.title, people: 4 },
        { id: older.id, title: older.title, people: 2 },
      ]);
      expect((await call('GET', `/posts/${canonical.id}`)).json.peopleCount).toBe(5);
      // A merged idea answers for its canonical.
      expect(await demand(older.id)).toEqual(merged);

      expect((await call('POST', `/posts/${duplicate.id}/unmerge`, admin)).status).toBe(200);
      expect((await demand(canonical.id)).people).toEqual({ total: 2, direct: 2, viaMerged: 0, inBoth: 0 });
      expect((await demand(duplicate.id)).people).toEqual({ total: 5, direct: 4, viaMerged: 2, inBoth: 1 });
    });

    it('values a request\'s person by the request\'s company when their traits name none, and lists requests for admins only', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Single sign-on');
      const duplicate = await submit(board, 'SAML login');
      await vote(post.id, await user('demand-initech-user', { company: 'Initech', mrr: 900 }));
      const request = await call('POST', `/posts/${duplicate.id}/requests`, {
        ...admin,
        body: { name: 'Peter', email: 'peter@initrode.test', company: 'Initrode', importance: 'blocker' },
      });
      expect(request.status).toBe(201);
      await call('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: post.id } });

      const seen = await demand(post.id, admin);
      // The author wrote both ideas: counted once.
      expect(seen.people).toEqual({ total: 3, direct: 2, viaMerged: 2, inBoth: 1 });
      expect(seen.customers!.companies).toEqual([
        { name: 'Initech', mrr: 900, people: 1 },
        { name: 'Initrode', mrr: 0, people: 1 },
      ]);
      expect(seen.requests).toEqual([
        expect.objectContaining({ postId: duplicate.id, company: 'Initrode', importance: 'blocker', addedBy: expect.objectContaining({ id: expect.any(String) }) }),
      ]);
      const visitor = await call('GET', `/posts/${post.id}/demand`, { voter: 'demand-visitor' });
      expect(visitor.json.requests).toBeNull();
      expect(visitor.text).not.toMatch(/Initrode|Initech|peter@/);
    });
  });

  describe('a person recorded by email who signs in later', () => {
    it('counts once on each idea, their request and their own vote one person, and is recorded', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Audit log export');
      const duplicate = await submit(board, 'Export the audit trail');
      const peter = { name: 'Peter', email: 'Peter.Later@Initrode.test' };
      for (const idea of [post, duplicate]) {
        expect((await call('POST', `/posts/${idea.id}/requests`, { ...admin, body: { ...peter, company: 'Initrode' } })).status).toBe(201);
      }
      await call('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: post.id } });
      // The author and Peter's request.
      expect((await demand(post.id)).people.total).toBe(2);

      const signedIn = {
        headers: { Authorization: `Bearer ${await signUserToken({ sub: 'demand-peter', name: 'Peter', email: 'peter.later@initrode.test' }, JWT_SECRET)}` },
      };
      await vote(post.id, signedIn);
      expect((await demand(post.id)).people).toEqual({ total: 2, direct: 2, viaMerged: 2, inBoth: 2 });
      expect((await call('GET', `/posts/${post.id}`, signedIn)).json).toMatchObject({ peopleCount: 2, voted: true });
      const [linked] = await db.query<{ payload: { requests: number } }>(
        `SELECT e.payload FROM domain_events e JOIN users u ON u.id = e.subject_id WHERE e.type = 'request.linked' AND u.key = 'user:demand-peter'`,
      );
      expect(linked?.payload.requests).toBe(2);
      // Unmerged, the duplicate keeps Peter once too.
      await call('POST', `/posts/${duplicate.id}/unmerge`, admin);
      expect((await demand(duplicate.id)).people.total).toBe(2);
      expect((await demand(post.id)).people.total).toBe(2);
    });
  });

  describe('sort=priority', () => {
    it('orders a board by each idea\'s score under its formula, pages like top, and agrees with the demand', async () => {
      const board = await freshBoard();
      await call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 1, mrrWeight: 0.01 } });
      const crowd = await submit(board, 'Wanted by a crowd');
      for (const n of [1, 2, 3, 4]) await vote(crowd.id, { voter: `demand-crowd-${n}` });
      const whale = await submit(board, 'Wanted by a big customer');
      await vote(whale.id, await user('demand-whale-1', { company: 'Whale Inc', mrr: 800 }));
      await vote(whale.id, await user('demand-whale-2', { company: 'WHALE INC', mrr: 800 }));
      const cheap = await submit(board, 'Cheap to build');
      await call('PUT', `/posts/${cheap.id}/priority`, { ...admin, body: { effort: 0.25 } });
      const quiet = await submit(board, 'Nobody else wants it');
      const folded = await submit(board, 'A duplicate of the crowd\'s');
      await call('POST', `/posts/${folded.id}/merge`, { ...admin, body: { into: crowd.id } });

      // whale: (3 + 800 × 0.01) = 11; crowd: 5 (four voters and the author); cheap: 1 ÷ 0.25 = 4; quiet: 1.
      const first = await call('GET', `/boards/${board}/posts?sort=priority&limit=2`, admin);
      expect(first.status).toBe(200);
      expect(first.json.items.map((post: Post) => post.id)).toEqual([whale.id, crowd.id]);
      const rest = await call('GET', `/boards/${board}/posts?sort=priority&limit=2&cursor=${first.json.nextCursor}`, admin);
      expect(rest.json.items.map((post: Post) => post.id)).toEqual([cheap.id, quiet.id]);
      expect(rest.json.nextCursor).toBeNull();

      const scores = await Promise.all([whale, crowd, cheap, quiet].map(async (post) => (await demand(post.id, admin)).priority!.score));
      expect(scores).toEqual([11, 5, 4, 1]);
    });

    it('is refused to anyone but an admin, saying why', async () => {
      const board = await freshBoard();
      for (const who of [{}, { voter: 'demand-visitor' }, await user('demand-signed-in')]) {
        const refused = await expectError(call('GET', `/boards/${board}/posts?sort=priority`, who), 403, 'forbidden');
        expect(refused.message).toMatch(/admin/i);
      }
      await expectError(call('GET', '/boards/no-such-board/posts?sort=priority', admin), 404, 'not_found');
    });
  });

  describe('GET /posts/:id/history', () => {
    it('lists what happened to an idea, oldest first, with who did it; merges name both ideas', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'With a past', 'demand-history-author');
      const duplicate = await submit(board, 'Also with a past');
      await vote(post.id, { voter: 'demand-history-voter' });
      await call('PATCH', `/posts/${post.id}`, { voter: 'demand-history-author', body: { body: 'More details' } });
      await call('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'planned' } });
      await call('PUT', `/posts/${post.id}/priority`, { ...admin, body: { impact: 2 } });
      await call('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: post.id } });
      await call('POST', `/posts/${duplicate.id}/unmerge`, admin);

      const answer = await call('GET', `/posts/${post.id}/history`, admin);
      expect(answer.status).toBe(200);
      const items = answer.json.items as PostHistoryEntry[];
      expect(items.map((entry) => entry.type)).toEqual([
        'post.created',
        'post.edited',
        'post.status_changed',
        'post.priority_changed',
        'post.merged',
        'post.unmerged',
      ]);
      expect(items[0]!.actor).toEqual({ id: post.author.id, name: null });
      expect(items[2]!.details).toMatchObject({ from: 'open', to: 'planned' });
      for (const entry of items.slice(4)) {
        expect(entry.details).toMatchObject({
          duplicate: { id: duplicate.id, title: duplicate.title },
          into: { id: post.id, title: post.title },
          counts: { canonical: { before: expect.any(Object), after: expect.any(Object) } },
        });
      }
      expect(items[4]!.details).toMatchObject({ counts: { canonical: { before: { people: 2 }, after: { people: 3 } } } });
      const sorted = [...items].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      expect(items).toEqual(sorted);
      // The duplicate's own history has its merge too.
      const theirs = (await call('GET', `/posts/${duplicate.id}/history`, admin)).json.items as PostHistoryEntry[];
      expect(theirs[0]!.type).toBe('post.created');
      expect(theirs.filter((entry) => entry.type === 'post.merged' || entry.type === 'post.unmerged').map((entry) => entry.details.duplicate)).toEqual([
        { id: duplicate.id, title: duplicate.title },
        { id: duplicate.id, title: duplicate.title },
      ]);
    });

    it('is for admins only, and 404 for an unknown idea', async () => {
      const board = await freshBoard();
      const post = await submit(board, 'Private past');
      await expectError(call('GET', `/posts/${post.id}/history`, { voter: 'demand-author' }), 403, 'forbidden');
      await expectError(call('GET', `/posts/${MISSING}/history`, admin), 404, 'not_found');
    });
  });
});
