import { expect, it } from 'vitest';
import { describeNeeding, kindsOf, newVisitors, rejectsWith, type SuiteArea, type SuiteContext } from '../suite.js';

/** Visitors of their own, so notifications from other tests never show up in the counts. */
const newPeople = (suite: SuiteContext) => newVisitors(suite, ['author', 'voter', 'commenter', 'bystander']);

export const notifications: SuiteArea = {
  name: 'notifications',
  needs: ['notifications'],
  tests: (suite) => {
    it('has none for a visitor who did nothing, and refuses a bad cursor or limit', async () => {
      const { bystander } = newPeople(suite);
      expect(await bystander.listNotifications()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
      await rejectsWith(bystander.listNotifications({ cursor: 'not a cursor at all' }), 'invalid_input');
      await rejectsWith(bystander.listNotifications({ limit: 0 }), 'invalid_input');
      await rejectsWith(bystander.listNotifications({ limit: 101 }), 'invalid_input');
      await rejectsWith(bystander.markNotificationsRead({ ids: [] }), 'invalid_input');
      await rejectsWith(bystander.markNotificationsRead({} as { all: true }), 'invalid_input');
    });

    it('tells the idea\'s author and earlier commenters of a reply, never its writer', async () => {
      const { board } = await suite.freshBoard();
      const { author, voter, commenter, bystander } = newPeople(suite);
      const post = await author.createPost({ board, title: 'Offline mode', body: '' });
      await voter.vote({ postId: post.id });
      const first = await commenter.addComment({ postId: post.id, body: 'Yes please' });
      const [reply] = (await author.listNotifications()).items;
      expect(reply).toEqual({
        id: expect.any(String),
        kind: 'reply',
        post: { id: post.id, board, title: 'Offline mode' },
        comment: { id: first.id, author: first.author },
        mergedFrom: null,
        changelog: null,
        status: null,
        note: null,
        backlogItem: null,
        createdAt: expect.any(String),
        readAt: null,
      });
      expect(await commenter.listNotifications()).toMatchObject({ items: [], unreadCount: 0 });
      await author.addComment({ postId: post.id, body: 'Thanks, noted' });
      await commenter.addComment({ postId: post.id, body: 'One more thing' });
      expect(await kindsOf(author)).toEqual(['reply Offline mode', 'reply Offline mode']);
      expect(await kindsOf(commenter)).toEqual(['reply Offline mode']);
      // Voting is not taking part in the discussion: voters hear only when the idea ships.
      expect(await kindsOf(voter)).toEqual([]);
      expect(await kindsOf(bystander)).toEqual([]);
      expect((await author.listNotifications()).unreadCount).toBe(2);
    });

    it('pages newest first and marks read by id or all, only ever the visitor\'s own', async () => {
      const { board } = await suite.freshBoard();
      const { author, commenter } = newPeople(suite);
      const posts = [];
      for (let n = 1; n <= 3; n++) posts.push(await author.createPost({ board, title: `Idea number ${n}`, body: '' }));
      for (const post of posts) await commenter.addComment({ postId: post.id, body: 'Me too' });
      const first = await author.listNotifications({ limit: 2 });
      expect(first.items.map((n) => n.post?.title)).toEqual(['Idea number 3', 'Idea number 2']);
      expect(first).toMatchObject({ unreadCount: 3, nextCursor: expect.any(String) });
      const second = await author.listNotifications({ cursor: first.nextCursor, limit: 2 });
      expect(second.items.map((n) => n.post?.title)).toEqual(['Idea number 1']);
      expect(second.nextCursor).toBeNull();

      const [newest, middle] = first.items;
      // Someone else's ids change nothing, and say nothing about them.
      expect(await commenter.markNotificationsRead({ ids: [newest!.id] })).toEqual({ unreadCount: 0 });
      expect((await author.listNotifications()).unreadCount).toBe(3);
      expect(await author.markNotificationsRead({ ids: [newest!.id, newest!.id] })).toEqual({ unreadCount: 2 });
      expect(await author.markNotificationsRead({ ids: [newest!.id] })).toEqual({ unreadCount: 2 });
      const after = await author.listNotifications();
      expect(after.items.map((n) => n.readAt === null)).toEqual([false, true, true]);
      expect(Number.isNaN(Date.parse(after.items[0]!.readAt!))).toBe(false);
      expect(after.items[1]!.id).toBe(middle!.id);
      expect(await author.markNotificationsRead({ all: true })).toEqual({ unreadCount: 0 });
      expect((await author.listNotifications()).items.every((n) => n.readAt !== null)).toBe(true);
    });

    describeNeeding(suite, ['admin'], 'when an idea ships', () => {
      it('tells the author and every voter once when an idea ships, with its ship date', async () => {
        const { adapter: adminAdapter, admin } = suite.admin();
        const { board } = await suite.freshBoard();
        const { author, voter, commenter, bystander } = newPeople(suite);
        const post = await author.createPost({ board, title: 'Dark mode', body: '' });
        expect(post.shippedAt).toBeNull();
        await voter.vote({ postId: post.id });
        await commenter.vote({ postId: post.id });
        await commenter.unvote({ postId: post.id });
        await admin.setPostStatus({ postId: post.id, status: 'planned' });
        expect(await kindsOf(author)).toEqual([]);
        const shipped = await admin.setPostStatus({ postId: post.id, status: 'shipped' });
        expect(Number.isNaN(Date.parse(shipped.shippedAt ?? ''))).toBe(false);
        expect((await bystander.getPost({ postId: post.id })).shippedAt).toBe(shipped.shippedAt);
        for (const asker of [author, voter]) {
          const page = await asker.listNotifications();
          expect(page.unreadCount).toBe(1);
          expect(page.items).toEqual([
            { id: expect.any(String), kind: 'shipped', post: { id: post.id, board, title: 'Dark mode' }, comment: null, mergedFrom: null, changelog: null, status: { id: 'shipped', name: 'Shipped' }, note: null, backlogItem: null, createdAt: expect.any(String), readAt: null },
          ]);
        }
        expect(await kindsOf(commenter)).toEqual([]);
        expect(await kindsOf(bystander)).toEqual([]);
        expect(await kindsOf(adminAdapter)).toEqual([]);

        // Taken back, the ship date goes; shipped again while the news is unread, nobody hears twice.
        expect((await admin.setPostStatus({ postId: post.id, status: 'in-progress' })).shippedAt).toBeNull();
        const again = await admin.setPostStatus({ postId: post.id, status: 'shipped' });
        expect(Date.parse(again.shippedAt!)).toBeGreaterThanOrEqual(Date.parse(shipped.shippedAt!));
        expect(await kindsOf(author)).toEqual(['shipped Dark mode']);
        // Once read, shipping it again is news again.
        await voter.markNotificationsRead({ all: true });
        await admin.setPostStatus({ postId: post.id, status: 'planned' });
        await admin.setPostStatus({ postId: post.id, status: 'shipped' });
        expect(await kindsOf(voter)).toEqual(['shipped Dark mode', 'shipped Dark mode']);
        expect((await voter.listNotifications()).unreadCount).toBe(1);
        expect(await kindsOf(author)).toEqual(['shipped Dark mode']);
      });
    });
  },
};
