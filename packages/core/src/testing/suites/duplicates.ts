import { expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../types.js';
import { boardWithIdeas, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

// Scores come from each adapter's engine: only that the two ideas saying the same thing are the
// best pair is checked, not by how much.
const ideas = (suite: SuiteContext) => boardWithIdeas(suite, [
  { title: 'Dark mode for the editor', body: 'The editor is too bright at night; a dark theme please.' },
  { title: 'Export to CSV', body: 'For the monthly report.' },
  { title: 'Dark theme for the editor', body: 'A dark mode, the editor hurts my eyes at night.' },
]);
const pairOf = (candidate: DuplicateCandidate | undefined) => candidate?.posts.map((post) => post.id).sort();

export const duplicates: SuiteArea = {
  name: 'duplicate candidates',
  needs: ['admin'],
  tests: (suite) => {
    it('pairs the ideas saying the same thing, best first, the one with more people first', async () => {
      const { admin } = suite.admin();
      const { board, bob, posts: [dark, , theme] } = await ideas(suite);
      await bob.vote({ postId: theme.id });
      const [best] = await admin.listDuplicateCandidates({ board });
      expect(pairOf(best)).toEqual([dark.id, theme.id].sort());
      expect(best!.suggestedCanonical).toBe(theme.id);
      expect(best!.posts[0]).toMatchObject({ id: theme.id, peopleCount: 2 });
      expect(best!.score).toBeGreaterThan(0);
      expect(best!.score).toBeLessThanOrEqual(1);
      expect(await admin.listDuplicateCandidates({ board, limit: 1 })).toHaveLength(1);
      await rejectsWith(admin.listDuplicateCandidates({ board: 'no-such-board-anywhere' }), 'not_found');
    });

    it('forgets a dismissed pair until either idea\'s text changes, and a merged one', async () => {
      const { admin } = suite.admin();
      const { board, alice, posts: [dark, , theme] } = await ideas(suite);
      const pair = [dark.id, theme.id].sort();
      await admin.dismissDuplicateCandidate({ postIds: [theme.id, dark.id] });
      expect((await admin.listDuplicateCandidates({ board })).map(pairOf)).not.toContainEqual(pair);
      await alice.updatePost({ postId: dark.id, body: 'The editor is too bright at night; a dark theme, please.' });
      expect(pairOf((await admin.listDuplicateCandidates({ board }))[0])).toEqual(pair);
      await admin.mergePost({ postId: dark.id, into: theme.id });
      const left = await admin.listDuplicateCandidates({ board });
      expect(left.flatMap((candidate) => candidate.posts.map((post) => post.id))).not.toContain(dark.id);
      await rejectsWith(admin.dismissDuplicateCandidate({ postIds: [dark.id, dark.id] }), 'invalid_input');
    });
  },
};
