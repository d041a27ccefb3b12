import { atom, computed, type ReadableAtom } from 'nanostores';

/** The most entry ids remembered as seen per board; the oldest are forgotten first. */
export const CHANGELOG_SEEN_MAX = 500;

/**
 * The `localStorage` key holding the ids of a board's changelog items this browser has seen:
 * shipped ideas and changelog entries alike (their ids never collide).
 */
export const changelogSeenKey = (board: string) => `sayso:changelog-seen:${board}`;

/** Where the seen ids are kept: `localStorage`-like; `null` keeps them in memory only. */
export interface SeenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

// Storage may be missing (server rendering), forbidden (privacy settings throw on access), full,
// or hold garbage: each of these leaves the changelog working, only without memory across visits.
function defaultStorage(): SeenStorage | null {
  try {
    return (globalThis as { localStorage?: SeenStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}

function readSeen(storage: SeenStorage | null, board: string): string[] {
  try {
    const raw = storage?.getItem(changelogSeenKey(board));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function writeSeen(storage: SeenStorage | null, board: string, ids: string[]): void {
  try {
    storage?.setItem(changelogSeenKey(board), JSON.stringify(ids));
  } catch {
    // Full or forbidden storage: the entries stay read for this page view only.
  }
}

/** Which changelog items of a board this browser has marked read. */
export interface ChangelogSeen {
  /** Ids of `$shown` not marked read, in their order. */
  readonly $unread: ReadableAtom<string[]>;
  /** Reads the ids marked read from storage, forgetting those marked only here (a fresh load). */
  reload(): void;
  /** Marks every id of `$shown` read, and remembers that in storage when it can. */
  markAllRead(): void;
  /** Takes up the ids marked read in storage since (by another element or tab), keeping those marked here. */
  shown(): void;
}

/**
 * The read state of the ids `$shown` lists, kept per board under `sayso:changelog-seen:<board>`
 * (at most {@link CHANGELOG_SEEN_MAX} ids); `storage` defaults to the page's `localStorage`.
 */
export function changelogSeen(board: string, $shown: ReadableAtom<readonly string[]>, storage?: SeenStorage | null): ChangelogSeen {
  const store = storage === undefined ? defaultStorage() : storage;
  const $seen = atom<readonly string[]>([]);
  const $unread = computed([$shown, $seen], (shown, seen) => {
    const known = new Set(seen);
    return shown.filter((id) => !known.has(id));
  });

  const markAllRead = () => {
    // Another tab may have marked other entries meanwhile: keep its ids too.
    const before = [...readSeen(store, board), ...$seen.get()];
    const ids = $shown.get();
    const known = new Set(ids);
    const seen = [...ids, ...before.filter((id) => !known.has(id))];
    const unique = [...new Set(seen)].slice(0, CHANGELOG_SEEN_MAX);
    $seen.set(unique);
    writeSeen(store, board, unique);
  };

  return {
    $unread,
    reload: () => $seen.set(readSeen(store, board)),
    markAllRead,
    shown: () => $seen.set([...new Set([...$seen.get(), ...readSeen(store, board)])]),
  };
}
