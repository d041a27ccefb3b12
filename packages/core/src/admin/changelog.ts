import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { ChangelogEntry, NotificationAudience, PostRef } from '../types.js';
import { appendNew, pagedLoads, type PagedState } from '../views/paged-loads.js';
import { adminApiOf, searchBoardIdeas } from './admin-api.js';

/** A board's changelog entries as the console lists them: drafts and published, newest first. */
export interface AdminChangelogListState extends PagedState {
  board: string;
  entries: ChangelogEntry[];
}

/** The entry being written: what is typed, kept through every failure until it is saved. */
export interface ChangelogDraft {
  /** The saved entry this edits; `null` for a new entry not saved yet. */
  entry: ChangelogEntry | null;
  title: string;
  body: string;
  posts: PostRef[];
  /** What was typed differs from the saved entry. */
  dirty: boolean;
  /** What runs now: saving the draft, asking who would be told, or publishing. */
  busy: 'saving' | 'previewing' | 'publishing' | null;
  /** Why the last save, preview or publish failed; cleared by the next attempt. */
  error: SaysoError | null;
  /** Who publishing would tell, as last previewed (dropped when the ideas change). */
  audience: NotificationAudience | null;
}

export interface AdminChangelogView {
  readonly $list: ReadableAtom<AdminChangelogListState>;
  /** The open editor; `null` when none is open. */
  readonly $draft: ReadableAtom<ChangelogDraft | null>;
  /** Fetches the first page of entries (again). */
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** Opens the editor on a saved entry, or on a new one without. */
  open(entry?: ChangelogEntry): void;
  /** Closes the editor; what was typed and not saved is dropped (the screen asks first). */
  close(): void;
  /** Changes the typed title or body. */
  edit(change: Partial<Pick<ChangelogDraft, 'title' | 'body'>>): void;
  /** Adds an idea the entry ships (once). */
  addIdea(post: PostRef): void;
  removeIdea(postId: string): void;
  /** Saves what is typed as a draft (creating it the first time). Resolves to whether it saved. */
  save(): Promise<boolean>;
  /** Saves, then asks who publishing would tell. */
  previewRecipients(): Promise<boolean>;
  /** Saves, then publishes: the ideas ship and their followers are told. */
  publish(): Promise<boolean>;
  /** The board's ideas matching `text` (the first ideas without), for "Add an idea". */
  searchIdeas(text: string): Promise<PostRef[]>;
}

/**
 * The console's changelog of one board (`client.view(createAdminChangelogView, { board })`):
 * its entries, drafts and published, and the one entry being written. A failed save, preview or
 * publish keeps every typed character in the draft, with the error beside it.
 */
export function createAdminChangelogView(client: SaysoClient, options: { board: string; limit?: number }): AdminChangelogView {
  const { board, limit } = options;
  const $list = atom<AdminChangelogListState>({ board, status: 'idle', entries: [], nextCursor: null, loadingMore: false, error: null });
  const $draft = atom<ChangelogDraft | null>(null);
  const { load, loadMore } = pagedLoads($list, {
    fetch: (cursor) => client.adapter.listChangelogEntries({ board, cursor, ...(limit ? { limit } : {}) }),
    first: (state, page) => ({ ...state, entries: page.items }),
    more: (state, page) => ({ ...state, entries: appendNew(state.entries, page.items) }),
  });

  const update = (change: Partial<ChangelogDraft>) => {
    const draft = $draft.get();
    if (draft) $draft.set({ ...draft, ...change });
  };

  /** Puts the saved entry first in the list (replacing its older copy) and under the editor. */
  const saved = (entry: ChangelogEntry, change: Partial<ChangelogDraft> = {}) => {
    const list = $list.get();
    $list.set({ ...list, entries: [entry, ...list.entries.filter((other) => other.id !== entry.id)] });
    update({ entry, dirty: false, ...change });
  };

  /** Runs `step` with the draft marked busy; a failure is kept on the draft, never thrown. */
  const attempt = async (busy: NonNullable<ChangelogDraft['busy']>, step: (draft: ChangelogDraft) => Promise<void>): Promise<boolean> => {
    const draft = $draft.get();
    if (!draft || draft.busy) return false;
    update({ busy, error: null });
    try {
      await step(draft);
      update({ busy: null });
      return true;
    } catch (error) {
      update({ busy: null, error: toSaysoError(error) });
      return false;
    }
  };

  /** Writes the draft when it has unsaved changes; answers the saved entry. */
  const write = async (draft: ChangelogDraft): Promise<ChangelogEntry> => {
    if (draft.entry && !draft.dirty) return draft.entry;
    const fields = { title: draft.title, body: draft.body, postIds: draft.posts.map((post) => post.id) };
    const admin = adminApiOf(client);
    const entry = draft.entry ? await admin.updateChangelogEntry({ entryId: draft.entry.id, ...fields }) : await admin.createChangelogEntry({ board, ...fields });
    // Typing may have gone on while it saved: only what was sent is saved.
    const now = $draft.get()!;
    const unchanged = now.title === fields.title && now.body === fields.body && now.posts.map((post) => post.id).join() === fields.postIds.join();
    saved(entry, { dirty: !unchanged });
    return entry;
  };

  return {
    $list,
    $draft,
    load,
    loadMore,
    open(entry) {
      $draft.set({
        entry: entry ?? null,
        title: entry?.title ?? '',
        body: entry?.body ?? '',
        posts: entry?.posts ?? [],
        dirty: false,
        busy: null,
        error: null,
        audience: null,
      });
    },
    close: () => $draft.set(null),
    edit(change) {
      update({ ...change, dirty: true });
    },
    addIdea(post) {
      const draft = $draft.get();
      if (!draft || draft.posts.some((added) => added.id === post.id)) return;
      update({ posts: [...draft.posts, { id: post.id, title: post.title }], dirty: true, audience: null });
    },
    removeIdea(postId) {
      const draft = $draft.get();
      if (draft) update({ posts: draft.posts.filter((post) => post.id !== postId), dirty: true, audience: null });
    },
    save: () => attempt('saving', async (draft) => void (await write(draft))),
    previewRecipients: () =>
      attempt('previewing', async (draft) => {
        const entry = await write(draft);
        update({ audience: await adminApiOf(client).previewChangelogEntry({ entryId: entry.id }) });
      }),
    publish: () =>
      attempt('publishing', async (draft) => {
        const entry = await write(draft);
        saved(await adminApiOf(client).publishChangelogEntry({ entryId: entry.id }));
      }),
    searchIdeas: (text) => searchBoardIdeas(client, board, text),
  };
}
