import { expect, it } from 'vitest';
import { boardWithIdeas, rejectsWith, type SuiteArea } from '../suite.js';

export const triage: SuiteArea = {
  name: 'idea comparison',
  needs: ['admin'],
  tests: (suite) => {
    it('counts the people two ideas share and those only each has, naming the shared where known', async () => {
      const { admin } = suite.admin();
      const { board, alice, bob, posts: [dark, , theme] } = await boardWithIdeas(suite, [
        { title: 'Dark mode for the editor', body: 'Too bright at night.' },
        { title: 'Export to CSV', body: 'For the monthly report.' },
        { title: 'Dark theme for the editor', body: 'The editor hurts my eyes.' },
      ]);
      // dark: alice (author), bob, Dana, sam@example.com; theme: carol (author), alice, bob, Dana, Erin (by her email).
      await bob.vote({ postId: dark.id });
      await bob.vote({ postId: theme.id });
      await alice.vote({ postId: theme.id });
      await admin.addCustomerRequest({ postId: dark.id, name: 'Dana Reyes' });
      await admin.addCustomerRequest({ postId: theme.id, name: 'Dana Reyes' });
      await admin.addCustomerRequest({ postId: dark.id, email: 'sam@example.com' });
      const email = await admin.submitFeedback({ board, text: 'A dark theme, please.', author: { name: 'Erin', email: 'erin@example.com' } });
      await admin.linkFeedback({ itemIds: [email.id], postId: theme.id });

      const comparison = await admin.compareIdeas({ postIds: [dark.id, theme.id] });
      expect(comparison.sharedPeople).toBe(3);
      expect(comparison.sharedNames).toEqual(['Dana Reyes']);
      const [first, second] = comparison.ideas;
      expect(first).toMatchObject({ post: { id: dark.id, peopleCount: 4 }, onlyHere: 1 });
      expect(second).toMatchObject({ post: { id: theme.id, peopleCount: 5 }, onlyHere: 2 });
      // Each idea's own words are widget evidence; the linked email is the API's.
      expect(first.evidence.map((count) => count.source)).not.toContain('api');
      expect(second.evidence).toContainEqual({ source: 'api', people: 1, items: 1 });
    });

    it('refuses the same idea twice and an unknown idea', async () => {
      const { admin } = suite.admin();
      const { posts: [idea] } = await boardWithIdeas(suite, [{ title: 'One', body: '' }, { title: 'Two', body: '' }, { title: 'Three', body: '' }]);
      await rejectsWith(admin.compareIdeas({ postIds: [idea.id, idea.id] }), 'invalid_input');
      await rejectsWith(admin.compareIdeas({ postIds: [idea.id, '00000000-0000-4000-8000-000000000000'] }), 'not_found');
    });
  },
};
