import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { SaysoError } from '../errors.js';
import type { EmailPreferences } from '../types.js';
import { joinedLoad } from './joined-load.js';
import { saveOptimistically, type SavingState } from './optimistic-save.js';
import type { LoadStatus } from './paged-loads.js';

/** The visitor's email settings as a bell or a follow button shows them. */
export interface EmailPreferencesState extends SavingState {
  status: LoadStatus;
  /** `null` until loaded. */
  preferences: EmailPreferences | null;
  /** Why loading failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The visitor's email settings, shared by every element of a client (`client.view(createEmailPreferencesView, {})`). */
export interface EmailPreferencesView {
  readonly $state: ReadableAtom<EmailPreferencesState>;
  /** Fetches the settings (again); a call while one is under way joins it. */
  load(): Promise<void>;
  /**
   * Turns email off (or on again) at once in the UI, then asks the adapter; a refusal puts the
   * setting back and is kept in `saveError`. Resolves to whether it was saved.
   */
  setEmailOff(emailOff: boolean): Promise<boolean>;
}

/**
 * Whether the visitor can be written to about what they follow: Sayso knows an address for them
 * (their host's sign-in gave one, or they left one), so turning email off means something.
 */
export const hasEmailAddress = (preferences: EmailPreferences | null): boolean => preferences?.email != null;

export function createEmailPreferencesView(client: SaysoClient, _options: Record<string, never> = {}): EmailPreferencesView {
  const $state = atom<EmailPreferencesState>({ status: 'idle', preferences: null, error: null, saving: false, saveError: null });
  const load = joinedLoad($state, async () => {
    const preferences = await client.adapter.getEmailPreferences();
    return { ...$state.get(), preferences };
  });

  const setEmailOff = (emailOff: boolean) => {
    const current = $state.get().preferences;
    if (!current) return Promise.resolve(false);
    return saveOptimistically($state, 'preferences', { ...current, emailOff }, () => client.adapter.setEmailPreferences({ emailOff }));
  };

  return { $state, load, setEmailOff };
}
