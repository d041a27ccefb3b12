import type { Status } from '../types.js';

/**
 * The status a new idea lands in: the board's first `open` status by position, then key;
 * `undefined` when the board has none (it takes no new ideas: a `conflict`).
 */
export function newIdeaStatus(statuses: readonly Status[]): Status | undefined {
  let first: Status | undefined;
  for (const status of statuses) {
    if (status.kind !== 'open') continue;
    if (!first || status.position < first.position || (status.position === first.position && status.id < first.id)) first = status;
  }
  return first;
}
