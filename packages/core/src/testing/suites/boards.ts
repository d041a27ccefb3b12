import { expect, it } from 'vitest';
import { rejectsWith, type SuiteArea } from '../suite.js';

export const boards: SuiteArea = {
  name: 'boards',
  tests: (suite) => {
    it('lists a new board with its ordered default workflow', async () => {
      const { board, alice } = await suite.freshBoard();
      const boards = await alice.listBoards();
      const found = boards.find((b) => b.slug === board);
      expect(found).toBeDefined();
      expect(found!.statuses.map((s) => s.name)).toEqual([
        'Open',
        'Under review',
        'Planned',
        'In progress',
        'Shipped',
        'Declined',
        'Merged',
      ]);
      expect(found!.statuses.map((s) => s.kind)).toEqual(['open', 'open', 'active', 'active', 'done', 'declined', 'duplicate']);
    });

    it('gives one board\'s details, the same as in the list, anonymous voting and posting allowed', async () => {
      const { board, bob } = await suite.freshBoard();
      const details = await bob.getBoard({ board });
      expect(details).toMatchObject({ slug: board, anonymous: 'votes-and-posts' });
      expect(details.statuses.map((s) => s.id)).toEqual(['open', 'under-review', 'planned', 'in-progress', 'shipped', 'declined', 'merged']);
      expect((await bob.listBoards()).find((b) => b.slug === board)).toEqual(details);
      await rejectsWith(bob.getBoard({ board: 'no-such-board-anywhere' }), 'not_found');
    });

    it('lists no posts and no tags on a new board', async () => {
      const { board, alice } = await suite.freshBoard();
      expect(await alice.listPosts({ board })).toEqual({ items: [], nextCursor: null });
      expect(await alice.listTags({ board })).toEqual([]);
      await rejectsWith(alice.listTags({ board: 'no-such-board-anywhere' }), 'not_found');
    });

    it('refuses an unknown board with not_found', async () => {
      const { alice } = suite.visitors();
      await rejectsWith(alice.listPosts({ board: 'no-such-board-anywhere' }), 'not_found');
    });
  },
};
