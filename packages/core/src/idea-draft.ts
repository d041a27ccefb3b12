/** What a visitor has typed into an idea form and not posted yet. */
export interface IdeaDraft {
  title: string;
  body: string;
}

/** The `localStorage` key holding the unposted idea of one board. */
export const ideaDraftKey = (board: string) => `sayso:draft:${board}`;

/** Where drafts are kept: `localStorage`-like; `null` keeps nothing. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

// Storage may be missing (server rendering), forbidden (privacy settings throw on access), full,
// or hold garbage: each of these leaves the form working, only without memory across reloads.
function defaultStorage(): DraftStorage | null {
  try {
    return (globalThis as { localStorage?: DraftStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The draft kept for `board`, or `null` when there is none (or storage cannot be read).
 *
 * @param storage - Default: the page's `localStorage`, when there is one and it can be used.
 */
export function readIdeaDraft(board: string, storage: DraftStorage | null = defaultStorage()): IdeaDraft | null {
  try {
    const raw = storage?.getItem(ideaDraftKey(board));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object') return null;
    const { title, body } = parsed as Record<string, unknown>;
    const draft = { title: typeof title === 'string' ? title : '', body: typeof body === 'string' ? body : '' };
    return draft.title || draft.body ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps `draft` for `board`; an empty draft removes the kept one. Never throws. */
export function saveIdeaDraft(board: string, draft: IdeaDraft, storage: DraftStorage | null = defaultStorage()): void {
  if (!draft.title && !draft.body) return clearIdeaDraft(board, storage);
  try {
    storage?.setItem(ideaDraftKey(board), JSON.stringify({ title: draft.title, body: draft.body }));
  } catch {
    // Full or forbidden storage: the draft lives in the form only.
  }
}

/** Forgets the draft kept for `board` (after it was posted). Never throws. */
export function clearIdeaDraft(board: string, storage: DraftStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(ideaDraftKey(board));
  } catch {
    // Forbidden storage: there was nothing kept to forget.
  }
}
