import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { LoadStatus } from './paged-loads.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { Board, Post, Status } from '../types.js';
import type { BacklogStatus, PublicBacklogItem } from '../backlog/types.js';

/** One column of a roadmap: one status of the board and the ideas in it, most wanted first. */
export interface RoadmapColumnState {
  status: Status;
  load: LoadStatus;
  /** Ids in display order; the posts live in {@link SaysoClient.$posts}. */
  postIds: string[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: SaysoError | null;
}

/** Everything a roadmap renders, apart from the posts themselves. */
export interface RoadmapState {
  board: string;
  /** The board's workflow: until it is known there are no columns. */
  status: LoadStatus;
  error: SaysoError | null;
  columns: RoadmapColumnState[];
  /**
   * The board's public engineering items, when the roadmap shows them (`engineering`) and the
   * adapter offers them (`listPublicBacklog`); `null` otherwise.
   */
  engineering: RoadmapEngineeringState | null;
}

/** The public engineering items a roadmap shows beside its ideas: fetched once, for every column. */
export interface RoadmapEngineeringState {
  load: LoadStatus;
  /** In the order the adapter gives them (in progress, planned, proposed, done; then rank). */
  items: PublicBacklogItem[];
  error: SaysoError | null;
}

/** A column with its posts, kept current as votes change them anywhere. */
export interface RoadmapColumn extends RoadmapColumnState {
  posts: Post[];
  /** The public engineering items in this column's status (none unless the roadmap shows them). */
  engineering: PublicBacklogItem[];
}

/** A live roadmap of one board: a column per status, each loading its own pages. */
export interface RoadmapView {
  readonly $state: ReadableAtom<RoadmapState>;
  /** The columns with their posts in display order. */
  readonly $columns: ReadableAtom<RoadmapColumn[]>;
  /** Fetches the board's workflow (unless the client knows it) and the first page of every column. */
  load(): Promise<void>;
  /** Fetches the first page of one column again (e.g. after it failed). */
  loadColumn(status: string): Promise<void>;
  /** Appends the next page of one column, if there is one. */
  loadMore(status: string): Promise<void>;
  /** Fetches the public engineering items again (e.g. after it failed); nothing when the roadmap does not show them. */
  loadEngineering(): Promise<void>;
}

/** What a roadmap shows; `statuses` overrides the columns (status keys, in the order given). */
export interface RoadmapOptions {
  board: string;
  /**
   * Status keys of the columns, in order. Keys the board does not have are left out. Default:
   * every status of kind `active` or `done`, in workflow order (Planned, In progress, Shipped).
   */
  statuses?: readonly string[];
  /**
   * Also shows the board's public engineering items (`adapter.listPublicBacklog`), read-only, in
   * the columns of their status ({@link engineeringColumnOf}). Nothing changes when the adapter
   * does not offer them.
   */
  engineering?: boolean;
}

/** The statuses a roadmap shows for a board by default: `active` then `done` ones, by position. */
export function roadmapStatuses(board: Board, keys?: readonly string[]): Status[] {
  if (keys && keys.length > 0) {
    return keys.flatMap((key) => board.statuses.filter((status) => status.id === key));
  }
  return board.statuses
    .filter((status) => status.kind === 'active' || status.kind === 'done')
    .sort((a, b) => a.position - b.position);
}

/** A status's key or name as a backlog status would spell it: `In progress`, `in-progress` → `in_progress`. */
const spelledAsBacklogStatus = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '_');

/** The kind of board status each engineering status corresponds to, when no column is named like it. */
const KIND_OF_BACKLOG_STATUS: Record<Exclude<BacklogStatus, 'dropped'>, { kind: Status['kind']; take: 'first' | 'last' }> = {
  proposed: { kind: 'open', take: 'first' },
  planned: { kind: 'active', take: 'first' },
  // A workflow's active statuses run from planning to doing: work under way belongs in the last.
  in_progress: { kind: 'active', take: 'last' },
  done: { kind: 'done', take: 'first' },
};

/**
 * The roadmap column (a status key of `columns`, in roadmap order) an engineering item of status
 * `status` shows in: the column whose key or name spells the status (`Planned`, `In progress`),
 * else by kind: proposed → the first `open` column, planned → the first `active` one, in
 * progress → the last `active` one, done → the first `done` one. `null` when the roadmap has no
 * such column (by default it shows no open statuses, so proposed work stays off it, like open
 * ideas) and for dropped work.
 */
export function engineeringColumnOf(columns: readonly Status[], status: BacklogStatus): string | null {
  if (status === 'dropped') return null;
  const named = columns.find((column) => spelledAsBacklogStatus(column.id) === status || spelledAsBacklogStatus(column.name) === status);
  if (named) return named.id;
  const { kind, take } = KIND_OF_BACKLOG_STATUS[status];
  const ofKind = columns.filter((column) => column.kind === kind);
  return (take === 'first' ? ofKind[0] : ofKind.at(-1))?.id ?? null;
}

/**
 * Fetches a board's workflow through the client, reusing what `client.$boards` already holds and
 * storing what it fetched there, so cards elsewhere can name statuses too.
 */
export async function boardWorkflow(client: SaysoClient, board: string): Promise<Board> {
  const known = client.$boards.get()[board];
  if (known) return known;
  const fetched = await client.adapter.getBoard({ board });
  client.$boards.setKey(board, fetched);
  return fetched;
}

/**
 * Creates a roadmap view of a board over a client: posts go into `client.$posts`, so a vote cast
 * anywhere shows in the roadmap and the other way round. Nothing is fetched before `load()`.
 * `client.view(createRoadmapView, options)` gives the one roadmap every element of the board shares.
 */
export function createRoadmapView(client: SaysoClient, options: RoadmapOptions): RoadmapView {
  const { board } = options;
  const listPublicBacklog = options.engineering ? client.adapter.listPublicBacklog?.bind(client.adapter) : undefined;
  const $state = atom<RoadmapState>({ board, status: 'idle', error: null, columns: [], engineering: null });
  const $columns = computed([$state, client.$posts], (state, posts) => {
    const statuses = state.columns.map((column) => column.status);
    const engineering = state.engineering?.items ?? [];
    return state.columns.map((column) => ({
      ...column,
      posts: column.postIds.flatMap((id) => (posts[id] ? [posts[id]] : [])),
      engineering: engineering.filter((item) => engineeringColumnOf(statuses, item.status) === column.status.id),
    }));
  });
  // Only the newest request for a column may write its answer.
  let generation = 0;
  const columnGenerations = new Map<string, number>();

  const patchColumn = (key: string, patch: (column: RoadmapColumnState) => RoadmapColumnState) => {
    const state = $state.get();
    $state.set({ ...state, columns: state.columns.map((column) => (column.status.id === key ? patch(column) : column)) });
  };

  const remember = (posts: Post[]) => {
    for (const post of posts) client.$posts.setKey(post.id, post);
  };

  const loadColumn = async (key: string) => {
    if (!$state.get().columns.some((column) => column.status.id === key)) return;
    const mine = (columnGenerations.get(key) ?? 0) + 1;
    columnGenerations.set(key, mine);
    patchColumn(key, (column) => ({ ...column, load: 'loading', error: null, loadingMore: false }));
    try {
      const page = await client.adapter.listPosts({ board, status: key, sort: 'top' });
      if (columnGenerations.get(key) !== mine) return;
      remember(page.items);
      patchColumn(key, (column) => ({
        ...column,
        load: 'ready',
        postIds: page.items.map((post) => post.id),
        nextCursor: page.nextCursor,
      }));
    } catch (error) {
      if (columnGenerations.get(key) !== mine) return;
      patchColumn(key, (column) => ({ ...column, load: 'error', error: toSaysoError(error) }));
    }
  };

  const loadMore = async (key: string) => {
    const column = $state.get().columns.find((c) => c.status.id === key);
    if (!column || !column.nextCursor || column.loadingMore || column.load !== 'ready') return;
    const mine = columnGenerations.get(key);
    patchColumn(key, (c) => ({ ...c, loadingMore: true, error: null }));
    try {
      const page = await client.adapter.listPosts({ board, status: key, sort: 'top', cursor: column.nextCursor });
      if (columnGenerations.get(key) !== mine) return;
      remember(page.items);
      patchColumn(key, (c) => {
        const known = new Set(c.postIds);
        return {
          ...c,
          loadingMore: false,
          postIds: [...c.postIds, ...page.items.map((post) => post.id).filter((id) => !known.has(id))],
          nextCursor: page.nextCursor,
        };
      });
    } catch (error) {
      if (columnGenerations.get(key) !== mine) return;
      patchColumn(key, (c) => ({ ...c, loadingMore: false, error: toSaysoError(error) }));
    }
  };

  let engineeringGeneration = 0;
  const loadEngineering = async () => {
    const engineering = $state.get().engineering;
    if (!listPublicBacklog || !engineering) return;
    const mine = ++engineeringGeneration;
    const patch = (change: Partial<RoadmapEngineeringState>) => {
      const state = $state.get();
      if (mine === engineeringGeneration && state.engineering) $state.set({ ...state, engineering: { ...state.engineering, ...change } });
    };
    patch({ load: 'loading', error: null });
    try {
      patch({ load: 'ready', items: await listPublicBacklog({ board }) });
    } catch (error) {
      patch({ load: 'error', error: toSaysoError(error) });
    }
  };

  const load = async () => {
    const mine = ++generation;
    $state.set({ ...$state.get(), status: 'loading', error: null });
    let workflow: Board;
    try {
      workflow = await boardWorkflow(client, board);
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
      return;
    }
    if (mine !== generation) return;
    $state.set({
      board,
      status: 'ready',
      error: null,
      columns: roadmapStatuses(workflow, options.statuses).map((status) => ({
        status,
        load: 'idle',
        postIds: [],
        nextCursor: null,
        loadingMore: false,
        error: null,
      })),
      // Loaded again, the items shown so far stay until the new ones arrive.
      engineering: listPublicBacklog ? ($state.get().engineering ?? { load: 'idle', items: [], error: null }) : null,
    });
    await Promise.all([...$state.get().columns.map((column) => loadColumn(column.status.id)), loadEngineering()]);
  };

  return { $state, $columns, load, loadColumn, loadMore, loadEngineering };
}
