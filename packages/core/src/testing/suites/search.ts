import { expect, it } from 'vitest';
import { boardWithIdeas, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

const ideas = (suite: SuiteContext) => boardWithIdeas(suite, [
  { title: 'Dark mode for the editor', body: 'Easier on the eyes at night.' },
  { title: 'Export to CSV', body: 'For the monthly report.' },
  { title: 'Offline mode', body: 'Take notes on the train.' },
]);

export const search: SuiteArea = {
  name: 'filters and search',
  tests: (suite) => {
    it('narrows by status key, nothing for a status no post has', async () => {
      const { board, bob, posts: [dark, csv, offline] } = await ideas(suite);
      const open = await bob.listPosts({ board, status: 'open', sort: 'new' });
      expect(open.items.map((p) => p.id)).toEqual([offline.id, csv.id, dark.id]);
      expect(await bob.listPosts({ board, status: 'shipped' })).toEqual({ items: [], nextCursor: null });
      expect(await bob.listPosts({ board, status: 'no-such-status' })).toEqual({ items: [], nextCursor: null });
    });

    it('searches every word of title and body, combined with sort and filters', async () => {
      const { board, bob, posts: [dark, csv, offline] } = await ideas(suite);
      const mode = await bob.listPosts({ board, q: 'mode', sort: 'new' });
      expect(mode.items.map((p) => p.id)).toEqual([offline.id, dark.id]);
      expect((await bob.listPosts({ board, q: 'MODE editor' })).items.map((p) => p.id)).toEqual([dark.id]);
      expect((await bob.listPosts({ board, q: 'monthly report' })).items.map((p) => p.id)).toEqual([csv.id]);
      expect((await bob.listPosts({ board, q: 'train', status: 'open' })).items.map((p) => p.id)).toEqual([offline.id]);
      expect((await bob.listPosts({ board, q: 'train', status: 'planned' })).items).toEqual([]);
      expect(await bob.listPosts({ board, q: 'zeppelin' })).toEqual({ items: [], nextCursor: null });
      const paged = await bob.listPosts({ board, q: 'mode', sort: 'top', limit: 1 });
      expect(paged.items).toHaveLength(1);
      expect(paged.nextCursor).not.toBeNull();
    });

    it('refuses an empty or overlong search with invalid_input', async () => {
      const { board, alice } = await suite.freshBoard();
      await rejectsWith(alice.listPosts({ board, q: '   ' }), 'invalid_input');
      await rejectsWith(alice.listPosts({ board, q: 'x'.repeat(201) }), 'invalid_input');
    });

    it('finds nothing for a tag the board does not have', async () => {
      const { board, bob } = await ideas(suite);
      expect(await bob.listPosts({ board, tag: 'no-such-tag' })).toEqual({ items: [], nextCursor: null });
    });
  },
};
