import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { BoardSimilarityIndex } from './board-index.js';
import { loadWordVectors } from './word-vectors.js';

// The thread that holds a server process's similarity indexes (started by index-thread.ts): every
// board's BoardSimilarityIndex lives here, so building one and searching it never hold up the
// process's requests. The main thread keeps the database: it reads the posts and the event log
// and sends the texts here. Messages are handled in the order they arrive; the long ones (a page
// of a build, the end of a build, a batch of duplicate checks) give way every SLICE_MS, so a
// lookup arriving meanwhile is answered within a slice.

/** A post's text as the index holds it. */
export interface IndexedText {
  id: string;
  title: string;
  body: string;
}

/** What the main thread asks, one answer per request. */
export type IndexRequest =
  /** A new, empty index for the board (replacing any), filled by `load` pages until `finish`. */
  | { type: 'open'; board: string }
  /** A page of a build: posts a `change` already put in or took out hold newer state and are skipped. */
  | { type: 'load'; board: string; posts: IndexedText[] }
  /** The build read every post: lengths are renewed with the board's final idf. */
  | { type: 'finish'; board: string }
  /** Changes read from the event log: `put` with `textChanged` false only puts back a post not in the index. */
  | { type: 'change'; board: string; put: (IndexedText & { textChanged: boolean })[]; remove: string[] }
  | { type: 'search'; board: string; text: string; limit: number }
  /** Each post's best matches from `minScore`, itself left out. */
  | { type: 'check'; board: string; posts: IndexedText[]; limit: number; minScore: number }
  /** Texts that belong to no board's index (a backlog item's candidate feedback) ranked against `text` in a throwaway index. */
  | { type: 'rank'; documents: IndexedText[]; text: string; limit: number }
  /** This thread's heap and array buffers (word vectors loaded) after a full collection (with `--expose-gc`), in bytes. */
  | { type: 'memory' };

export type Match = { id: string; score: number };

/** The answer to each request type. */
export interface IndexAnswers {
  open: null;
  load: null;
  finish: null;
  change: null;
  search: Match[];
  check: { postId: string; matches: Match[] }[];
  rank: Match[];
  memory: number;
}

export type IndexMessage = { id: number; request: IndexRequest };
export type IndexReply = { id: number; answer: unknown } | { id: number; error: string };

/** Longest run of work between two chances for other messages (a lookup) to be handled. */
const SLICE_MS = 4;

const vectors = loadWordVectors().catch((error: unknown) => {
  console.warn('[sayso] similarity runs without word vectors:', error);
  return null;
});

interface Board {
  index: BoardSimilarityIndex;
  /** While building: the posts a change put in or took out, which a page read earlier must not undo. */
  changedWhileBuilding: Set<string> | null;
}
const boards = new Map<string, Board>();

let sliceStart = performance.now();
/** Gives way to waiting messages once the current slice has run SLICE_MS. */
async function giveWay() {
  if (performance.now() - sliceStart < SLICE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  sliceStart = performance.now();
}

async function handle(request: IndexRequest): Promise<IndexAnswers[IndexRequest['type']]> {
  // Every request waits for the vectors, so they are handled in arrival order from the start.
  const loadedVectors = await vectors;
  if (request.type === 'memory') {
    globalThis.gc?.();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  }
  if (request.type === 'open') {
    const index = new BoardSimilarityIndex(loadedVectors);
    index.bulkLoading = true;
    boards.set(request.board, { index, changedWhileBuilding: new Set() });
    return null;
  }
  if (request.type === 'rank') {
    const index = new BoardSimilarityIndex(loadedVectors);
    index.bulkLoading = true;
    for (const document of request.documents) {
      index.add(document);
      await giveWay();
    }
    index.bulkLoading = false;
    await index.renormaliseGradually(100, giveWay);
    return index.search(request.text, { limit: request.limit });
  }
  const board = boards.get(request.board);
  switch (request.type) {
    case 'load':
      for (const post of request.posts) {
        if (!board || boards.get(request.board) !== board) break; // opened anew meanwhile
        if (!board.changedWhileBuilding?.has(post.id)) board.index.add(post);
        await giveWay();
      }
      return null;
    case 'finish':
      if (!board) return null;
      board.index.bulkLoading = false;
      board.changedWhileBuilding = null;
      await board.index.renormaliseGradually(100, giveWay);
      return null;
    case 'change':
      if (!board) return null;
      for (const id of request.remove) {
        board.index.remove(id);
        board.changedWhileBuilding?.add(id);
      }
      for (const { textChanged, ...post } of request.put) {
        if (textChanged || !board.index.has(post.id)) board.index.add(post);
        board.changedWhileBuilding?.add(post.id);
      }
      return null;
    case 'search':
      return board ? board.index.search(request.text, { limit: request.limit }) : [];
    case 'check': {
      if (!board) return [];
      const checks: IndexAnswers['check'] = [];
      for (const post of request.posts) {
        const matches = board.index.search(`${post.title}\n${post.body}`, { limit: request.limit, exclude: post.id });
        checks.push({ postId: post.id, matches: matches.filter((match) => match.score >= request.minScore) });
        await giveWay();
      }
      return checks;
    }
  }
}

parentPort!.on('message', ({ id, request }: IndexMessage) => {
  handle(request).then(
    (answer) => parentPort!.postMessage({ id, answer } satisfies IndexReply),
    (error: unknown) => parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies IndexReply),
  );
});
