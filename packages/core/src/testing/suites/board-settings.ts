import { expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../../defaults.js';
import { refusedFields, rejectsWith, type SuiteArea } from '../suite.js';

/** A slug no other run of the suite on the same database has used. */
const uniqueSlug = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** Boards as admins create and change them in the console's settings. */
export const boardSettings: SuiteArea = {
  name: 'board settings',
  needs: ['admin'],
  tests: (suite) => {
    it('creates a board with the default workflow, or the one given; a slug taken is a conflict', async () => {
      const { adapter, admin } = suite.admin();
      const slug = uniqueSlug('roadmap');
      const created = await admin.createBoard({ slug, name: '  Roadmap ', description: 'What we build next', anonymous: 'votes' });
      expect(created).toEqual({ slug, name: 'Roadmap', description: 'What we build next', anonymous: 'votes', statuses: DEFAULT_STATUSES });
      expect(await adapter.getBoard({ board: slug })).toEqual(created);
      await rejectsWith(admin.createBoard({ slug, name: 'Again' }), 'conflict');

      const small = await admin.createBoard({
        slug: uniqueSlug('small'),
        name: 'Small',
        statuses: [
          { name: 'New', kind: 'open' },
          { name: 'Done', kind: 'done' },
        ],
      });
      expect(small.statuses).toEqual([
        { id: 'new', name: 'New', kind: 'open', position: 0 },
        { id: 'done', name: 'Done', kind: 'done', position: 1 },
      ]);
      expect(small.anonymous).toBe('votes-and-posts');
    });

    it('refuses a bad slug, a missing name, and a workflow without an open or a done status', async () => {
      const { admin } = suite.admin();
      expect(refusedFields(await rejectsWith(admin.createBoard({ slug: 'Not a slug', name: 'X' }), 'invalid_input'))).toContain('slug');
      expect(refusedFields(await rejectsWith(admin.createBoard({ slug: uniqueSlug('nameless'), name: '  ' }), 'invalid_input'))).toContain('name');
      const noDone = admin.createBoard({ slug: uniqueSlug('nodone'), name: 'X', statuses: [{ name: 'New', kind: 'open' }] });
      expect(refusedFields(await rejectsWith(noDone, 'invalid_input'))).toContain('statuses');
    });

    it('renames, reorders, re-kinds and adds statuses, keeping each kept status\'s key; a status cannot be left out', async () => {
      const { adapter, admin } = suite.admin();
      const { board, alice } = await suite.freshBoard();
      // An idea in the first `open` status, before visitors may no longer post.
      await alice.createPost({ board, title: 'Dark mode everywhere', body: '' });
      const before = await adapter.getBoard({ board });
      const changed = await admin.updateBoard({
        board,
        name: 'Renamed board',
        description: 'Ideas for the app',
        anonymous: 'off',
        statuses: [
          ...before.statuses.filter((status) => status.id !== 'planned').map(({ id, name, kind }) => ({ id, name: id === 'open' ? 'Inbox' : name, kind })),
          { id: 'planned', name: 'Planned', kind: 'active' as const },
          { name: 'Beta', kind: 'active' as const },
        ],
      });
      expect(changed).toMatchObject({ slug: board, name: 'Renamed board', description: 'Ideas for the app', anonymous: 'off' });
      const ids = changed.statuses.map((status) => status.id);
      expect(ids.slice(-2)).toEqual(['planned', 'beta']);
      expect(changed.statuses.map((status) => status.position)).toEqual(ids.map((_, index) => index));
      expect(changed.statuses.find((status) => status.id === 'open')).toMatchObject({ name: 'Inbox', kind: 'open' });
      expect(await adapter.getBoard({ board })).toEqual(changed);

      // Leaving a status out would strand its ideas.
      const withoutBeta = changed.statuses.filter((status) => status.id !== 'beta');
      expect(refusedFields(await rejectsWith(admin.updateBoard({ board, statuses: withoutBeta }), 'invalid_input'))).toContain('statuses');
      // A status that holds ideas keeps its kind; an empty one may change it.
      const rekind = (id: string) => changed.statuses.map((status) => (status.id === id ? { ...status, kind: 'active' as const } : status));
      await rejectsWith(admin.updateBoard({ board, statuses: rekind('open') }), 'conflict');
      expect((await admin.updateBoard({ board, statuses: rekind('under-review') })).statuses.find((status) => status.id === 'under-review')!.kind).toBe('active');
      // Fields left out stay.
      expect(await admin.updateBoard({ board, description: '' })).toMatchObject({ name: 'Renamed board', description: '' });
      await rejectsWith(admin.updateBoard({ board: 'no-such-board-anywhere', name: 'X' }), 'not_found');
    });
  },
};
