import type { WritableAtom } from 'nanostores';
import { toSaysoError, type SaysoError } from '../errors.js';

/** What a view that saves one setting optimistically keeps besides the setting. */
export interface SavingState {
  /** A change is being saved. */
  saving: boolean;
  /** Why the last change was refused or lost; `null` when it was saved. */
  saveError: SaysoError | null;
}

/**
 * Shows `next` at once, then saves it with `send`: the answer replaces it, a failure restores
 * what was shown before and is kept in `saveError`. Resolves to whether the change was saved;
 * it never rejects, so an element only renders the state.
 */
export async function saveOptimistically<S extends SavingState, V>(
  $state: WritableAtom<S>,
  field: { [K in keyof S]: V extends S[K] ? K : never }[keyof S],
  next: V,
  send: () => Promise<V>,
): Promise<boolean> {
  const before = $state.get()[field];
  $state.set({ ...$state.get(), [field]: next, saving: true, saveError: null });
  try {
    const saved = await send();
    $state.set({ ...$state.get(), [field]: saved, saving: false });
    return true;
  } catch (error) {
    $state.set({ ...$state.get(), [field]: before, saving: false, saveError: toSaysoError(error) });
    return false;
  }
}
