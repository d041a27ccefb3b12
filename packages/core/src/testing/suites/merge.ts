import { expect, it } from 'vitest';
import type { Post } from '../../types.js';
import { describeNeeding, kindsOf, newVisitors, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const ids = (posts: Post[]) => posts.map((post) => post.id);
const ref = (post: Post) => ({ id: post.id, title: post.title });
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const newPeople = (suite: SuiteContext) => newVisitors(suite, ['dana', 'erin', 'finn']);

/**
 * A fresh board with two ideas saying the same thing: `duplicate` by alice, voted by bob, and
 * `canonical` by carol, also voted by bob (so bob is in both).
 */
async function twoDuplicates(suite: SuiteContext) {
  const { admin } = suite.admin();
  const visitors = await suite.freshBoard();
  const { board, alice, bob, carol } = visitors;
  const duplicate = await alice.createPost({ board, title: 'Dark mode', body: 'Easier on the eyes.' });
  const canonical = await carol.createPost({ board, title: 'Night theme', body: 'A dark theme for the app.' });
  await bob.vote({ postId: duplicate.id });
  await bob.vote({ postId: canonical.id });
  return { ...visitors, admin, duplicate, canonical };
}

export const merge: SuiteArea = {
  name: 'merge',
  tests: (suite) => {
    it('counts an idea\'s people, each once, with no admin parts for a visitor', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
      expect(post).toMatchObject({ peopleCount: 1, mergedInto: null, mergedFrom: null });
      expect(await bob.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      expect(await bob.getDemand({ postId: post.id })).toEqual({
        postId: post.id,
        people: { total: 2, direct: 2, viaMerged: 0, inBoth: 0 },
        merged: [],
        requests: null,
        customers: null,
        priority: null,
        // Posted through the widget: an item of its own, kept as evidence (issue 12).
        evidence: [{ source: 'widget', people: 1, items: 1 }],
      });
      await rejectsWith(bob.getDemand({ postId: UNKNOWN }), 'not_found');
      expect(bob.admin).toBeUndefined();
    });

    describeNeeding(suite, ['admin'], 'as an admin', () => {
      it('merges a duplicate: its link answers the canonical, lists leave it out unless asked for duplicates', async () => {
        const { board, admin, carol, duplicate, canonical } = await twoDuplicates(suite);
        const result = await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        expect(result.duplicate).toMatchObject({ id: duplicate.id, status: 'merged', mergedInto: ref(canonical), mergedFrom: null });
        expect(result.canonical).toMatchObject({ id: canonical.id, peopleCount: 3, mergedInto: null });
        expect(await carol.getPost({ postId: duplicate.id })).toMatchObject({ id: canonical.id, mergedFrom: ref(duplicate), mergedInto: null });
        expect((await carol.getPost({ postId: canonical.id })).mergedFrom).toBeNull();
        expect(ids((await carol.listPosts({ board })).items)).toEqual([canonical.id]);
        const merged = (await carol.listPosts({ board, status: 'merged' })).items;
        expect(merged).toMatchObject([{ id: duplicate.id, mergedInto: ref(canonical) }]);
      });

      it('counts each person once across merged ideas and says where they come from', async () => {
        const { alice, bob, admin, duplicate, canonical } = await twoDuplicates(suite);
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        // carol and bob directly, alice and bob via the merged idea: three people, bob once.
        expect(await bob.getDemand({ postId: canonical.id })).toMatchObject({
          postId: canonical.id,
          people: { total: 3, direct: 2, viaMerged: 2, inBoth: 1 },
          merged: [{ ...ref(duplicate), people: 2 }],
        });
        expect((await bob.getDemand({ postId: duplicate.id })).postId).toBe(canonical.id);
        expect(await alice.getPost({ postId: canonical.id })).toMatchObject({ peopleCount: 3, voteCount: 2, voted: true });
      });

      it('resolves chains: A into B, then B into C, counts A\'s people on C', async () => {
        const { board, admin, alice, bob, carol } = await suite.freshBoard().then(async (v) => ({ ...v, admin: suite.admin().admin }));
        const a = await alice.createPost({ board, title: 'Dark mode', body: '' });
        const b = await bob.createPost({ board, title: 'Night theme', body: '' });
        const c = await carol.createPost({ board, title: 'Dark theme', body: '' });
        await admin.mergePost({ postId: a.id, into: b.id });
        const result = await admin.mergePost({ postId: b.id, into: c.id });
        expect(result.canonical).toMatchObject({ id: c.id, peopleCount: 3 });
        expect(await carol.getPost({ postId: a.id })).toMatchObject({ id: c.id, peopleCount: 3, mergedFrom: ref(a) });
        const merged = (await carol.listPosts({ board, status: 'merged', sort: 'new' })).items;
        expect(merged).toMatchObject([{ id: b.id, mergedInto: ref(c) }, { id: a.id, mergedInto: ref(c) }]);
        const demand = await carol.getDemand({ postId: c.id });
        expect(demand.people).toEqual({ total: 3, direct: 1, viaMerged: 2, inBoth: 0 });
        expect(demand.merged.map((idea) => idea.id).sort()).toEqual([a.id, b.id].sort());
      });

      it('refuses a merge into itself, into its own duplicate, across boards, twice, or of unknown ideas', async () => {
        const { board, admin, alice, duplicate, canonical } = await twoDuplicates(suite);
        const elsewhere = await alice.createPost({ board: await suite.fixture.createBoard(), title: 'Dark mode', body: '' });
        const third = await alice.createPost({ board, title: 'Dark colours', body: '' });
        await rejectsWith(admin.mergePost({ postId: duplicate.id, into: duplicate.id }), 'invalid_input');
        await rejectsWith(admin.mergePost({ postId: duplicate.id, into: elsewhere.id }), 'invalid_input');
        await rejectsWith(admin.unmergePost({ postId: duplicate.id }), 'conflict');
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        await rejectsWith(admin.mergePost({ postId: canonical.id, into: duplicate.id }), 'invalid_input');
        await rejectsWith(admin.mergePost({ postId: duplicate.id, into: third.id }), 'conflict');
        await rejectsWith(admin.mergePost({ postId: UNKNOWN, into: canonical.id }), 'not_found');
        await rejectsWith(admin.mergePost({ postId: third.id, into: UNKNOWN }), 'not_found');
        await rejectsWith(admin.unmergePost({ postId: UNKNOWN }), 'not_found');
        expect((await alice.getPost({ postId: canonical.id })).peopleCount).toBe(3);
      });

      it('keeps a merged idea\'s status until it is unmerged', async () => {
        const { admin, duplicate, canonical } = await twoDuplicates(suite);
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        await rejectsWith(admin.setPostStatus({ postId: duplicate.id, status: 'shipped' }), 'conflict');
        await admin.unmergePost({ postId: duplicate.id });
        expect(await admin.setPostStatus({ postId: duplicate.id, status: 'planned' })).toMatchObject({ id: duplicate.id, status: 'planned' });
      });

      it('counts a vote on a merged idea on the canonical', async () => {
        const { admin, alice, duplicate, canonical } = await twoDuplicates(suite);
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        const { dana } = newPeople(suite);
        expect(await dana.vote({ postId: duplicate.id })).toMatchObject({ postId: canonical.id, voted: true, peopleCount: 4 });
        expect(await dana.getPost({ postId: canonical.id })).toMatchObject({ voted: true, peopleCount: 4 });
        // Taking it back from the merged idea's link takes the visitor out of the idea's people.
        expect(await alice.unvote({ postId: duplicate.id })).toMatchObject({ postId: canonical.id, voted: false, peopleCount: 3 });
        expect(await alice.getPost({ postId: canonical.id })).toMatchObject({ voted: false, peopleCount: 3 });
      });

      it('lists the duplicate\'s comments and tags under the canonical until it is unmerged', async () => {
        const { adapter, admin } = suite.admin();
        const { board, bob, carol, duplicate, canonical } = await twoDuplicates(suite);
        await admin.createTag({ board, name: 'UI' });
        await admin.addPostTag({ postId: duplicate.id, tag: 'ui' });
        const moved = await bob.addComment({ postId: duplicate.id, body: 'At night especially' });
        const own = await carol.addComment({ postId: canonical.id, body: 'Yes' });
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        expect((await carol.listComments({ postId: canonical.id })).items).toEqual([
          { ...moved, mergedFrom: ref(duplicate) },
          { ...own, mergedFrom: null },
        ]);
        expect(await carol.getPost({ postId: canonical.id })).toMatchObject({ commentCount: 2, tags: [{ slug: 'ui', name: 'UI' }] });
        expect(ids((await carol.listPosts({ board, tag: 'ui' })).items)).toEqual([canonical.id]);
        await adapter.admin!.unmergePost({ postId: duplicate.id });
        expect(await carol.getPost({ postId: canonical.id })).toMatchObject({ commentCount: 1, tags: [] });
        expect((await carol.listComments({ postId: canonical.id })).items.map((c) => c.id)).toEqual([own.id]);
      });

      it('lets an admin take a tag that came with a duplicate off the canonical while merged', async () => {
        const { board, admin, carol, duplicate, canonical } = await twoDuplicates(suite);
        await admin.createTag({ board, name: 'UI' });
        await admin.addPostTag({ postId: duplicate.id, tag: 'ui' });
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        await admin.removePostTag({ postId: canonical.id, tag: 'ui' });
        expect(await carol.getPost({ postId: canonical.id })).toMatchObject({ tags: [] });
        expect((await carol.listPosts({ board, tag: 'ui' })).items).toEqual([]);
        await admin.unmergePost({ postId: duplicate.id });
        expect(await carol.getPost({ postId: canonical.id })).toMatchObject({ tags: [] });
        expect(await carol.getPost({ postId: duplicate.id })).toMatchObject({ tags: [{ slug: 'ui', name: 'UI' }] });
      });

      it('unmerges exactly: both ideas read as they did before the merge', async () => {
        const { board, admin, bob, duplicate, canonical } = await twoDuplicates(suite);
        await admin.createTag({ board, name: 'UI' });
        await admin.addPostTag({ postId: duplicate.id, tag: 'ui' });
        await admin.setPostStatus({ postId: duplicate.id, status: 'planned' });
        await bob.addComment({ postId: duplicate.id, body: 'At night especially' });
        const before = [await bob.getPost({ postId: duplicate.id }), await bob.getPost({ postId: canonical.id })];
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        const result = await admin.unmergePost({ postId: duplicate.id });
        expect(result.duplicate).toMatchObject({ id: duplicate.id, status: 'planned', mergedInto: null });
        expect(result.canonical).toMatchObject({ id: canonical.id, peopleCount: 2 });
        expect([await bob.getPost({ postId: duplicate.id }), await bob.getPost({ postId: canonical.id })]).toEqual(before);
        expect(ids((await bob.listPosts({ board, sort: 'new' })).items)).toEqual([canonical.id, duplicate.id]);
      });

      it('lists merges and unmerges in both ideas\' history', async () => {
        const { admin, duplicate, canonical } = await twoDuplicates(suite);
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        await admin.unmergePost({ postId: duplicate.id });
        const history = await admin.listPostHistory({ postId: duplicate.id });
        const merges = history.filter((entry) => entry.type === 'post.merged' || entry.type === 'post.unmerged');
        expect(merges.map((entry) => entry.type)).toEqual(['post.merged', 'post.unmerged']);
        expect(merges[0]).toMatchObject({ actor: expect.objectContaining({ id: expect.any(String) }), occurredAt: expect.any(String) });
        expect(JSON.stringify(merges[0]!.details)).toContain(canonical.id);
        expect((await admin.listPostHistory({ postId: canonical.id })).map((entry) => entry.type)).toContain('post.merged');
        await rejectsWith(admin.listPostHistory({ postId: UNKNOWN }), 'not_found');
      });
    });

    describeNeeding(suite, ['admin', 'notifications'], 'telling people', () => {
      it('tells the duplicate\'s people once where their vote now counts, never the admin', async () => {
        const { adapter, admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { dana, erin, finn } = newPeople(suite);
        const duplicate = await dana.createPost({ board, title: 'Dark mode', body: '' });
        const canonical = await finn.createPost({ board, title: 'Night theme', body: '' });
        await erin.vote({ postId: duplicate.id });
        const before = await kindsOf(adapter);
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        for (const person of [dana, erin]) {
          expect((await person.listNotifications()).items).toEqual([
            {
              id: expect.any(String),
              kind: 'merged',
              post: { id: canonical.id, board, title: 'Night theme' },
              comment: null,
              mergedFrom: ref(duplicate),
              changelog: null,
              status: null,
              note: null,
              backlogItem: null,
              createdAt: expect.any(String),
              readAt: null,
            },
          ]);
        }
        expect(await kindsOf(finn)).toEqual([]);
        expect(await kindsOf(adapter)).toEqual(before);
      });

      it('tells the duplicate\'s voters when the canonical ships', async () => {
        const { admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { dana, erin, finn } = newPeople(suite);
        const duplicate = await dana.createPost({ board, title: 'Dark mode', body: '' });
        const canonical = await finn.createPost({ board, title: 'Night theme', body: '' });
        await erin.vote({ postId: duplicate.id });
        await admin.mergePost({ postId: duplicate.id, into: canonical.id });
        await admin.setPostStatus({ postId: canonical.id, status: 'shipped' });
        for (const person of [dana, erin]) expect(await kindsOf(person)).toEqual(['shipped Night theme', 'merged Night theme']);
        expect(await kindsOf(finn)).toEqual(['shipped Night theme']);
      });
    });
  },
};
