import { expect, it } from 'vitest';
import { newVisitors, rejectsWith, type SuiteArea } from '../suite.js';

/**
 * Changelog entries (issue 11): an admin writes a draft linking the ideas it ships, sees who will
 * be told, and publishes it; visitors read published entries; every follower of the ideas hears
 * once, however many of them they asked for.
 */
export const changelog: SuiteArea = {
  name: 'changelog',
  needs: ['notifications', 'admin'],
  tests: (suite) => {
    it('publishes an entry: its ideas ship and everyone who asked hears once, with the entry', async () => {
      const { adapter: adminAdapter, admin } = suite.admin();
      const { board } = await suite.freshBoard();
      const { ann, bo, cy, reader } = newVisitors(suite, ['ann', 'bo', 'cy', 'reader']);
      const exportIdea = await ann.createPost({ board, title: 'Export to PDF', body: '' });
      const printIdea = await bo.createPost({ board, title: 'Print a board', body: '' });
      const untouched = await cy.createPost({ board, title: 'Dark mode', body: '' });
      await bo.vote({ postId: exportIdea.id });
      await cy.vote({ postId: printIdea.id });

      const draft = await admin.createChangelogEntry({ board, title: 'PDF and print', body: 'Both **landed** today.', postIds: [exportIdea.id, printIdea.id] });
      expect(draft).toMatchObject({ board, title: 'PDF and print', body: 'Both **landed** today.', publishedAt: null });
      expect(draft.posts.map((post) => post.id)).toEqual([exportIdea.id, printIdea.id]);
      // Drafts are for admins.
      expect((await reader.listChangelogEntries({ board })).items).toEqual([]);
      expect((await adminAdapter.listChangelogEntries({ board })).items.map((entry) => entry.id)).toEqual([draft.id]);

      const preview = await admin.previewChangelogEntry({ entryId: draft.id });
      expect(preview.counts.in_app).toBe(3);
      expect((await reader.getPost({ postId: exportIdea.id })).status).toBe('open');

      const published = await admin.publishChangelogEntry({ entryId: draft.id });
      expect(Number.isNaN(Date.parse(published.publishedAt ?? ''))).toBe(false);
      for (const idea of [exportIdea, printIdea]) expect((await reader.getPost({ postId: idea.id })).status).toBe('shipped');
      expect((await reader.getPost({ postId: untouched.id })).status).toBe('open');
      // Bo asked for both ideas: one message.
      for (const person of [ann, bo, cy]) {
        const news = (await person.listNotifications()).items.filter((n) => n.kind === 'shipped');
        expect(news).toHaveLength(1);
        expect(news[0]).toMatchObject({ changelog: { id: draft.id, title: 'PDF and print' } });
      }
      expect((await reader.listChangelogEntries({ board })).items).toEqual([published]);
      await rejectsWith(admin.publishChangelogEntry({ entryId: draft.id }), 'conflict');
      await rejectsWith(admin.deleteChangelogEntry({ entryId: draft.id }), 'conflict');
    });

    it('edits and deletes drafts, and refuses bad input naming the field', async () => {
      const { admin } = suite.admin();
      const { board } = await suite.freshBoard();
      const other = await suite.freshBoard();
      const { ann } = newVisitors(suite, ['ann']);
      const idea = await ann.createPost({ board, title: 'Keyboard shortcuts', body: '' });
      const elsewhere = await ann.createPost({ board: other.board, title: 'Shortcuts elsewhere', body: '' });
      const refused = await rejectsWith(admin.createChangelogEntry({ board, title: 'x' }), 'invalid_input');
      expect(refused.details).toMatchObject({ problems: [expect.objectContaining({ field: 'title' })] });
      await rejectsWith(admin.createChangelogEntry({ board, title: 'Shortcuts', postIds: [elsewhere.id] }), 'invalid_input');
      await rejectsWith(admin.createChangelogEntry({ board: 'no-such-board', title: 'Shortcuts' }), 'not_found');

      const draft = await admin.createChangelogEntry({ board, title: 'Shortcuts' });
      expect(draft.posts).toEqual([]);
      const edited = await admin.updateChangelogEntry({ entryId: draft.id, body: 'Press ? to see them.', postIds: [idea.id] });
      expect(edited).toMatchObject({ title: 'Shortcuts', body: 'Press ? to see them.', posts: [{ id: idea.id, title: 'Keyboard shortcuts' }] });
      await admin.deleteChangelogEntry({ entryId: draft.id });
      await rejectsWith(admin.updateChangelogEntry({ entryId: draft.id, title: 'Gone' }), 'not_found');
    });
  },
};
