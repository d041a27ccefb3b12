import { expect, it } from 'vitest';
import { rejectsWith, type SuiteArea } from '../suite.js';

export const comments: SuiteArea = {
  name: 'comments',
  tests: (suite) => {
    it('adds comments, lists them oldest first and counts them on the post', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
      const one = await bob.addComment({ postId: post.id, body: 'Yes please' });
      const two = await carol.addComment({ postId: post.id, body: 'Needed on trains' });
      expect(one).toMatchObject({ postId: post.id, body: 'Yes please' });
      const page = await alice.listComments({ postId: post.id });
      expect(page.items.map((c) => c.id)).toEqual([one.id, two.id]);
      expect(page.nextCursor).toBeNull();
      expect((await alice.getPost({ postId: post.id })).commentCount).toBe(2);
    });

    it('refuses an empty comment and a comment on an unknown post', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
      await rejectsWith(bob.addComment({ postId: post.id, body: '   ' }), 'invalid_input');
      await rejectsWith(bob.addComment({ postId: '00000000-0000-4000-8000-000000000000', body: 'hi' }), 'not_found');
      expect((await alice.listComments({ postId: post.id })).items).toEqual([]);
    });

    it('lets the author edit and delete a comment, keeping the count exact', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
      const one = await bob.addComment({ postId: post.id, body: 'Yes please' });
      const two = await carol.addComment({ postId: post.id, body: 'Me too' });
      expect(one.editedAt).toBeNull();
      const edited = await bob.updateComment({ commentId: one.id, body: '  Yes please, on trains  ' });
      expect(edited).toMatchObject({ id: one.id, postId: post.id, body: 'Yes please, on trains', createdAt: one.createdAt });
      expect(Number.isNaN(Date.parse(edited.editedAt ?? ''))).toBe(false);
      expect((await alice.listComments({ postId: post.id })).items).toEqual([edited, two]);
      await rejectsWith(bob.updateComment({ commentId: one.id, body: '   ' }), 'invalid_input');
      expect(await carol.deleteComment({ commentId: two.id })).toEqual({ commentId: two.id, postId: post.id, commentCount: 1 });
      expect((await alice.listComments({ postId: post.id })).items.map((c) => c.id)).toEqual([one.id]);
      expect((await alice.getPost({ postId: post.id })).commentCount).toBe(1);
      await rejectsWith(carol.deleteComment({ commentId: two.id }), 'not_found');
      await rejectsWith(carol.updateComment({ commentId: two.id, body: 'Back again' }), 'not_found');
    });

    it('refuses to edit or delete someone else\'s comment with forbidden', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
      const comment = await bob.addComment({ postId: post.id, body: 'Yes please' });
      // Not even the post's author may change what others wrote under it.
      await rejectsWith(alice.updateComment({ commentId: comment.id, body: 'No thanks' }), 'forbidden');
      await rejectsWith(alice.deleteComment({ commentId: comment.id }), 'forbidden');
      expect((await carol.listComments({ postId: post.id })).items).toEqual([comment]);
      expect((await carol.getPost({ postId: post.id })).commentCount).toBe(1);
    });
  },
};
