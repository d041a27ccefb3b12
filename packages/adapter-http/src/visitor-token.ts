/** Where the adapter keeps the anonymous visitor's token: `localStorage` or anything shaped like it. */
export interface VisitorTokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem?(key: string): void;
}

/** The storage key of the anonymous visitor's token. */
export const VISITOR_TOKEN_STORAGE_KEY = 'sayso:visitor-token';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function defaultStorage(): VisitorTokenStorage | undefined {
  try {
    return (globalThis as { localStorage?: VisitorTokenStorage }).localStorage;
  } catch {
    // Reading `localStorage` itself throws when storage is blocked (e.g. sandboxed iframes).
    return undefined;
  }
}

/**
 * Keeps one visitor token: in `storage` (default `localStorage`, key `sayso:visitor-token`), or,
 * when storage is missing or refuses (Node, private mode, blocked storage), in memory for the life
 * of this keeper. The token comes from the server (`POST /visitors`); this only stores it.
 */
export function visitorTokenKeeper(storage: VisitorTokenStorage | undefined = defaultStorage()) {
  let inMemory: string | null = null;
  return {
    read(): string | null {
      if (storage) {
        try {
          const stored = storage.getItem(VISITOR_TOKEN_STORAGE_KEY);
          if (stored && TOKEN_SHAPE.test(stored)) return stored;
        } catch {
          // Fall through to memory.
        }
      }
      return inMemory;
    },
    write(token: string | null): void {
      inMemory = token;
      if (!storage) return;
      try {
        if (token) storage.setItem(VISITOR_TOKEN_STORAGE_KEY, token);
        else storage.removeItem?.(VISITOR_TOKEN_STORAGE_KEY);
      } catch {
        // Memory keeps it.
      }
    },
  };
}
