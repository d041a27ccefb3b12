import { expect, it } from 'vitest';
import { rejectsWith, type SuiteArea } from '../suite.js';

// Visitors read tags (boards.ts checks a new board has none); only admins make and apply them.
export const tags: SuiteArea = {
  name: 'tags',
  needs: ['admin'],
  tests: (suite) => {
    it('creates, lists, renames and deletes tags; the slug stays across renames', async () => {
      const { adapter, admin } = suite.admin();
      const { board, bob } = await suite.freshBoard();
      const mobile = await admin.createTag({ board, name: '  Mobile app ' });
      expect(mobile).toEqual({ slug: 'mobile-app', name: 'Mobile app' });
      const api = await admin.createTag({ board, name: 'API' });
      expect(await bob.listTags({ board })).toEqual([api, mobile]);
      expect(await admin.renameTag({ board, tag: 'mobile-app', name: 'Apps' })).toEqual({ slug: 'mobile-app', name: 'Apps' });
      expect(await adapter.listTags({ board })).toEqual([api, { slug: 'mobile-app', name: 'Apps' }]);
      await rejectsWith(admin.createTag({ board, name: 'api' }), 'conflict');
      await rejectsWith(admin.createTag({ board, name: 'Mobile app!' }), 'conflict');
      await rejectsWith(admin.renameTag({ board, tag: 'api', name: 'APPS' }), 'conflict');
      await rejectsWith(admin.createTag({ board, name: ' ' }), 'invalid_input');
      await rejectsWith(admin.createTag({ board, name: 'x'.repeat(41) }), 'invalid_input');
      await rejectsWith(admin.createTag({ board: 'no-such-board-anywhere', name: 'Web' }), 'not_found');
      await rejectsWith(admin.renameTag({ board, tag: 'no-such-tag', name: 'Web' }), 'not_found');
      await admin.deleteTag({ board, tag: 'api' });
      expect(await bob.listTags({ board })).toEqual([{ slug: 'mobile-app', name: 'Apps' }]);
      await rejectsWith(admin.deleteTag({ board, tag: 'api' }), 'not_found');
    });

    it('tags ideas idempotently, filters by tag, and a deleted tag leaves every post', async () => {
      const { admin } = suite.admin();
      const { board, alice, bob } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
      const other = await bob.createPost({ board, title: 'Export to CSV', body: '' });
      const ui = await admin.createTag({ board, name: 'UI' });
      const web = await admin.createTag({ board, name: 'Web' });
      expect((await admin.addPostTag({ postId: post.id, tag: 'web' })).tags).toEqual([web]);
      expect((await admin.addPostTag({ postId: post.id, tag: 'ui' })).tags).toEqual([ui, web]);
      expect((await admin.addPostTag({ postId: post.id, tag: 'ui' })).tags).toEqual([ui, web]);
      await admin.addPostTag({ postId: other.id, tag: 'web' });
      expect(await alice.getPost({ postId: post.id })).toMatchObject({ tags: [ui, web], voted: true, editedAt: null });
      expect((await bob.listPosts({ board, tag: 'ui' })).items.map((p) => p.id)).toEqual([post.id]);
      expect((await bob.listPosts({ board, tag: 'web', sort: 'new' })).items.map((p) => p.id)).toEqual([other.id, post.id]);
      expect((await admin.removePostTag({ postId: post.id, tag: 'web' })).tags).toEqual([ui]);
      expect((await admin.removePostTag({ postId: post.id, tag: 'web' })).tags).toEqual([ui]);
      await rejectsWith(admin.addPostTag({ postId: post.id, tag: 'no-such-tag' }), 'not_found');
      await rejectsWith(admin.addPostTag({ postId: '00000000-0000-4000-8000-000000000000', tag: 'ui' }), 'not_found');
      await admin.deleteTag({ board, tag: 'ui' });
      expect((await bob.getPost({ postId: post.id })).tags).toEqual([]);
      expect((await bob.listPosts({ board, tag: 'ui' })).items).toEqual([]);
      expect((await bob.getPost({ postId: other.id })).tags).toEqual([web]);
    });

    it('keeps tags to their board', async () => {
      const { admin } = suite.admin();
      const { board: elsewhere } = await suite.freshBoard();
      await admin.createTag({ board: elsewhere, name: 'Only here' });
      const { board, alice } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
      await rejectsWith(admin.addPostTag({ postId: post.id, tag: 'only-here' }), 'not_found');
      expect(await alice.listTags({ board })).toEqual([]);
      expect(await admin.createTag({ board, name: 'Only here' })).toEqual({ slug: 'only-here', name: 'Only here' });
    });
  },
};
