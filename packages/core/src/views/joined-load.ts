import type { WritableAtom } from 'nanostores';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { LoadStatus } from './paged-loads.js';

/**
 * The load of a view that fetches one thing (a post, its demand) into `$state`: `fetch` answers
 * the rest of the state once ready. A call while one is under way joins it; it never rejects: a
 * failure is the `error` status, with what was shown before kept.
 */
export function joinedLoad<S extends { status: LoadStatus; error: SaysoError | null }>(
  $state: WritableAtom<S>,
  fetch: () => Promise<Omit<S, 'status' | 'error'>>,
): () => Promise<void> {
  let request: Promise<void> | undefined;
  return () => {
    request ??= (async () => {
      $state.set({ ...$state.get(), status: 'loading', error: null });
      try {
        $state.set({ ...$state.get(), ...(await fetch()), status: 'ready', error: null });
      } catch (error) {
        $state.set({ ...$state.get(), status: 'error', error: toSaysoError(error) });
      } finally {
        request = undefined;
      }
    })();
    return request;
  };
}
