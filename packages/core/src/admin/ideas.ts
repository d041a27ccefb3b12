import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoAdminApi } from '../adapter.js';
import type { SaysoClient } from '../client.js';
import { SaysoError, toSaysoError } from '../errors.js';
import type { Board, Tag } from '../types.js';
import type { LoadStatus } from '../views/paged-loads.js';
import {
  ADMIN_IDEA_COLUMNS,
  DEFAULT_ADMIN_IDEA_SORT,
  type AdminIdeaColumn,
  type AdminIdeaFilters,
  type AdminIdeaQuery,
  type AdminIdeaRow,
  type AdminIdeaSort,
  type SavedView,
} from './ideas-query.js';

// The state of the console's ideas screen (sayso-admin-ideas): the list as the address asks for
// it, a page at a time, the admin's selection and what a bulk action did.

/** The list's query without its cursor: what the address keeps. */
export type AdminIdeasListQuery = AdminIdeaFilters & { sort: AdminIdeaSort };

/** What the last bulk action did, for the screen's status line. */
export interface BulkOutcome {
  /** "Moved 3 ideas to Planned." */
  message: string;
  /** Ideas the action could not change, each with why. */
  failures: Array<{ id: string; title: string; message: string }>;
}

export interface AdminIdeasState {
  query: AdminIdeasListQuery;
  status: LoadStatus;
  rows: AdminIdeaRow[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: SaysoError | null;
  /** Ids of the selected ideas, in the order selected. */
  selected: string[];
  /** A bulk action under way. */
  working: boolean;
  outcome: BulkOutcome | null;
}

export interface AdminIdeasView {
  readonly $state: ReadableAtom<AdminIdeasState>;
  /** Every board, with its statuses (for the filters and the status change); empty until loaded. */
  readonly $boards: ReadableAtom<Board[]>;
  readonly $savedViews: ReadableAtom<SavedView[]>;
  /** Reads the first page of `query` (again); an answer to an older query is dropped. */
  load(query: AdminIdeasListQuery): Promise<void>;
  /** Appends the next page, if there is one and none is on its way. */
  loadMore(): Promise<void>;
  /** Selects the ideas or unselects them. */
  select(ids: readonly string[], selected: boolean): void;
  clearSelection(): void;
  /** Moves the ideas to a status of their board; the list is read again after. */
  setStatus(ids: readonly string[], status: string): Promise<void>;
  /** Puts a tag (by slug, on each idea's board) on the ideas. */
  addTag(ids: readonly string[], tag: string): Promise<void>;
  /** Merges every other idea into `canonicalId` (all of one board). */
  merge(ids: readonly string[], canonicalId: string): Promise<void>;
  /** The tags of the boards given, by slug, each once. */
  tagsOf(boards: readonly string[]): Promise<Tag[]>;
  loadSavedViews(): Promise<void>;
  /** Saves the present query under `name`; rejects with the adapter's error (e.g. `conflict`). */
  saveView(name: string, params: Record<string, string>): Promise<SavedView>;
  deleteView(viewId: string): Promise<void>;
}

const PAGE_SIZE = 100;

/** The query in the address's terms: only what differs from the defaults, as text. */
export function ideasQueryParams(query: AdminIdeasListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of ['board', 'status', 'tag', 'source', 'createdFrom', 'createdTo', 'q'] as const) {
    if (query[key]) params[key] = query[key]!;
  }
  if (query.hasDuplicates !== undefined) params['hasDuplicates'] = String(query.hasDuplicates);
  if (query.minPeople !== undefined) params['minPeople'] = String(query.minPeople);
  if (query.sort.column !== DEFAULT_ADMIN_IDEA_SORT.column || query.sort.direction !== DEFAULT_ADMIN_IDEA_SORT.direction) {
    params['sort'] = `${query.sort.column}:${query.sort.direction}`;
  }
  return params;
}

/** The query an address asks for; what it cannot read is left at the default. */
export function ideasQueryFromParams(params: Readonly<Record<string, string>>): AdminIdeasListQuery {
  const query: AdminIdeasListQuery = { sort: DEFAULT_ADMIN_IDEA_SORT };
  for (const key of ['board', 'status', 'tag', 'createdFrom', 'createdTo', 'q'] as const) {
    if (params[key]) query[key] = params[key];
  }
  if (params['source']) query.source = params['source'] as AdminIdeaFilters['source'];
  if (params['hasDuplicates'] === 'true' || params['hasDuplicates'] === 'false') query.hasDuplicates = params['hasDuplicates'] === 'true';
  if (/^\d{1,9}$/.test(params['minPeople'] ?? '')) query.minPeople = Number(params['minPeople']);
  const [column, direction] = (params['sort'] ?? '').split(':');
  if (ADMIN_IDEA_COLUMNS.includes(column as AdminIdeaColumn) && (direction === 'asc' || direction === 'desc')) {
    query.sort = { column: column as AdminIdeaColumn, direction };
  }
  return query;
}

/** `client.view(createAdminIdeasView, {})`: the console's ideas list over an admin client. */
export function createAdminIdeasView(client: SaysoClient, _options: Record<string, never>): AdminIdeasView {
  const adapter = client.adapter;
  const admin = (): SaysoAdminApi => {
    if (!adapter.admin) throw new SaysoError('forbidden', 'This client has no admin access: sign in with an admin key.');
    return adapter.admin;
  };
  const $state = atom<AdminIdeasState>({
    query: { sort: DEFAULT_ADMIN_IDEA_SORT },
    status: 'idle',
    rows: [],
    nextCursor: null,
    loadingMore: false,
    error: null,
    selected: [],
    working: false,
    outcome: null,
  });
  const $boards = atom<Board[]>([]);
  const $savedViews = atom<SavedView[]>([]);
  const patch = (change: Partial<AdminIdeasState>) => $state.set({ ...$state.get(), ...change });
  let asked = 0;
  let boardsRequest: Promise<void> | undefined;

  const loadBoards = () => {
    // Boards only feed the filters and the status change: failing to get them never fails the list.
    boardsRequest ??= adapter
      .listBoards()
      .then((boards) => $boards.set(boards))
      .catch(() => {
        boardsRequest = undefined;
      });
    return boardsRequest;
  };

  const load = async (query: AdminIdeasListQuery) => {
    const call = ++asked;
    void loadBoards();
    patch({ query, status: 'loading', error: null, loadingMore: false });
    try {
      const page = await admin().listIdeas({ ...query, limit: PAGE_SIZE });
      if (call !== asked) return;
      const shown = new Set(page.items.map((row) => row.id));
      patch({ status: 'ready', rows: page.items, nextCursor: page.nextCursor, selected: $state.get().selected.filter((id) => shown.has(id)) });
    } catch (error) {
      if (call === asked) patch({ status: 'error', error: toSaysoError(error) });
    }
  };

  const loadMore = async () => {
    const state = $state.get();
    if (!state.nextCursor || state.loadingMore || state.status !== 'ready') return;
    const call = asked;
    patch({ loadingMore: true });
    try {
      const page = await admin().listIdeas({ ...state.query, cursor: state.nextCursor, limit: PAGE_SIZE });
      if (call !== asked) return;
      patch({ rows: [...$state.get().rows, ...page.items], nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (call === asked) patch({ loadingMore: false, error: toSaysoError(error) });
    }
  };

  const titleOf = (id: string) => $state.get().rows.find((row) => row.id === id)?.title ?? id;

  /** Runs `act` on each idea in turn (one failure stops none of the others), then reads the list again. */
  const bulk = async (ids: readonly string[], act: (id: string) => Promise<unknown>, done: (changed: number) => string) => {
    patch({ working: true, outcome: null });
    const failures: BulkOutcome['failures'] = [];
    for (const id of ids) {
      try {
        await act(id);
      } catch (error) {
        failures.push({ id, title: titleOf(id), message: toSaysoError(error).message });
      }
    }
    const changed = ids.length - failures.length;
    patch({ working: false, outcome: { message: done(changed), failures }, selected: failures.map((failure) => failure.id) });
    await load($state.get().query);
  };

  const ideas = (count: number) => (count === 1 ? '1 idea' : `${count} ideas`);
  const statusName = (status: string) =>
    $boards.get().flatMap((board) => board.statuses).find((candidate) => candidate.id === status)?.name ?? status;

  return {
    $state,
    $boards,
    $savedViews,
    load,
    loadMore,
    select: (ids, selected) => {
      const rest = $state.get().selected.filter((id) => !ids.includes(id));
      patch({ selected: selected ? [...rest, ...ids] : rest });
    },
    clearSelection: () => patch({ selected: [] }),
    setStatus: (ids, status) => bulk(ids, (postId) => admin().setPostStatus({ postId, status }), (n) => `Moved ${ideas(n)} to ${statusName(status)}.`),
    addTag: (ids, tag) => bulk(ids, (postId) => admin().addPostTag({ postId, tag }), (n) => `Tagged ${ideas(n)}.`),
    merge: (ids, canonicalId) =>
      bulk(
        ids.filter((id) => id !== canonicalId),
        (postId) => admin().mergePost({ postId, into: canonicalId }),
        (n) => `Merged ${ideas(n)} into “${titleOf(canonicalId)}”.`,
      ),
    tagsOf: async (boards) => {
      const lists = await Promise.all([...new Set(boards)].map((board) => adapter.listTags({ board })));
      const bySlug = new Map(lists.flat().map((tag) => [tag.slug, tag]));
      return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    loadSavedViews: async () => {
      $savedViews.set(await admin().listSavedViews());
    },
    saveView: async (name, params) => {
      const saved = await admin().saveView({ name, params });
      $savedViews.set([...$savedViews.get(), saved].sort((a, b) => a.name.localeCompare(b.name)));
      return saved;
    },
    deleteView: async (viewId) => {
      await admin().deleteView({ viewId });
      $savedViews.set($savedViews.get().filter((view) => view.id !== viewId));
    },
  };
}
