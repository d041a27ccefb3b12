import type { Database } from '../db/database.js';
import * as duplicates from '../db/duplicates.js';
import { IndexThread, IndexThreadStopped } from './index-thread.js';
import type { IndexedText } from './index-worker.js';

// Every board's similarity index, kept in this process and current with the domain event log:
// - the indexes live in a worker thread (index-worker.ts), so building and searching them never
//   hold up this thread's requests; this thread reads the database and sends the texts there;
// - a board's index is built in the background the first time it is needed (or at start-up, see
//   start()), a page of posts at a time, so no request waits for a whole build: until it is done,
//   lookups search the posts read so far;
// - every lookup and every write of a post first reads the log from where it stopped (one indexed
//   read, usually empty): posts created, edited, changing status, merged or unmerged are read again
//   and put into, or taken out of, their board's index. Other processes' changes arrive the same
//   way, within a second (the log is also read every POLL_MS);
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
/** Posts read per query while building (a query on this thread: PGlite runs here). */
const BUILD_PAGE = 250;
/** Posts checked for duplicates per transaction in the background. */
const CHECK_PAGE = 200;
/** Events read per query of the log. */
const EVENT_PAGE = 1000;
/** A gap in the log's sequence (a transaction still running, or rolled back) is waited for this long. */
const GAP_WAIT_MS = 5000;
/** Time between two reads of the log while running as a server, for changes made by other processes. */
const POLL_MS = 1000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Board {
  /** Resolves once the index thread holds the board's (empty) index. */
  opened: Promise<void>;
  /** Every post was read. */
  built: boolean;
  /**
   * Posts that arrived or changed while the board was being built, after the build had read past
   * them: checked with the build's own unchecked posts once it is done.
   */
  checkOnceBuilt: Set<string>;
  /** Resolves once every post was read. */
  indexed: Promise<void>;
  /** Resolves once built and every post checked for duplicates. */
  settled: Promise<void>;
}

export class BoardIndexes {
  readonly #db: Database;
  readonly #boards = new Map<string, Board>();
  #thread: IndexThread | undefined;
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

  /** The thread holding the indexes, started on first use; one that crashed is replaced and every board built again. */
  #indexThread(): IndexThread {
    if (this.#stopped) throw new IndexThreadStopped('the similarity indexes were stopped');
    this.#thread ??= new IndexThread((error) => {
      console.error('[sayso] similarity:', error);
      this.#thread = undefined;
      this.#boards.clear();
    });
    return this.#thread;
  }

  /** Where reading the log starts: fixed before the first index is built, so no change is missed. */
  #startPosition() {
    this.#applied ??= duplicates.lastEventSequence(this.#db);
    return this.#applied;
  }

  /**
   * The board's index as far as it is built; starts building it when new. Resolves once the index
   * thread has started (with its word vectors): a lookup's wait for the build starts from there.
   */
  async board(boardId: string): Promise<Board> {
    let board = this.#boards.get(boardId);
    if (!board) {
      await this.#startPosition();
      // Another caller may have started it while this one waited.
      board = this.#boards.get(boardId) ?? this.#open(boardId);
    }
    await board.opened;
    return board;
  }

  #open(boardId: string): Board {
    const thread = this.#indexThread();
    const opened = thread.request({ type: 'open', board: boardId });
    const board: Board = {
      opened: opened.then(() => undefined),
      built: false,
      checkOnceBuilt: new Set(),
      indexed: Promise.resolve(),
      settled: Promise.resolve(),
    };
    const unchecked = this.#build(thread, boardId, board);
    board.indexed = unchecked.then(() => undefined);
    board.indexed.catch(() => undefined); // told below, through settled
    board.settled = unchecked.then((postIds) => this.#checkAll(boardId, [...new Set([...postIds, ...board.checkOnceBuilt])]));
    // A failed build is forgotten, so the next caller tries again (its `open` replaces the thread's
    // index; until then, lookups under way still search the old one).
    board.settled.catch((error: unknown) => {
      if (this.#boards.get(boardId) !== board) return;
      this.#boards.delete(boardId);
      if (!(error instanceof IndexThreadStopped)) console.error('[sayso] building the similarity index of board', boardId, 'failed:', error);
    });
    this.#boards.set(boardId, board);
    return board;
  }

  /**
   * Reads the board a page at a time, the next page while the thread indexes this one; resolves
   * with the posts whose present text was not checked for duplicates yet.
   */
  async #build(thread: IndexThread, boardId: string, board: Board): Promise<string[]> {
    const readPage = (after: duplicates.BoardCursor | null) => duplicates.indexablePosts(this.#db, boardId, after, BUILD_PAGE);
    const unchecked: string[] = [];
    const first = readPage(null);
    await board.opened;
    let page = await first;
    while (!this.#stopped) {
      const loaded = thread.request({ type: 'load', board: boardId, posts: page.posts.map(({ id, title, body }) => ({ id, title, body })) });
      for (const post of page.posts) if (!post.checked) unchecked.push(post.id);
      const next = page.next && readPage(page.next);
      await loaded;
      if (!next) break;
      page = await next;
      // When the thread indexes faster than PGlite reads, pages would follow one another here
      // without the event loop turning: requests get their turn between two pages.
      await nextTurn();
    }
    await thread.request({ type: 'finish', board: boardId });
    board.built = true;
    return unchecked;
  }

  /** Checks the posts of a built board found unchecked while building, CHECK_PAGE per transaction. */
  async #checkAll(boardId: string, postIds: readonly string[]) {
    for (let start = 0; start < postIds.length && !this.#stopped; start += CHECK_PAGE) {
      // Read again: changed, closed or checked (by an event, another process) since the build read them.
      const posts = await duplicates.postStates(this.#db, postIds.slice(start, start + CHECK_PAGE));
      await this.#check(boardId, posts.filter((post) => post.boardId === boardId && !post.closed && !post.checked));
    }
  }

  /** Searches posts' texts against their board and stores their best matches as candidate pairs. */
  async #check(boardId: string, posts: readonly duplicates.PostText[]) {
    if (posts.length === 0) return;
    const checks = await this.#indexThread().request({ type: 'check', board: boardId, posts: [...posts], limit: CANDIDATES_PER_POST, minScore: DUPLICATE_SCORE });
    await this.#db.transaction((tx) => duplicates.saveChecks(tx, checks));
  }

  /** The board's posts most similar to `text`, best first, among those indexed so far. */
  async search(boardId: string, text: string, limit: number): Promise<{ id: string; score: number }[]> {
    return this.#indexThread().request({ type: 'search', board: boardId, text, limit });
  }

  /** `documents` most similar to `text`, best first, ranked in the index thread by the same engine as the boards' ideas. */
  async rank(documents: IndexedText[], text: string, limit: number): Promise<{ id: string; score: number }[]> {
    return this.#indexThread().request({ type: 'rank', documents, text, limit });
  }

  /** Bytes the index thread holds (heap and array buffers, after a full collection with `--expose-gc`). */
  async memory(): Promise<number> {
    return this.#indexThread().request({ type: 'memory' });
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
      } catch (error) {
        // A server that closes does not finish its last read.
        if (!(error instanceof IndexThreadStopped)) throw error;
      } finally {
        this.#catchingUp = undefined;
      }
    })();
    return this.#catchingUp;
  }

  async #applyNewEvents() {
    if (!this.#applied) return; // No index yet: each will read the posts as they are.
    while (!this.#stopped) {
      const from = await this.#applied;
      const page = await duplicates.postEventsAfter(this.#db, from, EVENT_PAGE);
      if (page.read === 0) return;
      const textChanged = new Map<string, boolean>();
      for (const event of page.events) {
        const edited = event.type === 'post.created' || event.type === 'post.edited';
        textChanged.set(event.subjectId, (textChanged.get(event.subjectId) ?? false) || edited);
      }
      const changes = new Map<string, { put: (duplicates.PostText & { textChanged: boolean })[]; remove: string[] }>();
      const toCheck = new Map<string, duplicates.PostText[]>();
      for (const post of await duplicates.postStates(this.#db, [...textChanged.keys()])) {
        const board = this.#boards.get(post.boardId);
        if (!board) continue;
        const change = changes.get(post.boardId) ?? { put: [], remove: [] };
        changes.set(post.boardId, change);
        if (post.closed) {
          change.remove.push(post.id);
          continue;
        }
        change.put.push({ id: post.id, title: post.title, body: post.body, textChanged: textChanged.get(post.id)! });
        if (post.checked) continue;
        if (board.built) toCheck.set(post.boardId, [...(toCheck.get(post.boardId) ?? []), post]);
        else board.checkOnceBuilt.add(post.id);
      }
      for (const [boardId, change] of changes) await this.#indexThread().request({ type: 'change', board: boardId, ...change });
      for (const [boardId, posts] of toCheck) await this.#check(boardId, posts);
      const next = this.#contiguousEnd(from, page);
      this.#applied = Promise.resolve(next);
      if (next === from || page.read < EVENT_PAGE) return;
      await nextTurn();
    }
  }

  /**
   * How far the log can be taken as read: up to the first gap in the sequence (a transaction that
   * took its number but has not committed), unless that gap is older than GAP_WAIT_MS (rolled
   * back). Events past a gap are applied now and again next time: applying is idempotent.
   */
  #contiguousEnd(from: number, page: duplicates.PostEventPage): number {
    for (const { after } of page.gaps) {
      const since = this.#gapSince.get(after + 1) ?? Date.now();
      this.#gapSince.set(after + 1, since);
      if (Date.now() - since < GAP_WAIT_MS) return after;
      this.#gapSince.delete(after + 1);
    }
    return page.read === 0 ? from : page.last;
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

  /** Stops reading the log and the background work of builds, and ends the index thread (for a server that closes). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#thread?.stop();
  }
}
