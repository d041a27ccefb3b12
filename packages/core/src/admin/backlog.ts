import { atom, type ReadableAtom } from 'nanostores';
import { isBacklogCategory, isBacklogStatus } from '../backlog/rules.js';
import type { BacklogEvidence, BacklogExport, BacklogExportFormat, BacklogFilters, BacklogItem, BacklogItemFields, BacklogSuggestions } from '../backlog/types.js';
import type { SaysoClient } from '../client.js';
import { SaysoError, toSaysoError } from '../errors.js';
import type { PostRef } from '../types.js';
import type { LoadStatus } from '../views/paged-loads.js';
import { adminApiOf, searchBoardIdeas } from './admin-api.js';
import type { Outcome } from './settings.js';

/** The backlog's filters as the console keeps them in its address (`category`, `status`, `vague`, `stale`, `q`); anything else is ignored. */
export function backlogFiltersFromParams(params: Readonly<Record<string, string>>): BacklogFilters {
  const filters: BacklogFilters = {};
  if (isBacklogCategory(params['category'])) filters.category = params['category'];
  if (isBacklogStatus(params['status'])) filters.status = params['status'];
  if (params['vague'] === 'true') filters.vague = true;
  if (params['stale'] === 'true') filters.stale = true;
  const q = params['q']?.trim();
  if (q) filters.q = q;
  return filters;
}

/** The address parameters of backlog filters (the inverse of {@link backlogFiltersFromParams}). */
export function backlogFiltersParams(filters: BacklogFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.category) params['category'] = filters.category;
  if (filters.status) params['status'] = filters.status;
  if (filters.vague) params['vague'] = 'true';
  if (filters.stale) params['stale'] = 'true';
  if (filters.q) params['q'] = filters.q;
  return params;
}

const filtered = (filters: BacklogFilters) => Object.keys(backlogFiltersParams(filters)).length > 0;

/** A board's ranked backlog under some filters. */
export interface AdminBacklogListState {
  board: string;
  filters: BacklogFilters;
  status: LoadStatus;
  error: SaysoError | null;
  /** The items the filters let through, highest priority first. */
  items: BacklogItem[];
  /** Each item's place in the whole backlog (1 = first), filters or not: a rank means the same under any filter. */
  ranks: Readonly<Record<string, number>>;
}

/** The item open in the console's panel, with what backs it and what might. */
export interface AdminBacklogItemState {
  itemId: string;
  status: LoadStatus;
  error: SaysoError | null;
  /** As last fetched or saved; `null` until it first arrives. Edits are sent as made over this one (its `updatedAt`). */
  item: BacklogItem | null;
  /** Newest linked first. */
  evidence: BacklogEvidence[];
  /** Ideas and feedback that look related and are not linked; `null` while asked for or when asking failed. */
  suggestions: BacklogSuggestions | null;
  suggestionsError: SaysoError | null;
}

/**
 * A board's engineering backlog as the console works on it (`client.view(createAdminBacklogView,
 * { board })`): the ranked list under the address's filters, and the one item open beside it.
 * Each action answers an {@link Outcome} (the screen keeps what was typed beside a failure); an
 * edit carries the item as the admin saw it, so one made after someone else changed it is a
 * `conflict` and overwrites nothing. After any change the list is fetched again: a change of
 * evidence or estimate moves the item's rank.
 */
export interface AdminBacklogView {
  readonly $list: ReadableAtom<AdminBacklogListState>;
  /** The open item; `null` when none is. */
  readonly $item: ReadableAtom<AdminBacklogItemState | null>;
  /** Fetches the list under `filters` (default: the last ones). Never rejects: a failure is the `error` status. */
  load(filters?: BacklogFilters): Promise<void>;
  /** An element shows the backlog again: it is fetched again, as others work on it too. */
  shown(): void;
  /** Opens an item: the item, its evidence and suggestions (fetched again when it is already open). */
  open(itemId: string): Promise<void>;
  close(): void;
  create(fields: BacklogItemFields): Promise<Outcome<BacklogItem>>;
  /** Changes the open item (fields left out stay); `conflict` when it changed since it was fetched. */
  update(change: Partial<BacklogItemFields>): Promise<Outcome<BacklogItem>>;
  /** Deletes the open item and its evidence links (the ideas and feedback stay); the panel closes. */
  remove(): Promise<Outcome<void>>;
  /** Links ideas and/or feedback items to the open item as evidence. */
  link(evidence: { postIds?: string[]; feedbackItemIds?: string[] }): Promise<Outcome<BacklogItem>>;
  /** Removes one piece of evidence from the open item. */
  unlink(evidenceId: string): Promise<Outcome<BacklogItem>>;
  /** The board's ideas matching `text` (the first ideas without), to link one the suggestions missed. */
  searchIdeas(text: string): Promise<PostRef[]>;
  /** The list under its filters as a file, for planning meetings. */
  exportFile(format: BacklogExportFormat): Promise<Outcome<BacklogExport>>;
}

/** The fields of `fields` that differ from the item's. */
function changedFields(item: BacklogItem, fields: Partial<BacklogItemFields>): Partial<BacklogItemFields> {
  const same = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b);
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== undefined && !same(value, item[name as keyof BacklogItemFields])));
}

async function outcome<T>(step: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    return { ok: false, error: toSaysoError(error) };
  }
}

export function createAdminBacklogView(client: SaysoClient, options: { board: string }): AdminBacklogView {
  const { board } = options;
  const admin = () => adminApiOf(client);
  const $list = atom<AdminBacklogListState>({ board, filters: {}, status: 'idle', error: null, items: [], ranks: {} });
  const $item = atom<AdminBacklogItemState | null>(null);

  let loads = 0;
  const load = async (filters: BacklogFilters = $list.get().filters) => {
    const mine = ++loads;
    $list.set({ ...$list.get(), filters, status: 'loading', error: null });
    try {
      // The whole backlog gives the ranks; under filters it is asked for beside the filtered list.
      const [items, all] = await Promise.all([
        admin().listBacklog({ board, ...filters }),
        filtered(filters) ? admin().listBacklog({ board }) : undefined,
      ]);
      const ranks = Object.fromEntries((all ?? items).map((item, index) => [item.id, index + 1]));
      if (mine === loads) $list.set({ ...$list.get(), status: 'ready', items, ranks });
    } catch (error) {
      if (mine === loads) $list.set({ ...$list.get(), status: 'error', error: toSaysoError(error) });
    }
  };

  /** Changes the open item's state, unless another item was opened meanwhile. */
  const updateItem = (itemId: string, change: Partial<AdminBacklogItemState>) => {
    const open = $item.get();
    if (open?.itemId === itemId) $item.set({ ...open, ...change });
  };

  const suggest = async (itemId: string) => {
    updateItem(itemId, { suggestions: null, suggestionsError: null });
    try {
      updateItem(itemId, { suggestions: await admin().suggestBacklogEvidence({ itemId }) });
    } catch (error) {
      updateItem(itemId, { suggestionsError: toSaysoError(error) });
    }
  };

  const open = async (itemId: string) => {
    const shown = $item.get();
    $item.set({
      itemId,
      status: 'loading',
      error: null,
      item: shown?.itemId === itemId ? shown.item : null,
      evidence: shown?.itemId === itemId ? shown.evidence : [],
      suggestions: null,
      suggestionsError: null,
    });
    const suggestions = suggest(itemId);
    try {
      const [item, evidence] = await Promise.all([admin().getBacklogItem({ itemId }), admin().listBacklogEvidence({ itemId })]);
      updateItem(itemId, { status: 'ready', item, evidence });
    } catch (error) {
      updateItem(itemId, { status: 'error', error: toSaysoError(error) });
    }
    await suggestions;
  };

  /** Runs a change of the open item; on success shows the item as saved and fetches the list (its rank may move). */
  const change = (step: (item: BacklogItem) => Promise<BacklogItem>, evidenceChanged = false): Promise<Outcome<BacklogItem>> =>
    outcome(async () => {
      const open = $item.get();
      if (!open?.item) throw new SaysoError('not_found', 'No backlog item is open.');
      const saved = await step(open.item);
      updateItem(open.itemId, { item: saved });
      void load();
      if (evidenceChanged) {
        const [evidence] = await Promise.all([admin().listBacklogEvidence({ itemId: saved.id }), suggest(saved.id)]);
        updateItem(saved.id, { evidence });
      }
      return saved;
    });

  return {
    $list,
    $item,
    load,
    shown: () => void load(),
    open,
    close: () => $item.set(null),
    create: (fields) =>
      outcome(async () => {
        const item = await admin().createBacklogItem({ board, ...fields });
        void load();
        return item;
      }),
    update: (fields) =>
      change(async (item) => {
        const changed = changedFields(item, fields);
        // Nothing changed: nothing to send (a status sent again must not look like a move).
        if (Object.keys(changed).length === 0) return item;
        return admin().updateBacklogItem({ itemId: item.id, ...changed, expected: { updatedAt: item.updatedAt } });
      }),
    remove: () =>
      outcome(async () => {
        const open = $item.get();
        if (!open) throw new SaysoError('not_found', 'No backlog item is open.');
        await admin().deleteBacklogItem({ itemId: open.itemId });
        if ($item.get()?.itemId === open.itemId) $item.set(null);
        void load();
      }),
    link: (evidence) => change((item) => admin().linkBacklogEvidence({ itemId: item.id, ...evidence }), true),
    unlink: (evidenceId) => change((item) => admin().unlinkBacklogEvidence({ itemId: item.id, evidenceId }), true),
    searchIdeas: (text) => searchBoardIdeas(client, board, text),
    exportFile: (format) => outcome(() => admin().exportBacklog({ board, format, ...$list.get().filters })),
  };
}
