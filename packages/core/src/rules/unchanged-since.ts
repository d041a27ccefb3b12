import { SaysoError } from '../errors.js';

/** What the console says when an edit was refused because the idea moved on. */
export const CHANGED_SINCE_MESSAGE = 'This idea was changed by someone else since you opened it.';

/**
 * Optimistic concurrency for edits: `expected` is the idea as the editor saw it (the fields they
 * give), `now` as it is in the same transaction. Any field given that differs is a `conflict`
 * naming the fields (`details.changed`), so of two admins editing at once the second is told
 * rather than silently overwriting the first. Comparing the values themselves, not a version
 * counter, means no writer (a merge, a changelog publishing) can forget to move it.
 */
export function assertUnchangedSince<T extends object>(now: T, expected: Partial<T> | undefined): void {
  if (!expected) return;
  const changed = (Object.keys(expected) as Array<keyof T>).filter((field) => expected[field] !== undefined && expected[field] !== now[field]);
  if (changed.length > 0) throw new SaysoError('conflict', CHANGED_SINCE_MESSAGE, { changed });
}
