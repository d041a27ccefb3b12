import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { SaysoError } from '../errors.js';
import type { Demand } from '../types.js';
import { joinedLoad } from './joined-load.js';
import type { LoadStatus } from './paged-loads.js';

/** The demand behind one idea, and where fetching it is. */
export interface DemandState {
  status: LoadStatus;
  /** The last demand fetched; kept while it is fetched again, so a detail does not flicker. */
  demand: Demand | null;
  /** Why the last fetch failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The demand behind one idea (`adapter.getDemand`): its distinct people, where they come from, the ideas merged into it. */
export interface DemandView {
  readonly $state: ReadableAtom<DemandState>;
  /**
   * Fetches the demand (again, e.g. after the visitor's vote changed it); a call while one is
   * under way joins it. Never rejects: demand only adds to what a detail shows.
   */
  load(): Promise<void>;
}

/** Which idea's demand: use as `client.view(createDemandView, { postId })`, so every element shares one. */
export interface DemandOptions {
  postId: string;
}

export function createDemandView(client: SaysoClient, { postId }: DemandOptions): DemandView {
  const $state = atom<DemandState>({ status: 'idle', demand: null, error: null });
  const load = joinedLoad($state, async () => ({ demand: await client.adapter.getDemand({ postId }) }));

  return { $state, load };
}
