import { expect, it } from 'vitest';
import { allPages, describeNeeding, rejectsWith, type SuiteArea } from '../suite.js';

export const paging: SuiteArea = {
  name: 'sorting and pages',
  tests: (suite) => {
    it('orders top by votes and new by creation time', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const first = await alice.createPost({ board, title: 'First idea', body: '' });
      const second = await alice.createPost({ board, title: 'Second idea', body: '' });
      const third = await alice.createPost({ board, title: 'Third idea', body: '' });
      await bob.vote({ postId: first.id });
      await carol.vote({ postId: first.id });
      await bob.vote({ postId: third.id });
      const top = await carol.listPosts({ board, sort: 'top' });
      expect(top.items.map((p) => p.title)).toEqual(['First idea', 'Third idea', 'Second idea']);
      expect(top.items.map((p) => p.voteCount)).toEqual([3, 2, 1]);
      const newest = await carol.listPosts({ board, sort: 'new' });
      expect(newest.items.map((p) => p.id)).toEqual([third.id, second.id, first.id]);
      const trending = await carol.listPosts({ board, sort: 'trending' });
      expect(trending.items.map((p) => p.id).sort()).toEqual([first.id, second.id, third.id].sort());
    });

    it('walks every post exactly once through pages', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const created: string[] = [];
      for (let n = 1; n <= 5; n++) created.push((await alice.createPost({ board, title: `Idea number ${n}`, body: '' })).id);
      for (const sort of ['top', 'new', 'trending'] as const) {
        const pages: number[] = [];
        const seen = await allPages(async (cursor) => {
          const page = await bob.listPosts({ board, sort, cursor, limit: 2 });
          pages.push(page.items.length);
          return page;
        });
        expect(pages).toEqual([2, 2, 1]);
        expect(seen.map((p) => p.id).sort()).toEqual([...created].sort());
      }
    });

    it('refuses a malformed cursor or limit with invalid_input', async () => {
      const { board, alice } = await suite.freshBoard();
      await rejectsWith(alice.listPosts({ board, cursor: 'not a cursor at all' }), 'invalid_input');
      await rejectsWith(alice.listPosts({ board, limit: 0 }), 'invalid_input');
      await rejectsWith(alice.listPosts({ board, limit: 101 }), 'invalid_input');
    });

    it('never repeats a post of new when one is added between pages', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const created: string[] = [];
      for (let n = 1; n <= 5; n++) created.push((await alice.createPost({ board, title: `Idea number ${n}`, body: '' })).id);
      const first = await bob.listPosts({ board, sort: 'new', limit: 2 });
      expect(first.items.map((p) => p.id)).toEqual([created[4], created[3]]);
      const late = await carol.createPost({ board, title: 'A late idea', body: '' });
      const seen = [...first.items];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await bob.listPosts({ board, sort: 'new', limit: 2, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor;
      }
      const ids = seen.map((p) => p.id);
      expect(ids).toEqual([created[4], created[3], created[2], created[1], created[0]]);
      expect(ids).not.toContain(late.id);
      expect((await bob.listPosts({ board, sort: 'new', limit: 1 })).items[0]!.id).toBe(late.id);
    });

    it('refuses a cursor of another sort with invalid_input', async () => {
      const { board, alice } = await suite.freshBoard();
      for (let n = 1; n <= 3; n++) await alice.createPost({ board, title: `Idea number ${n}`, body: '' });
      const newest = await alice.listPosts({ board, sort: 'new', limit: 1 });
      const top = await alice.listPosts({ board, sort: 'top', limit: 1 });
      await rejectsWith(alice.listPosts({ board, sort: 'top', cursor: newest.nextCursor }), 'invalid_input');
      await rejectsWith(alice.listPosts({ board, sort: 'new', cursor: top.nextCursor }), 'invalid_input');
    });

    describeNeeding(suite, ['admin'], 'the changelog order', () => {
      it('orders the changelog sort by ship date, newest first, page by page', async () => {
        const { admin } = suite.admin();
        const { board, alice, bob } = await suite.freshBoard();
        const first = await alice.createPost({ board, title: 'First idea', body: '' });
        const second = await alice.createPost({ board, title: 'Second idea', body: '' });
        const third = await alice.createPost({ board, title: 'Third idea', body: '' });
        await admin.setPostStatus({ postId: second.id, status: 'shipped' });
        await admin.setPostStatus({ postId: first.id, status: 'shipped' });
        const shipped = await allPages((cursor) => bob.listPosts({ board, sort: 'shipped', status: 'shipped', cursor, limit: 1 }));
        expect(shipped.map((p) => p.id)).toEqual([first.id, second.id]);
        // Ideas never shipped count from their creation.
        const all = await allPages((cursor) => bob.listPosts({ board, sort: 'shipped', cursor, limit: 2 }));
        expect(all.map((p) => p.id)).toEqual([first.id, second.id, third.id]);
        await rejectsWith(bob.listPosts({ board, sort: 'shipped', cursor: (await bob.listPosts({ board, sort: 'top', limit: 1 })).nextCursor }), 'invalid_input');
      });
    });
  },
};
