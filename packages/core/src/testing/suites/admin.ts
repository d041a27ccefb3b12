import { expect, it } from 'vitest';
import { describeNeeding, rejectsWith, type SuiteArea } from '../suite.js';

export const admin: SuiteArea = {
  name: 'admin',
  tests: (suite) => {
    it('offers no admin part to a visitor', async () => {
      const { alice } = await suite.freshBoard();
      expect(alice.admin).toBeUndefined();
      expect(alice.capabilities?.admin ?? false).toBe(false);
    });

    describeNeeding(suite, ['admin'], 'as an admin', () => {
      it('says who the admin credentials act as', async () => {
        const { admin } = suite.admin();
        const identity = await admin.whoAmI();
        expect(['admin_key', 'server_key', 'host_token']).toContain(identity.via);
        expect(identity.label.trim()).not.toBe('');
      });

      it('lets an admin edit anyone\'s idea and delete anyone\'s comment', async () => {
        const { adapter } = suite.admin();
        const { board, alice, bob } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        const comment = await bob.addComment({ postId: post.id, body: 'Spam spam spam' });
        expect(await adapter.updatePost({ postId: post.id, title: 'Dark mode (merged wording)' })).toMatchObject({
          title: 'Dark mode (merged wording)',
          author: post.author,
        });
        expect(await adapter.updateComment({ commentId: comment.id, body: '[removed link]' })).toMatchObject({ body: '[removed link]', author: comment.author });
        expect(await adapter.deleteComment({ commentId: comment.id })).toEqual({ commentId: comment.id, postId: post.id, commentCount: 0 });
        expect((await alice.getPost({ postId: post.id })).commentCount).toBe(0);
      });

      it('moves an idea through the workflow; an unknown status is invalid_input', async () => {
        const { admin } = suite.admin();
        const { board, alice, bob } = await suite.freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        const other = await bob.createPost({ board, title: 'Export to CSV', body: '' });
        expect(await admin.setPostStatus({ postId: post.id, status: 'planned' })).toMatchObject({ id: post.id, status: 'planned', voteCount: 1 });
        expect(await admin.setPostStatus({ postId: post.id, status: 'planned' })).toMatchObject({ status: 'planned' });
        expect(await alice.getPost({ postId: post.id })).toMatchObject({ status: 'planned', voted: true, editedAt: null });
        expect((await bob.listPosts({ board, status: 'planned' })).items.map((p) => p.id)).toEqual([post.id]);
        expect((await bob.listPosts({ board, status: 'open' })).items.map((p) => p.id)).toEqual([other.id]);
        await rejectsWith(admin.setPostStatus({ postId: post.id, status: 'no-such-status' }), 'invalid_input');
        await rejectsWith(admin.setPostStatus({ postId: '00000000-0000-4000-8000-000000000000', status: 'planned' }), 'not_found');
        expect((await alice.getPost({ postId: post.id })).status).toBe('planned');
      });
    });
  },
};
