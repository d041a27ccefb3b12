import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import { SaysoError, type SaysoErrorCode } from '../errors.js';
import type { Post } from '../types.js';

/** What an adapter under test must provide to the conformance suite. */
export interface AdapterSuiteFixture {
  /** Creates a new, empty board with the default workflow and returns its slug. */
  createBoard(): Promise<string>;
  /** An adapter acting for the given visitor; the same id means the same visitor. */
  adapterFor(visitorId: string): SaysoAdapter;
  /**
   * An adapter acting as a board admin (with `admin` and `capabilities.admin`). Leave it out
   * when the adapter has no admin part; the suite then skips the admin tests.
   */
  adminAdapter?(): SaysoAdapter;
  /** Releases servers, databases or anything else the fixture started. */
  close?(): Promise<void>;
}

async function rejectsWith(promise: Promise<unknown>, code: SaysoErrorCode): Promise<SaysoError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a SaysoError "${code}", but the call succeeded`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SaysoError);
  expect((error as SaysoError).code).toBe(code);
  return error as SaysoError;
}

async function allPages(fetchPage: (cursor: string | null) => Promise<{ items: Post[]; nextCursor: string | null }>) {
  const seen: Post[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await fetchPage(cursor);
    seen.push(...page.items);
    if (page.nextCursor === null) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end after 100 pages');
}

/**
 * The definition of "an adapter works": run it against any {@link SaysoAdapter}.
 *
 * @example
 * runAdapterSuite('my adapter', async () => ({
 *   createBoard: () => myBackend.createEmptyBoard(),
 *   adapterFor: (visitorId) => createMyAdapter({ visitorId }),
 *   adminAdapter: () => createMyAdapter({ visitorId: 'admin', admin: true }), // optional
 * }));
 */
export function runAdapterSuite(name: string, setup: () => Promise<AdapterSuiteFixture>): void {
  describe(`adapter conformance: ${name}`, () => {
    let fixture: AdapterSuiteFixture;
    let board: string;
    let alice: SaysoAdapter;
    let bob: SaysoAdapter;
    let carol: SaysoAdapter;

    beforeAll(async () => {
      fixture = await setup();
    });
    afterAll(async () => {
      await fixture?.close?.();
    });

    const freshBoard = async () => {
      board = await fixture.createBoard();
      alice = fixture.adapterFor('suite-alice');
      bob = fixture.adapterFor('suite-bob');
      carol = fixture.adapterFor('suite-carol');
    };

    /** The admin adapter and its admin part, or skips the test when the fixture has none. */
    const adminOrSkip = (context: TestContext): { adapter: SaysoAdapter; admin: SaysoAdminApi } => {
      if (!fixture.adminAdapter) {
        context.skip('the fixture has no admin adapter');
        throw new Error('unreachable');
      }
      const adapter = fixture.adminAdapter();
      expect(adapter.capabilities?.admin).toBe(true);
      expect(adapter.admin).toBeDefined();
      return { adapter, admin: adapter.admin! };
    };

    describe('boards', () => {
      it('lists a new board with its ordered default workflow', async () => {
        await freshBoard();
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
        ]);
        expect(found!.statuses.map((s) => s.kind)).toEqual(['open', 'open', 'active', 'active', 'done', 'declined']);
      });

      it('gives one board\'s details, the same as in the list, anonymous voting and posting allowed', async () => {
        await freshBoard();
        const details = await bob.getBoard({ board });
        expect(details).toMatchObject({ slug: board, anonymous: 'votes-and-posts' });
        expect(details.statuses.map((s) => s.id)).toEqual(['open', 'under-review', 'planned', 'in-progress', 'shipped', 'declined']);
        expect((await bob.listBoards()).find((b) => b.slug === board)).toEqual(details);
        await rejectsWith(bob.getBoard({ board: 'no-such-board-anywhere' }), 'not_found');
      });

      it('lists no posts and no tags on a new board', async () => {
        await freshBoard();
        expect(await alice.listPosts({ board })).toEqual({ items: [], nextCursor: null });
        expect(await alice.listTags({ board })).toEqual([]);
        await rejectsWith(alice.listTags({ board: 'no-such-board-anywhere' }), 'not_found');
      });

      it('refuses an unknown board with not_found', async () => {
        await rejectsWith(alice.listPosts({ board: 'no-such-board-anywhere' }), 'not_found');
      });
    });

    describe('posts', () => {
      it('creates an idea in the first open status, counting the author as its first voter', async () => {
        await freshBoard();
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
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Export to CSV', body: '' });
        const seenByBob = await bob.getPost({ postId: post.id });
        expect(seenByBob).toMatchObject({ id: post.id, voteCount: 1, voted: false });
        expect(seenByBob.author.id).not.toContain('suite-alice');
        const listed = await bob.listPosts({ board });
        expect(listed.items.map((p) => p.id)).toEqual([post.id]);
      });

      it('refuses a title that is too short or too long and an unknown board, storing nothing', async () => {
        await freshBoard();
        const short = await rejectsWith(alice.createPost({ board, title: ' a ', body: '' }), 'invalid_input');
        expect(short.message).toMatch(/title/i);
        await rejectsWith(alice.createPost({ board, title: 'x'.repeat(141), body: '' }), 'invalid_input');
        await rejectsWith(alice.createPost({ board, title: 'A fine title', body: 'x'.repeat(10_001) }), 'invalid_input');
        await rejectsWith(alice.createPost({ board: 'no-such-board-anywhere', title: 'A fine title', body: '' }), 'not_found');
        expect((await alice.listPosts({ board })).items).toEqual([]);
      });

      it('keeps user text exactly as typed, markup included', async () => {
        await freshBoard();
        const body = '<img src=x onerror="alert(1)"> & "quotes" \u00e9\u4e2d\u{1F600}';
        const post = await alice.createPost({ board, title: 'Ünïcode <b>title</b> 🚀', body });
        expect((await bob.getPost({ postId: post.id })).body).toBe(body);
        expect((await bob.getPost({ postId: post.id })).title).toBe('Ünïcode <b>title</b> 🚀');
      });

      it('refuses an unknown post with not_found', async () => {
        await rejectsWith(alice.getPost({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
      });
    });

    describe('votes', () => {
      it('counts each visitor once, however often they vote', async () => {
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Keyboard shortcuts', body: '' });
        expect(await bob.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2 });
        expect(await bob.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2 });
        expect(await alice.vote({ postId: post.id })).toEqual({ postId: post.id, voted: true, voteCount: 2 });
        expect(await bob.getPost({ postId: post.id })).toMatchObject({ voted: true, voteCount: 2 });
        expect(await carol.getPost({ postId: post.id })).toMatchObject({ voted: false, voteCount: 2 });
      });

      it('takes a vote back once, however often it is taken back', async () => {
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Keyboard shortcuts', body: '' });
        await bob.vote({ postId: post.id });
        expect(await bob.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1 });
        expect(await bob.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1 });
        expect(await carol.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 1 });
        expect(await alice.unvote({ postId: post.id })).toEqual({ postId: post.id, voted: false, voteCount: 0 });
        expect((await bob.listPosts({ board })).items[0]).toMatchObject({ voted: false, voteCount: 0 });
      });

      it('refuses votes on an unknown post with not_found', async () => {
        await rejectsWith(bob.vote({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
        await rejectsWith(bob.unvote({ postId: '00000000-0000-4000-8000-000000000000' }), 'not_found');
      });
    });

    describe('idempotency keys', () => {
      const key = () => `suite-${Date.now()}-${Math.random().toString(36).slice(2)}`;

      it('creates one post for the same key twice, answering the repeat as the first call', async () => {
        await freshBoard();
        const idempotencyKey = key();
        const first = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey });
        const again = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey });
        expect(again).toEqual(first);
        expect((await alice.listPosts({ board })).items.map((p) => p.id)).toEqual([first.id]);
        const other = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey: key() });
        expect(other.id).not.toBe(first.id);
      });

      it('answers a repeated vote key with the first result, even after the count moved on', async () => {
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Offline votes', body: '' });
        const idempotencyKey = key();
        const first = await bob.vote({ postId: post.id, idempotencyKey });
        expect(first).toEqual({ postId: post.id, voted: true, voteCount: 2 });
        await carol.vote({ postId: post.id });
        expect(await bob.vote({ postId: post.id, idempotencyKey })).toEqual(first);
        expect((await carol.getPost({ postId: post.id })).voteCount).toBe(3);
        const unvoteKey = key();
        expect(await bob.unvote({ postId: post.id, idempotencyKey: unvoteKey })).toMatchObject({ voted: false, voteCount: 2 });
        expect(await bob.unvote({ postId: post.id, idempotencyKey: unvoteKey })).toMatchObject({ voted: false, voteCount: 2 });
      });

      it('keeps keys apart per visitor', async () => {
        await freshBoard();
        const idempotencyKey = key();
        const mine = await alice.createPost({ board, title: 'Same key, other visitor', body: '', idempotencyKey });
        const theirs = await bob.createPost({ board, title: 'Same key, other visitor', body: '', idempotencyKey });
        expect(theirs.id).not.toBe(mine.id);
        expect((await carol.listPosts({ board })).items).toHaveLength(2);
      });
    });

    describe('sorting and pages', () => {
      it('orders top by votes and new by creation time', async () => {
        await freshBoard();
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
        await freshBoard();
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
        await freshBoard();
        await rejectsWith(alice.listPosts({ board, cursor: 'not a cursor at all' }), 'invalid_input');
        await rejectsWith(alice.listPosts({ board, limit: 0 }), 'invalid_input');
        await rejectsWith(alice.listPosts({ board, limit: 101 }), 'invalid_input');
      });
    });

    describe('comments', () => {
      it('adds comments, lists them oldest first and counts them on the post', async () => {
        await freshBoard();
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
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
        await rejectsWith(bob.addComment({ postId: post.id, body: '   ' }), 'invalid_input');
        await rejectsWith(bob.addComment({ postId: '00000000-0000-4000-8000-000000000000', body: 'hi' }), 'not_found');
        expect((await alice.listComments({ postId: post.id })).items).toEqual([]);
      });
    });
    describe('editing', () => {
      it('lets the author edit an idea, marking it edited, with the limits of a new idea', async () => {
        await freshBoard();
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
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        await rejectsWith(bob.updatePost({ postId: post.id, title: 'Light mode only' }), 'forbidden');
        expect(await bob.getPost({ postId: post.id })).toMatchObject({ title: 'Dark mode', editedAt: null });
      });

      it('lets the author edit and delete a comment, keeping the count exact', async () => {
        await freshBoard();
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
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Offline mode', body: '' });
        const comment = await bob.addComment({ postId: post.id, body: 'Yes please' });
        // Not even the post's author may change what others wrote under it.
        await rejectsWith(alice.updateComment({ commentId: comment.id, body: 'No thanks' }), 'forbidden');
        await rejectsWith(alice.deleteComment({ commentId: comment.id }), 'forbidden');
        expect((await carol.listComments({ postId: post.id })).items).toEqual([comment]);
        expect((await carol.getPost({ postId: post.id })).commentCount).toBe(1);
      });
    });

    describe('filters and search', () => {
      const ideas = async () => {
        await freshBoard();
        const dark = await alice.createPost({ board, title: 'Dark mode for the editor', body: 'Easier on the eyes at night.' });
        const csv = await bob.createPost({ board, title: 'Export to CSV', body: 'For the monthly report.' });
        const offline = await carol.createPost({ board, title: 'Offline mode', body: 'Take notes on the train.' });
        return { dark, csv, offline };
      };

      it('narrows by status key, nothing for a status no post has', async () => {
        const { dark, csv, offline } = await ideas();
        const open = await bob.listPosts({ board, status: 'open', sort: 'new' });
        expect(open.items.map((p) => p.id)).toEqual([offline.id, csv.id, dark.id]);
        expect(await bob.listPosts({ board, status: 'shipped' })).toEqual({ items: [], nextCursor: null });
        expect(await bob.listPosts({ board, status: 'no-such-status' })).toEqual({ items: [], nextCursor: null });
      });

      it('searches every word of title and body, combined with sort and filters', async () => {
        const { dark, csv, offline } = await ideas();
        const mode = await bob.listPosts({ board, q: 'mode', sort: 'new' });
        expect(mode.items.map((p) => p.id)).toEqual([offline.id, dark.id]);
        expect((await bob.listPosts({ board, q: 'MODE editor' })).items.map((p) => p.id)).toEqual([dark.id]);
        expect((await bob.listPosts({ board, q: 'monthly report' })).items.map((p) => p.id)).toEqual([csv.id]);
        expect((await bob.listPosts({ board, q: 'train', status: 'open' })).items.map((p) => p.id)).toEqual([offline.id]);
        expect((await bob.listPosts({ board, q: 'train', status: 'planned' })).items).toEqual([]);
        expect(await bob.listPosts({ board, q: 'zeppelin' })).toEqual({ items: [], nextCursor: null });
        const paged = await bob.listPosts({ board, q: 'mode', sort: 'top', limit: 1 });
        expect(paged.items).toHaveLength(1);
        expect(paged.nextCursor).not.toBeNull();
      });

      it('refuses an empty or overlong search with invalid_input', async () => {
        await freshBoard();
        await rejectsWith(alice.listPosts({ board, q: '   ' }), 'invalid_input');
        await rejectsWith(alice.listPosts({ board, q: 'x'.repeat(201) }), 'invalid_input');
      });

      it('finds nothing for a tag the board does not have', async () => {
        await ideas();
        expect(await bob.listPosts({ board, tag: 'no-such-tag' })).toEqual({ items: [], nextCursor: null });
      });
    });

    describe('similar ideas', () => {
      const ideas = async () => {
        await freshBoard();
        const dark = await alice.createPost({ board, title: 'Dark mode for the editor', body: 'Easier on the eyes at night.' });
        const csv = await bob.createPost({ board, title: 'Export to CSV', body: 'For the monthly report.' });
        const gantt = await carol.createPost({ board, title: 'Gantt chart view', body: 'Tasks as bars on a timeline.' });
        return { dark, csv, gantt };
      };
      const ids = (posts: Post[]) => posts.map((post) => post.id);

      it('ranks the idea saying the same thing first, typos and word forms included', async () => {
        const { dark, csv, gantt } = await ideas();
        expect(ids(await bob.findSimilarPosts({ board, text: 'A dark theme in the editor please' }))[0]).toBe(dark.id);
        expect(ids(await bob.findSimilarPosts({ board, text: 'gant charts' }))[0]).toBe(gantt.id);
        expect(ids(await bob.findSimilarPosts({ board, text: 'exporting reports as csv files' }))[0]).toBe(csv.id);
        expect(await bob.findSimilarPosts({ board, text: 'zeppelin parking' })).toEqual([]);
      });

      it('answers whole posts as the caller sees them', async () => {
        const { dark } = await ideas();
        const [forAlice] = await alice.findSimilarPosts({ board, text: 'dark mode' });
        const [forBob] = await bob.findSimilarPosts({ board, text: 'dark mode' });
        expect(forAlice).toEqual(await alice.getPost({ postId: dark.id }));
        expect(forAlice).toMatchObject({ voted: true, voteCount: 1 });
        expect(forBob).toMatchObject({ id: dark.id, voted: false, voteCount: 1 });
      });

      it('finds nothing for a text too short or without content words', async () => {
        await ideas();
        for (const text of ['', '   ', 'da', 'the and of it']) {
          expect(await bob.findSimilarPosts({ board, text })).toEqual([]);
        }
      });

      it('returns 5 by default, at most limit, never more than 10', async () => {
        await freshBoard();
        for (let n = 1; n <= 12; n++) await alice.createPost({ board, title: `Dark mode variant ${n}`, body: '' });
        expect(await bob.findSimilarPosts({ board, text: 'dark mode' })).toHaveLength(5);
        expect(await bob.findSimilarPosts({ board, text: 'dark mode', limit: 2 })).toHaveLength(2);
        expect(await bob.findSimilarPosts({ board, text: 'dark mode', limit: 50 })).toHaveLength(10);
        await rejectsWith(bob.findSimilarPosts({ board, text: 'dark mode', limit: 0 }), 'invalid_input');
      });

      it('keeps up with new and edited ideas', async () => {
        const { csv } = await ideas();
        expect(ids(await bob.findSimilarPosts({ board, text: 'sync with google calendar' }))).toEqual([]);
        const sync = await carol.createPost({ board, title: 'Google Calendar sync', body: '' });
        expect(ids(await bob.findSimilarPosts({ board, text: 'sync with google calendar' }))).toEqual([sync.id]);
        await bob.updatePost({ postId: csv.id, title: 'Outlook calendar sync' });
        expect(ids(await bob.findSimilarPosts({ board, text: 'sync with outlook calendar' }))[0]).toBe(csv.id);
      });

      it('is not_found for an unknown board', async () => {
        await freshBoard();
        await rejectsWith(alice.findSimilarPosts({ board: `${board}-missing`, text: 'dark mode' }), 'not_found');
      });
    });

    describe('keyset pages of new', () => {
      it('never repeats a post when one is added between pages', async () => {
        await freshBoard();
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
        await freshBoard();
        for (let n = 1; n <= 3; n++) await alice.createPost({ board, title: `Idea number ${n}`, body: '' });
        const newest = await alice.listPosts({ board, sort: 'new', limit: 1 });
        const top = await alice.listPosts({ board, sort: 'top', limit: 1 });
        await rejectsWith(alice.listPosts({ board, sort: 'top', cursor: newest.nextCursor }), 'invalid_input');
        await rejectsWith(alice.listPosts({ board, sort: 'new', cursor: top.nextCursor }), 'invalid_input');
      });
    });

    describe('notifications', () => {
      let people = 0;
      /** Visitors of their own, so notifications from other tests never show up in the counts. */
      const newPeople = () => {
        const tag = `suite-notify-${++people}`;
        return {
          author: fixture.adapterFor(`${tag}-author`),
          voter: fixture.adapterFor(`${tag}-voter`),
          commenter: fixture.adapterFor(`${tag}-commenter`),
          bystander: fixture.adapterFor(`${tag}-bystander`),
        };
      };
      const kindsOf = async (adapter: SaysoAdapter) =>
        (await adapter.listNotifications()).items.map((n) => `${n.kind} ${n.post.title}`);

      it('has none for a visitor who did nothing, and refuses a bad cursor or limit', async () => {
        const { bystander } = newPeople();
        expect(await bystander.listNotifications()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
        await rejectsWith(bystander.listNotifications({ cursor: 'not a cursor at all' }), 'invalid_input');
        await rejectsWith(bystander.listNotifications({ limit: 0 }), 'invalid_input');
        await rejectsWith(bystander.listNotifications({ limit: 101 }), 'invalid_input');
        await rejectsWith(bystander.markNotificationsRead({ ids: [] }), 'invalid_input');
        await rejectsWith(bystander.markNotificationsRead({} as { all: true }), 'invalid_input');
      });

      it('tells the idea\'s author and earlier commenters of a reply, never its writer', async () => {
        await freshBoard();
        const { author, voter, commenter, bystander } = newPeople();
        const post = await author.createPost({ board, title: 'Offline mode', body: '' });
        await voter.vote({ postId: post.id });
        const first = await commenter.addComment({ postId: post.id, body: 'Yes please' });
        const [reply] = (await author.listNotifications()).items;
        expect(reply).toEqual({
          id: expect.any(String),
          kind: 'reply',
          post: { id: post.id, board, title: 'Offline mode' },
          comment: { id: first.id, author: first.author },
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

      it('tells the author and every voter once when an idea ships, with its ship date', async (context) => {
        const { adapter: adminAdapter, admin } = adminOrSkip(context);
        await freshBoard();
        const { author, voter, commenter, bystander } = newPeople();
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
            { id: expect.any(String), kind: 'shipped', post: { id: post.id, board, title: 'Dark mode' }, comment: null, createdAt: expect.any(String), readAt: null },
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

      it('orders the changelog sort by ship date, newest first, page by page', async (context) => {
        const { admin } = adminOrSkip(context);
        await freshBoard();
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

      it('pages newest first and marks read by id or all, only ever the visitor\'s own', async () => {
        await freshBoard();
        const { author, commenter } = newPeople();
        const posts = [];
        for (let n = 1; n <= 3; n++) posts.push(await author.createPost({ board, title: `Idea number ${n}`, body: '' }));
        for (const post of posts) await commenter.addComment({ postId: post.id, body: 'Me too' });
        const first = await author.listNotifications({ limit: 2 });
        expect(first.items.map((n) => n.post.title)).toEqual(['Idea number 3', 'Idea number 2']);
        expect(first).toMatchObject({ unreadCount: 3, nextCursor: expect.any(String) });
        const second = await author.listNotifications({ cursor: first.nextCursor, limit: 2 });
        expect(second.items.map((n) => n.post.title)).toEqual(['Idea number 1']);
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
    });

    describe('admin', () => {
      it('offers no admin part to a visitor', async () => {
        await freshBoard();
        expect(alice.admin).toBeUndefined();
        expect(alice.capabilities?.admin ?? false).toBe(false);
      });

      it('lets an admin edit anyone\'s idea and delete anyone\'s comment', async (context) => {
        const { adapter } = adminOrSkip(context);
        await freshBoard();
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

      it('moves an idea through the workflow; an unknown status is invalid_input', async (context) => {
        const { admin } = adminOrSkip(context);
        await freshBoard();
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

      it('creates, lists, renames and deletes tags; the slug stays across renames', async (context) => {
        const { adapter, admin } = adminOrSkip(context);
        await freshBoard();
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

      it('tags ideas idempotently, filters by tag, and a deleted tag leaves every post', async (context) => {
        const { admin } = adminOrSkip(context);
        await freshBoard();
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

      it('keeps tags to their board', async (context) => {
        const { admin } = adminOrSkip(context);
        await freshBoard();
        const elsewhere = board;
        await admin.createTag({ board: elsewhere, name: 'Only here' });
        await freshBoard();
        const post = await alice.createPost({ board, title: 'Dark mode', body: '' });
        await rejectsWith(admin.addPostTag({ postId: post.id, tag: 'only-here' }), 'not_found');
        expect(await alice.listTags({ board })).toEqual([]);
        expect(await admin.createTag({ board, name: 'Only here' })).toEqual({ slug: 'only-here', name: 'Only here' });
      });
    });
  });
}
