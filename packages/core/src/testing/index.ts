import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaysoAdapter } from '../adapter.js';
import { SaysoError, type SaysoErrorCode } from '../errors.js';
import type { Post } from '../types.js';

/** What an adapter under test must provide to the conformance suite. */
export interface AdapterSuiteFixture {
  /** Creates a new, empty board with the default workflow and returns its slug. */
  createBoard(): Promise<string>;
  /** An adapter acting for the given visitor; the same id means the same visitor. */
  adapterFor(visitorId: string): SaysoAdapter;
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

      it('lists no posts on a new board', async () => {
        await freshBoard();
        expect(await alice.listPosts({ board })).toEqual({ items: [], nextCursor: null });
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
  });
}
