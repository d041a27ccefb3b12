import { expect, it } from 'vitest';
import { describeNeeding, rejectsWith, type SuiteArea } from '../suite.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export const demand: SuiteArea = {
  name: 'demand',
  tests: (suite) => {
    it('refuses the priority sort to a visitor with forbidden', async () => {
      const { board, alice } = await suite.freshBoard();
      await rejectsWith(alice.listPosts({ board, sort: 'priority' }), 'forbidden');
    });

    describeNeeding(suite, ['admin'], 'as an admin', () => {
      it('records a customer request once per person; it counts in people and demand', async () => {
        const { adapter, admin } = suite.admin();
        const { board, alice, bob } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'SSO with Okta', body: '' });
        const request = await admin.addCustomerRequest({ postId: post.id, name: 'Dana', email: 'dana@acme.test', company: 'Acme' });
        expect(request).toEqual({
          id: expect.any(String),
          postId: post.id,
          person: { name: 'Dana', email: 'dana@acme.test' },
          company: 'Acme',
          sourceUrl: null,
          note: null,
          importance: 'important',
          addedBy: expect.objectContaining({ id: expect.any(String) }),
          createdAt: expect.any(String),
        });
        expect(await admin.addCustomerRequest({ postId: post.id, email: 'DANA@acme.test', note: 'again' })).toEqual(request);
        expect(await bob.getPost({ postId: post.id })).toMatchObject({ peopleCount: 2, voteCount: 1 });
        const seen = await adapter.getDemand({ postId: post.id });
        expect(seen).toMatchObject({ people: { total: 2, direct: 2 }, requests: [request] });
        expect(seen.customers?.companies).toEqual([{ name: 'Acme', mrr: 0, people: 1 }]);
        expect(await bob.getDemand({ postId: post.id })).toMatchObject({ people: { total: 2 }, requests: null, customers: null });
      });

      it('refuses a request without a name or email, or on an unknown idea', async () => {
        const { admin } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'SSO with Okta', body: '' });
        await rejectsWith(admin.addCustomerRequest({ postId: post.id, company: 'Acme' }), 'invalid_input');
        await rejectsWith(admin.addCustomerRequest({ postId: UNKNOWN, name: 'Dana' }), 'not_found');
        expect((await alice.getPost({ postId: post.id })).peopleCount).toBe(1);
      });

      it('keeps a priority formula per board, defaults first, refusing negative weights', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        expect(await admin.getPriorityFormula({ board })).toEqual({ peopleWeight: 1, mrrWeight: 0.01 });
        expect(await admin.setPriorityFormula({ board, peopleWeight: 2, mrrWeight: 0 })).toEqual({ peopleWeight: 2, mrrWeight: 0 });
        expect(await admin.getPriorityFormula({ board })).toEqual({ peopleWeight: 2, mrrWeight: 0 });
        await rejectsWith(admin.setPriorityFormula({ board, peopleWeight: -1, mrrWeight: 0 }), 'invalid_input');
        await rejectsWith(admin.getPriorityFormula({ board: 'no-such-board-anywhere' }), 'not_found');
        expect(await admin.getPriorityFormula({ board: await suite.fixture.createBoard() })).toEqual({ peopleWeight: 1, mrrWeight: 0.01 });
      });

      it('explains an idea\'s priority and sorts an admin\'s list by it', async () => {
        const { adapter, admin } = suite.admin();
        const { board, alice, bob, carol } = await suite.freshBoard();
        const popular = await alice.createPost({ board, title: 'Dark mode', body: '' });
        await bob.vote({ postId: popular.id });
        await carol.vote({ postId: popular.id });
        const valuable = await bob.createPost({ board, title: 'SSO with Okta', body: '' });
        await admin.setPriorityFormula({ board, peopleWeight: 2, mrrWeight: 0 });
        const weighed = await admin.setPriorityInputs({ postId: valuable.id, impact: 3, effort: 0.5 });
        expect(weighed.priority).toMatchObject({ score: 12, formula: expect.stringContaining('2') });
        expect(weighed.priority?.terms).toContainEqual({ name: 'people', value: 1, weight: 2, contribution: 2 });
        expect(weighed.priority?.terms).toContainEqual({ name: 'impact', value: 3, weight: null, contribution: 3 });
        expect((await adapter.getDemand({ postId: popular.id })).priority?.score).toBe(6);
        await rejectsWith(admin.setPriorityInputs({ postId: valuable.id, effort: 0 }), 'invalid_input');
        await rejectsWith(admin.setPriorityInputs({ postId: valuable.id, impact: -1 }), 'invalid_input');
        expect((await adapter.listPosts({ board, sort: 'priority' })).items.map((post) => post.id)).toEqual([valuable.id, popular.id]);
        expect((await adapter.listPosts({ board, sort: 'top' })).items.map((post) => post.id)).toEqual([popular.id, valuable.id]);
      });
    });
  },
};
