import { expect, it } from 'vitest';
import { CHANGED_SINCE_MESSAGE } from '../../rules/unchanged-since.js';
import { describeNeeding, rejectsWith, type SuiteArea } from '../suite.js';

/** The console's idea screen: edits made over what the admin saw, refused when the idea moved on. */
export const adminIdea: SuiteArea = {
  name: 'admin-idea',
  tests: (suite) => {
    describeNeeding(suite, ['admin'], 'as an admin editing an idea', () => {
      it('refuses an edit made over an older text with conflict, and changes nothing', async () => {
        const { adapter } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const seen = await alice.createPost({ board, title: 'Dark mode', body: 'Please.' });
        // Someone else changes the title after the admin opened the idea.
        await alice.updatePost({ postId: seen.id, title: 'Dark mode everywhere' });
        const refused = await rejectsWith(
          adapter.updatePost({ postId: seen.id, title: 'Dark theme', body: 'Please.', expected: { title: seen.title, body: seen.body } }),
          'conflict',
        );
        expect(refused.message).toBe(CHANGED_SINCE_MESSAGE);
        expect(await alice.getPost({ postId: seen.id })).toMatchObject({ title: 'Dark mode everywhere', body: 'Please.' });
        // Over what is there now, the edit goes through.
        const now = await alice.getPost({ postId: seen.id });
        expect(await adapter.updatePost({ postId: seen.id, title: 'Dark theme', expected: { title: now.title, body: now.body } })).toMatchObject({ title: 'Dark theme' });
      });

      it('refuses a status change made over an older status, and tells nobody', async () => {
        const { admin } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const seen = await alice.createPost({ board, title: 'Offline sync', body: '' });
        await admin.setPostStatus({ postId: seen.id, status: 'planned', expected: { status: seen.status } });
        await rejectsWith(admin.setPostStatus({ postId: seen.id, status: 'declined', expected: { status: seen.status } }), 'conflict');
        expect((await alice.getPost({ postId: seen.id })).status).toBe('planned');
        expect(await admin.setPostStatus({ postId: seen.id, status: 'declined', expected: { status: 'planned' } })).toMatchObject({ status: 'declined' });
      });

      it('refuses impact and effort set over older ones (defaults included)', async () => {
        const { admin } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'CSV export', body: '' });
        await admin.setPriorityInputs({ postId: post.id, impact: 2, expected: { impact: 1, effort: 1 } });
        await rejectsWith(admin.setPriorityInputs({ postId: post.id, impact: 3, effort: 2, expected: { impact: 1, effort: 1 } }), 'conflict');
        const demand = await admin.setPriorityInputs({ postId: post.id, effort: 2, expected: { impact: 2, effort: 1 } });
        expect(demand.priority?.terms.filter((term) => term.name === 'impact' || term.name === 'effort').map((term) => term.value)).toEqual([2, 2]);
      });
    });

    describeNeeding(suite, ['admin'], 'demand over time', () => {
      it('counts each of the idea\'s people once, on the day they first wanted it, up to its people count', async () => {
        const { admin } = suite.admin();
        const { board, alice, bob, carol } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        const duplicate = await bob.createPost({ board, title: 'Night theme', body: '' });
        await carol.vote({ postId: duplicate.id });
        await carol.vote({ postId: post.id });
        await admin.addCustomerRequest({ postId: post.id, name: 'Ada', email: 'ada@example.com' });
        await admin.mergePost({ postId: duplicate.id, into: post.id });

        const history = await admin.getDemandHistory({ postId: duplicate.id });
        expect(history.postId).toBe(post.id);
        const today = new Date().toISOString().slice(0, 10);
        // alice, bob, carol (once, though she voted for both) and Ada: on the day this test runs (around midnight, two days).
        expect(history.days.map((day) => day.date).every((date) => date <= today)).toBe(true);
        expect(history.days.reduce((sum, day) => sum + day.added, 0)).toBe(4);
        expect(history.days.at(-1)?.total).toBe((await alice.getPost({ postId: post.id })).peopleCount);

        await carol.unvote({ postId: post.id });
        expect((await admin.getDemandHistory({ postId: post.id })).days.at(-1)?.total).toBe(3);
      });
    });

    describeNeeding(suite, ['admin'], 'the team\'s comments', () => {
      it('a reply as the team shows as from the team and tells the conversation', async () => {
        const { admin } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        const unread = (await alice.listNotifications()).unreadCount;
        const reply = await admin.addTeamComment({ postId: post.id, body: '  We are on it.  ' });
        expect(reply).toMatchObject({ postId: post.id, body: 'We are on it.', team: true });
        expect(reply.internal).toBeUndefined();
        expect((await alice.listComments({ postId: post.id })).items).toEqual([expect.objectContaining({ id: reply.id, team: true })]);
        expect((await alice.getPost({ postId: post.id })).commentCount).toBe(1);
        expect((await alice.listNotifications()).unreadCount).toBe(unread + 1);
      });

      it('an internal note is seen by admins only, counted nowhere visitors look, and tells nobody', async () => {
        const { adapter, admin } = suite.admin();
        const { board, alice, bob } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'Offline sync', body: '' });
        await bob.vote({ postId: post.id });
        await bob.addComment({ postId: post.id, body: 'Yes please' });
        const [aliceUnread, bobUnread] = [(await alice.listNotifications()).unreadCount, (await bob.listNotifications()).unreadCount];

        const note = await admin.addTeamComment({ postId: post.id, body: 'Acme asked on the renewal call.', internal: true });
        expect(note).toMatchObject({ body: 'Acme asked on the renewal call.', team: true, internal: true });

        for (const visitor of [alice, bob]) {
          expect((await visitor.listComments({ postId: post.id })).items.map((comment) => comment.body)).toEqual(['Yes please']);
          expect((await visitor.getPost({ postId: post.id })).commentCount).toBe(1);
        }
        expect((await adapter.listComments({ postId: post.id })).items.map((comment) => [comment.body, comment.internal ?? false])).toEqual([
          ['Yes please', false],
          ['Acme asked on the renewal call.', true],
        ]);
        expect((await alice.listNotifications()).unreadCount).toBe(aliceUnread);
        expect((await bob.listNotifications()).unreadCount).toBe(bobUnread);
        // A later reply tells the conversation, which the note's writer did not join by noting.
        await bob.addComment({ postId: post.id, body: 'Any news?' });
        expect((await alice.listNotifications()).unreadCount).toBe(aliceUnread + 1);
      });

      it('refuses an empty team comment with invalid_input', async () => {
        const { admin } = suite.admin();
        const { board, alice } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'CSV export', body: '' });
        await rejectsWith(admin.addTeamComment({ postId: post.id, body: '   ', internal: true }), 'invalid_input');
      });
    });
  },
};
