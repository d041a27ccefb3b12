import type { Database } from '../db/database.js';
import * as duplicates from '../db/duplicates.js';
import { BoardSimilarityIndex } from './board-index.js';
import { loadWordVectors, type WordVectors } from './word-vectors.js';

// Every board's similarity index, kept in this process and current with the domain event log:
// - a board's index is built in the background the first time it is needed (or at start-up, see
//   start()), a page of posts at a time, yielding to the event loop between slices, so no request
//   waits for a whole build and none is held up by one: until it is done, lookups search the
//   posts read so far;
// - every lookup and every write first reads the log from where it stopped (one indexed read,
//   usually empty): posts created, edited, changing status, merged or unmerged are read again and
//   put into, or taken out of, their board's index. Other processes' changes arrive the same way;
// - each post whose present text was not yet checked is searched against its board, and its best
//   matches above DUPLICATE_SCORE become the duplicate queue's candidate pairs (db/duplicates.ts):
//   the new ones as they arrive, the others in the background once the board's index is built.

/**
 * Score from which two ideas are proposed to admins as duplicates: near the best F1 of the pairs
 * in bench/similarity.ts for this engine, leaning to precision (an admin reviews every proposal).
 */
export const DUPLICATE_SCORE = 0.15;
/** Most candidate pairs kept per post: an idea with more look-alikes is merged a few at a time. */
export const CANDIDATES_PER_POST = 10;
/** Posts read per query while building. */
const BUILD_PAGE = 1000;
/** Posts indexed, or searched for duplicates, per slice of work before yielding to the event loop (a few ms). */
const SLICE = 50;
/** Posts checked for duplicates per transaction in the background. */
const CHECK_PAGE = 200;
/** Events read per query of the log. */
const EVENT_PAGE = 1000;
/** A gap in the log's sequence (a transaction still running, or rolled back) is waited for this long. */
const GAP_WAIT_MS = 5000;
const TEXT_EVENTS = new Set(['post.created', 'post.edited', 'post.status_changed', 'post.merged', 'post.unmerged']);
/** Time between two reads of the log while running as a server, for changes made by other processes. */
const POLL_MS = 1000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Board {
  index: BoardSimilarityIndex;
  /** Every post was read. */
  built: boolean;
  /** Resolves once every post was read. */
  indexed: Promise<void>;
  /** Resolves once built and every post checked for duplicates. */
  settled: Promise<void>;
}

export class BoardIndexes {
  readonly #db: Database;
  readonly #boards = new Map<string, Board>();
  #vectors: Promise<WordVectors | null> | undefined;
  /** Sequence of the last event applied: everything up to it is in the indexes. */
  #applied: Promise<number> | undefined;
  #catchingUp: Promise<void> | undefined;
  #catchUpAgain = false;
  readonly #gapSince = new Map<number, number>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Word vectors load once (built into the cache on first use); without them the engine is lexical only. */
  #wordVectors() {
    this.#vectors ??= loadWordVectors().catch((error: unknown) => {
      console.warn('[sayso] similarity runs without word vectors:', error);
      return null;
    });
    return this.#vectors;
  }

  /** Where reading the log starts: fixed before the first index is built, so no change is missed. */
  #startPosition() {
    this.#applied ??= duplicates.lastEventSequence(this.#db);
    return this.#applied;
  }

  /** The board's index as far as it is built; starts building it when new. */
  async board(boardId: string): Promise<Board> {
    const known = this.#boards.get(boardId);
    if (known) return known;
    const [vectors] = await Promise.all([this.#wordVectors(), this.#startPosition()]);
    // Another caller may have started it while this one waited.
    const raced = this.#boards.get(boardId);
    if (raced) return raced;
    const board: Board = { index: new BoardSimilarityIndex(vectors), built: false, indexed: Promise.resolve(), settled: Promise.resolve() };
    board.indexed = this.#build(boardId, board);
    board.settled = board.indexed.then(() => this.#checkAll(boardId, board));
    // A failed build is forgotten, so the next caller tries again.
    board.settled.catch((error: unknown) => {
      console.error('[sayso] building the similarity index of board', boardId, 'failed:', error);
      if (this.#boards.get(boardId) === board) this.#boards.delete(boardId);
    });
    this.#boards.set(boardId, board);
    return board;
  }

  async #build(boardId: string, board: Board) {
    board.index.bulkLoading = true;
    let after: string | null = null;
    for (;;) {
      const page = await duplicates.indexablePosts(this.#db, boardId, after, BUILD_PAGE);
      for (let i = 0; i < page.length; i++) {
        // A post an event already put in holds newer text than this page may.
        if (!board.index.has(page[i]!.id)) board.index.add(page[i]!);
        if (i % SLICE === SLICE - 1) await yieldToEventLoop();
      }
      if (page.length < BUILD_PAGE || this.#stopped) break;
      after = page.at(-1)!.id;
      await yieldToEventLoop();
    }
    board.index.bulkLoading = false;
    await board.index.renormaliseGradually(SLICE * 10, yieldToEventLoop);
    board.built = true;
  }

  /** Checks every post of a built board whose present text was not checked yet. */
  async #checkAll(boardId: string, board: Board) {
    while (!this.#stopped) {
      const unchecked = await duplicates.uncheckedPosts(this.#db, boardId, CHECK_PAGE);
      await this.#check(board, unchecked);
      if (unchecked.length < CHECK_PAGE) return;
      await yieldToEventLoop();
    }
  }

  /** Searches posts' texts against their board and stores their best matches as candidate pairs. */
  async #check(board: Board, posts: readonly duplicates.PostText[]) {
    const checks: duplicates.Check[] = [];
    for (const [i, post] of posts.entries()) {
      const matches = board.index.search(`${post.title}\n${post.body}`, { limit: CANDIDATES_PER_POST, exclude: post.id });
      checks.push({ postId: post.id, matches: matches.filter((match) => match.score >= DUPLICATE_SCORE) });
      if (i % SLICE === SLICE - 1) await yieldToEventLoop();
    }
    await this.#db.transaction((tx) => duplicates.saveChecks(tx, checks));
  }

  /**
   * Applies every event logged since the last call; concurrent callers share one read, and a
   * call arriving during a read gets another one after it, so it sees its own writes.
   */
  catchUp(): Promise<void> {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return this.#catchingUp;
    }
    this.#catchingUp = (async () => {
      try {
        do {
          this.#catchUpAgain = false;
          await this.#applyNewEvents();
        } while (this.#catchUpAgain);
      } finally {
        this.#catchingUp = undefined;
      }
    })();
    return this.#catchingUp;
  }

  async #applyNewEvents() {
    if (!this.#applied) return; // No index yet: each will read the posts as they are.
    for (;;) {
      const from = await this.#applied;
      const events = await duplicates.eventsAfter(this.#db, from, EVENT_PAGE);
      if (events.length === 0) return;
      const changed = new Map<string, boolean>();
      for (const event of events) {
        if (!TEXT_EVENTS.has(event.type)) continue;
        const textChanged = event.type === 'post.created' || event.type === 'post.edited';
        changed.set(event.subjectId, (changed.get(event.subjectId) ?? false) || textChanged);
      }
      const toCheck = new Map<Board, duplicates.PostText[]>();
      for (const post of await duplicates.postStates(this.#db, [...changed.keys()])) {
        const board = this.#boards.get(post.boardId);
        if (!board) continue;
        if (post.closed) {
          board.index.remove(post.id);
          continue;
        }
        if (changed.get(post.id) || !board.index.has(post.id)) board.index.add(post);
        if (board.built && !post.checked) toCheck.set(board, [...(toCheck.get(board) ?? []), post]);
      }
      for (const [board, posts] of toCheck) await this.#check(board, posts);
      const next = this.#contiguousEnd(from, events);
      this.#applied = Promise.resolve(next);
      if (next === from || events.length < EVENT_PAGE) return;
    }
  }

  /**
   * How far the log can be taken as read: up to the first gap in the sequence (a transaction that
   * took its number but has not committed), unless that gap is older than GAP_WAIT_MS (rolled
   * back). Events past a gap are applied now and again next time: applying is idempotent.
   */
  #contiguousEnd(from: number, events: readonly duplicates.LoggedEvent[]): number {
    let end = from;
    for (const { sequence } of events) {
      if (sequence !== end + 1) {
        const since = this.#gapSince.get(end + 1) ?? Date.now();
        this.#gapSince.set(end + 1, since);
        if (Date.now() - since < GAP_WAIT_MS) return end;
        this.#gapSince.delete(end + 1);
      }
      end = sequence;
    }
    return end;
  }

  /** Resolves when the board's index is built and its posts checked (for tests and benchmarks). */
  async settled(boardId: string): Promise<void> {
    await (await this.board(boardId)).settled;
    await this.catchUp();
  }

  /**
   * As a server: builds every board's index in the background now, and reads the log every
   * second for changes made by other processes. {@link stop} ends it.
   */
  start(boardIds: readonly string[]): void {
    for (const boardId of boardIds) void this.board(boardId).catch(() => undefined);
    this.#timer = setInterval(() => void this.catchUp().catch((error: unknown) => console.error('[sayso] similarity:', error)), POLL_MS);
    this.#timer.unref();
  }

  /** Stops reading the log and the background work of builds (for a server that closes). */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }
}
