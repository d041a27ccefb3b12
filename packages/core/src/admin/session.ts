import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoAdapter } from '../adapter.js';
import { SaysoError, toSaysoError } from '../errors.js';
import type { AdminIdentity } from '../types.js';

/** Where the console keeps the admin's credential for the tab's life: `sessionStorage` in a browser. */
export interface CredentialStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The storage key of the admin's credential. */
export const ADMIN_CREDENTIAL_KEY = 'sayso:admin-credential';

/** The console's sign-in: who is signed in, or why signing in failed. */
export type AdminSessionState =
  | { status: 'signed-out'; error: SaysoError | null }
  | { status: 'checking'; error: null }
  | { status: 'signed-in'; error: null; identity: AdminIdentity; adapter: SaysoAdapter };

export interface AdminSession {
  readonly $state: ReadableAtom<AdminSessionState>;
  /**
   * Checks `credential` (an admin key, or a host token granting admin) with the server and keeps
   * it for the tab once it is good. A wrong or revoked one leaves the admin signed out with the
   * error, and nothing kept. Resolves to whether it signed in.
   */
  signIn(credential: string): Promise<boolean>;
  /** Forgets the credential and the adapter made with it. */
  signOut(): void;
  /** Signs in again with the credential kept earlier in this tab, if any (after a reload). */
  resume(): Promise<boolean>;
}

export interface AdminSessionOptions {
  /** Makes the admin adapter for a credential (e.g. the HTTP adapter with `adminKey`). */
  connect: (credential: string) => SaysoAdapter;
  /** Keeps the credential for the tab; without it, a reload signs out. Never `localStorage`. */
  storage?: CredentialStorage;
}

/**
 * The admin console's sign-in. The credential is checked (`admin.whoAmI()`) before it is kept,
 * kept only in the tab's session storage (never a URL or `localStorage`), and forgotten on
 * sign-out or when the server refuses it later.
 */
export function createAdminSession(options: AdminSessionOptions): AdminSession {
  const $state = atom<AdminSessionState>({ status: 'signed-out', error: null });
  let attempt = 0;

  const forget = (error: SaysoError | null) => {
    options.storage?.removeItem(ADMIN_CREDENTIAL_KEY);
    $state.set({ status: 'signed-out', error });
  };

  const signIn = async (credential: string): Promise<boolean> => {
    const typed = credential.trim();
    if (!typed) {
      forget(new SaysoError('invalid_input', 'Enter an admin key.'));
      return false;
    }
    const mine = ++attempt;
    $state.set({ status: 'checking', error: null });
    try {
      const adapter = options.connect(typed);
      if (!adapter.admin) throw new SaysoError('forbidden', 'These credentials do not grant admin.');
      const identity = await adapter.admin.whoAmI();
      if (mine !== attempt) return false;
      options.storage?.setItem(ADMIN_CREDENTIAL_KEY, typed);
      $state.set({ status: 'signed-in', error: null, identity, adapter });
      return true;
    } catch (error) {
      if (mine === attempt) forget(toSaysoError(error));
      return false;
    }
  };

  return {
    $state,
    signIn,
    signOut: () => {
      attempt += 1;
      forget(null);
    },
    resume: async () => {
      const kept = options.storage?.getItem(ADMIN_CREDENTIAL_KEY);
      return kept ? signIn(kept) : false;
    },
  };
}
