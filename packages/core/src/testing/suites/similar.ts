import { expect, it } from 'vitest';
import type { Post } from '../../types.js';
import { boardWithIdeas, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const ideas = (suite: SuiteContext) => boardWithIdeas(suite, [
  { title: 'Dark mode for the editor', body: 'Easier on the eyes at night.' },
  { title: 'Export to CSV', body: 'For the monthly report.' },
  { title: 'Gantt chart view', body: 'Tasks as bars on a timeline.' },
]);
const ids = (posts: Post[]) => posts.map((post) => post.id);

export const similar: SuiteArea = {
  name: 'similar ideas',
  tests: (suite) => {
    it('ranks the idea saying the same thing first, typos and word forms included', async () => {
      const { board, bob, posts: [dark, csv, gantt] } = await ideas(suite);
      expect(ids(await bob.findSimilarPosts({ board, text: 'A dark theme in the editor please' }))[0]).toBe(dark.id);
      expect(ids(await bob.findSimilarPosts({ board, text: 'gant charts' }))[0]).toBe(gantt.id);
      expect(ids(await bob.findSimilarPosts({ board, text: 'exporting reports as csv files' }))[0]).toBe(csv.id);
      expect(await bob.findSimilarPosts({ board, text: 'zeppelin parking' })).toEqual([]);
    });

    it('answers whole posts as the caller sees them', async () => {
      const { board, alice, bob, posts: [dark] } = await ideas(suite);
      const [forAlice] = await alice.findSimilarPosts({ board, text: 'dark mode' });
      const [forBob] = await bob.findSimilarPosts({ board, text: 'dark mode' });
      expect(forAlice).toEqual(await alice.getPost({ postId: dark.id }));
      expect(forAlice).toMatchObject({ voted: true, voteCount: 1 });
      expect(forBob).toMatchObject({ id: dark.id, voted: false, voteCount: 1 });
    });

    it('finds nothing for a text too short or without content words', async () => {
      const { board, bob } = await ideas(suite);
      for (const text of ['', '   ', 'da', 'the and of it']) {
        expect(await bob.findSimilarPosts({ board, text })).toEqual([]);
      }
    });

    it('returns 5 by default, at most limit, never more than 10', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      for (let n = 1; n <= 12; n++) await alice.createPost({ board, title: `Dark mode variant ${n}`, body: '' });
      expect(await bob.findSimilarPosts({ board, text: 'dark mode' })).toHaveLength(5);
      expect(await bob.findSimilarPosts({ board, text: 'dark mode', limit: 2 })).toHaveLength(2);
      expect(await bob.findSimilarPosts({ board, text: 'dark mode', limit: 50 })).toHaveLength(10);
      await rejectsWith(bob.findSimilarPosts({ board, text: 'dark mode', limit: 0 }), 'invalid_input');
    });

    it('keeps up with new and edited ideas', async () => {
      const { board, bob, carol, posts: [, csv] } = await ideas(suite);
      expect(ids(await bob.findSimilarPosts({ board, text: 'sync with google calendar' }))).toEqual([]);
      const sync = await carol.createPost({ board, title: 'Google Calendar sync', body: '' });
      expect(ids(await bob.findSimilarPosts({ board, text: 'sync with google calendar' }))).toEqual([sync.id]);
      await bob.updatePost({ postId: csv.id, title: 'Outlook calendar sync' });
      expect(ids(await bob.findSimilarPosts({ board, text: 'sync with outlook calendar' }))[0]).toBe(csv.id);
    });

    it('is not_found for an unknown board', async () => {
      const { board, alice } = await suite.freshBoard();
      await rejectsWith(alice.findSimilarPosts({ board: `${board}-missing`, text: 'dark mode' }), 'not_found');
    });
  },
};
