import { expect, it } from 'vitest';
import { rejectsWith, type SuiteArea } from '../suite.js';

export const posts: SuiteArea = {
  name: 'posts',
  tests: (suite) => {
    it('creates an idea in the first open status, counting the author as its first voter', async () => {
      const { board, alice } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: '  Dark mode for the editor ', body: 'My eyes **hurt**.' });
      expect(post).toMatchObject({
        board,
        title: 'Dark mode for the editor',
        body: 'My eyes **hurt**.',
        status: 'open',
        voteCount: 1,
        voted: true,
        commentCount: 0,
        tags: [],
        editedAt: null,
      });
      expect(typeof post.id).toBe('string');
      expect(Number.isNaN(Date.parse(post.createdAt))).toBe(false);
      expect(await alice.getPost({ postId: post.id })).toEqual(post);
    });

    it('shows the idea to others without their vote and without the author\'s private id', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Export to CSV', body: '' });
      const seenByBob = await bob.getPost({ postId: post.id });
      expect(seenByBob).toMatchObject({ id: post.id, voteCount: 1, voted: false });
      expect(seenByBob.author.id).not.toContain('suite-alice');
      const listed = await bob.listPosts({ board });
      expect(listed.items.map((p) => p.id)).toEqual([post.id]);
    });

    it('refuses a title that is too short or too long and an unknown board, storing nothing', async () => {
      const { board, alice } = await suite.freshBoard();
      const short = await rejectsWith(alice.createPost({ board, title: ' a ', body: '' }), 'invalid_input');
      expect(short.message).toMatch(/title/i);
      await rejectsWith(alice.createPost({ board, title: 'x'.repeat(141), body: '' }), 'invalid_input');
      await rejectsWith(alice.createPost({ board, title: 'A fine title', body: 'x'.repeat(10_001) }), 'invalid_input');
      await rejectsWith(alice.createPost({ board: 'no-such-board-anywhere', title: 'A fine title', body: '' }), 'not_found');
      expect((await alice.listPosts({ board })).items).toEqual([]);
    });

    it('keeps user text exactly as typed, markup included', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const body = '<img src=x onerror="alert(1)"> & "quotes" \u00e9\u4e2d\u{1F600}';
      const post = await alice.createPost({ board, title: 'Ünïcode <b>title</b> 🚀', body });
      expect((await bob.getPost({ postId: post.id })).body).toBe(body);
      expect((await bob.getPost({ postId: post.id })).title).toBe('Ünïcode <b>title</b> 🚀');
    });

    it('refuses an unknown post with not_found', async () => {
      const { alice } = suite.visitors();
      await rejectsWith(alice.getPost({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    });

    it('lets the author edit an idea, marking it edited, with the limits of a new idea', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: 'Please' });
      const edited = await alice.updatePost({ postId: post.id, title: '  Dark mode for the editor  ' });
      expect(edited).toMatchObject({ id: post.id, title: 'Dark mode for the editor', body: 'Please', voteCount: 1, voted: true });
      expect(Number.isNaN(Date.parse(edited.editedAt ?? ''))).toBe(false);
      const rewritten = await alice.updatePost({ postId: post.id, body: 'With **contrast**' });
      expect(rewritten).toMatchObject({ title: 'Dark mode for the editor', body: 'With **contrast**' });
      expect(await bob.getPost({ postId: post.id })).toMatchObject({ title: 'Dark mode for the editor', body: 'With **contrast**', voted: false });
      await rejectsWith(alice.updatePost({ postId: post.id, title: 'ab' }), 'invalid_input');
      await rejectsWith(alice.updatePost({ postId: post.id, body: 'x'.repeat(10_001) }), 'invalid_input');
      await rejectsWith(alice.updatePost({ postId: '00000000-0000-4000-8000-000000000000', title: 'A fine title' }), 'not_found');
      expect((await alice.getPost({ postId: post.id })).title).toBe('Dark mode for the editor');
    });

    it('refuses an edit of someone else\'s idea with forbidden', async () => {
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
      await rejectsWith(bob.updatePost({ postId: post.id, title: 'Light mode only' }), 'forbidden');
      expect(await bob.getPost({ postId: post.id })).toMatchObject({ title: 'Dark mode', editedAt: null });
    });
  },
};
