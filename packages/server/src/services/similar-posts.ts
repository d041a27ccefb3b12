import { SIMILAR_IDEA_MIN_SCORE, similarLookupText, suggestedCanonical, type DuplicateCandidate, type Post } from '@sayso/core';
import { boardIdOf } from '../db/boards.js';
import type { Database } from '../db/database.js';
import { candidatePairs } from '../db/duplicates.js';
import * as posts from '../db/posts.js';
import { BoardIndexes } from '../similarity/board-indexes.js';

/** How long a lookup waits for its board's index to be built: a small board is done by then. */
const BUILD_WAIT_MS = 200;
/** How long the queue waits for a board never indexed in this process to be built and checked. */
const QUEUE_WAIT_MS = 5000;

const atMost = (ms: number, work: Promise<unknown>) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * What the server does with similarity: "similar ideas" for the idea form, asked on (debounced)
 * keystrokes, and the admin duplicate queue. Both read the app's board indexes
 * (similarity/board-indexes.ts), which stay in memory between requests and follow the event log.
 */
export function createSimilarPosts(db: Database) {
  const indexes = new BoardIndexes(db);

  /** Once a board's queue holds the changes committed so far (waiting at most QUEUE_WAIT_MS for its index to be built). */
  async function boardChecked(boardId: string): Promise<void> {
    const [board] = await Promise.all([indexes.board(boardId), indexes.catchUp()]);
    await atMost(QUEUE_WAIT_MS, board.settled);
  }

  /**
   * The ideas most like each of several texts (the inbox's page of feedback), each on its board,
   * with their scores (0–1): the searches run in the index thread side by side, and the ideas are
   * read in one query.
   */
  async function searchForEach(params: {
    texts: Array<{ board: string; text: string }>;
    limit: number;
    viewer: string | null;
  }): Promise<Array<Array<{ post: Post; score: number }>>> {
    const slugs = [...new Set(params.texts.map((each) => each.board))];
    const boardIds = new Map(await Promise.all(slugs.map(async (slug) => [slug, await boardIdOf(db, slug)] as const)));
    const lookups = params.texts.map((each) => ({ boardId: boardIds.get(each.board)!, text: similarLookupText(each.text) }));
    if (lookups.every((lookup) => lookup.text === null)) return lookups.map(() => []);
    const [boards] = await Promise.all([Promise.all([...boardIds.values()].map((id) => indexes.board(id))), indexes.catchUp()]);
    await atMost(BUILD_WAIT_MS, Promise.all(boards.map((board) => board.indexed)));
    const found = await Promise.all(
      lookups.map(async ({ boardId, text }) =>
        text === null ? [] : (await indexes.search(boardId, text, params.limit)).filter((hit) => hit.score >= SIMILAR_IDEA_MIN_SCORE),
      ),
    );
    // A post deleted since it was indexed is simply not found.
    const byId = new Map((await posts.findPostsInOrder(db, [...new Set(found.flat().map((hit) => hit.id))], params.viewer)).map((post) => [post.id, post]));
    return found.map((hits) => hits.flatMap((hit) => (byId.has(hit.id) ? [{ post: byId.get(hit.id)!, score: hit.score }] : [])));
  }

  /** `find` for several texts at once: see {@link searchForEach}. */
  async function findForEach(params: { texts: Array<{ board: string; text: string }>; limit: number; viewer: string | null }): Promise<Post[][]> {
    return (await searchForEach(params)).map((hits) => hits.map((hit) => hit.post));
  }

  return {
    /**
     * Best first; `limit` already checked and capped (see core's similarLimit). On a board whose
     * index is still being built (just after a start), the lookup waits at most BUILD_WAIT_MS, then
     * searches the posts read so far.
     */
    async find(params: { board: string; text: string; limit: number; viewer: string | null }): Promise<Post[]> {
      const [found] = await findForEach({ texts: [{ board: params.board, text: params.text }], limit: params.limit, viewer: params.viewer });
      return found!;
    },

    findForEach,

    /** `find` with each idea's score (0–1), for one text: a backlog item's suggestions. */
    async search(params: { board: string; text: string; limit: number; viewer: string | null }): Promise<Array<{ post: Post; score: number }>> {
      const [found] = await searchForEach({ texts: [{ board: params.board, text: params.text }], limit: params.limit, viewer: params.viewer });
      return found!;
    },

    /**
     * The board's duplicate queue, best first. Posts that arrived before this call were checked,
     * except on a board whose index is still being built after QUEUE_WAIT_MS (a large board just
     * after a start): its posts are checked once it is built.
     */
    async duplicates(params: { board: string; limit: number; viewer: string | null }): Promise<DuplicateCandidate[]> {
      const boardId = await boardIdOf(db, params.board);
      await boardChecked(boardId);
      const pairs = await candidatePairs(db, boardId, params.limit);
      const byId = new Map((await posts.findPostsInOrder(db, pairs.flatMap((pair) => [pair.postA, pair.postB]), params.viewer)).map((post) => [post.id, post]));
      return pairs.flatMap(({ postA, postB, score }) => {
        const [a, b] = [byId.get(postA), byId.get(postB)];
        if (!a || !b) return [];
        const canonical = suggestedCanonical(a, b);
        return [{ posts: canonical === a ? [a, b] : [b, a], score, suggestedCanonical: canonical.id } satisfies DuplicateCandidate];
      });
    },

    /**
     * Once the duplicate queue holds the changes committed so far: of one board, or of every
     * board's changes since their indexes were built.
     */
    async duplicatesChecked(board?: string): Promise<void> {
      return board === undefined ? indexes.catchUp() : boardChecked(await boardIdOf(db, board));
    },

    /** Reads the log now, so the indexes and the queue see every change committed so far. */
    catchUp: () => indexes.catchUp(),

    /**
     * After a write that changed a post's text, status or merges: reads the log without waiting
     * (a new or edited idea is checked against its board for the duplicate queue as it arrives).
     */
    postsChanged(): void {
      void indexes.catchUp().catch((error: unknown) => console.error('[sayso] similarity:', error));
    },

    /** Resolves once the board's index is built (all its posts read). */
    indexed: async (board: string) => (await indexes.board(await boardIdOf(db, board))).indexed,

    /** Resolves once the board's index is built and its posts checked for duplicates. */
    settled: async (board: string) => indexes.settled(await boardIdOf(db, board)),

    /** As a server: builds every board's index in the background and follows other processes' changes. */
    async start(): Promise<void> {
      const boards = await db.query<{ id: string }>('SELECT id::text AS id FROM boards');
      indexes.start(boards.map((board) => board.id));
    },

    /**
     * Texts that are not ideas (feedback items) most like `text`, best first, none under the
     * floor of similar ideas: compared in the index thread, so the request's thread is not held.
     */
    async rankTexts(params: { documents: Array<{ id: string; title: string; body: string }>; text: string; limit: number }): Promise<Array<{ id: string; score: number }>> {
      const text = similarLookupText(params.text);
      if (text === null || params.documents.length === 0) return [];
      return (await indexes.rank(params.documents, text, params.limit)).filter((hit) => hit.score >= SIMILAR_IDEA_MIN_SCORE);
    },

    /** Bytes the thread holding the indexes uses (heap and array buffers; after a full collection with `--expose-gc`). */
    memory: () => indexes.memory(),

    /** Stops the background work and ends the thread holding the indexes. */
    stop: () => indexes.stop(),
  };
}

/** The similar-ideas lookup and duplicate queue of one app, with its per-board indexes. */
export type SimilarPosts = ReturnType<typeof createSimilarPosts>;
