import { expect, it } from 'vitest';
import { rejectsWith, type SuiteArea } from '../suite.js';

export const votes: SuiteArea = {
  name: 'votes',
  tests: (suite) => {
    it('counts each visitor once, however often they vote', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Keyboard shortcuts', body: '' });
      expect(await bob.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      expect(await bob.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      expect(await alice.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      expect(await bob.getPost({ postId: post.id })).toMatchObject({ voted: true, voteCount: 2, peopleCount: 2 });
      expect(await carol.getPost({ postId: post.id })).toMatchObject({ voted: false, voteCount: 2, peopleCount: 2 });
    });

    it('takes a vote back once, however often it is taken back', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Keyboard shortcuts', body: '' });
      await bob.vote({ postId: post.id });
      expect(await bob.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1, peopleCount: 1 });
      expect(await bob.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1, peopleCount: 1 });
      expect(await carol.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1, peopleCount: 1 });
      expect(await alice.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 0, peopleCount: 0 });
      expect((await bob.listPosts({ board })).items[0]).toMatchObject({ voted: false, voteCount: 0, peopleCount: 0 });
    });

    it('refuses votes on an unknown post with not_found', async () => {
      const { bob } = suite.visitors();
      await rejectsWith(bob.vote({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
      await rejectsWith(bob.unvote({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    });
  },
};
