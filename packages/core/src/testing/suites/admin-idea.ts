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
  },
};
