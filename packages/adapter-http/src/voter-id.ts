/** Where {@link getAnonymousVoterId} keeps the id: `localStorage` or anything shaped like it. */
export interface VoterIdStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The storage key of the anonymous voter id. */
export const VOTER_ID_STORAGE_KEY = 'sayso:voter';

const VALID = /^[A-Za-z0-9_-]{8,128}$/;
let inMemory: string | undefined;

function newId(): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  if (cryptoApi?.randomUUID) return cryptoApi.randomUUID();
  // Very old browsers: still unguessable enough for an anonymous vote key.
  const bytes = new Uint8Array(16);
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function defaultStorage(): VoterIdStorage | undefined {
  try {
    return (globalThis as { localStorage?: VoterIdStorage }).localStorage;
  } catch {
    // Reading `localStorage` itself throws when storage is blocked (e.g. sandboxed iframes).
    return undefined;
  }
}

/**
 * A stable anonymous id for this browser, the identity the HTTP adapter sends as
 * `X-Sayso-Voter`. Kept in `localStorage` under `sayso:voter` (created with
 * `crypto.randomUUID()` on first use); when storage is missing or refuses (Node, private
 * mode, blocked cookies), an in-memory id stable for the life of the page is used instead.
 *
 * @param storage where to keep the id; defaults to `globalThis.localStorage`.
 */
export function getAnonymousVoterId(storage: VoterIdStorage | undefined = defaultStorage()): string {
  if (storage) {
    try {
      const stored = storage.getItem(VOTER_ID_STORAGE_KEY);
      if (stored && VALID.test(stored)) return stored;
      const id = newId();
      storage.setItem(VOTER_ID_STORAGE_KEY, id);
      return id;
    } catch {
      // Fall through to the in-memory id.
    }
  }
  inMemory ??= newId();
  return inMemory;
}
