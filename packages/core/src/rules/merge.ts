import { SaysoError } from '../errors.js';
import type { Status } from '../types.js';

/** What a merge needs to know of an idea: its board and where it is merged now, if anywhere. */
export interface MergeablePost {
  id: string;
  board: string;
  /** The idea it is merged into directly; `null` when it stands on its own. */
  mergedInto: string | null;
}

/**
 * The idea a post's people count on: the end of its merge chain (itself when not merged).
 * `postOf` looks up a post by id; a chain is acyclic because {@link assertMayMerge} refuses cycles.
 */
export function canonicalOf<P extends MergeablePost>(post: P, postOf: (id: string) => P): P {
  let current = post;
  while (current.mergedInto !== null) current = postOf(current.mergedInto);
  return current;
}

/**
 * The one rule for a merge, as both backends answer it: refuses a merge into itself, into an
 * idea merged (at any depth) into the duplicate, across boards, or of an idea already merged.
 * `intoCanonical` is the end of `into`'s chain.
 */
export function assertMayMerge(duplicate: MergeablePost, into: MergeablePost, intoCanonical: MergeablePost): void {
  if (duplicate.id === into.id) throw new SaysoError('invalid_input', 'An idea cannot be merged into itself.');
  if (duplicate.board !== into.board) throw new SaysoError('invalid_input', 'Ideas of different boards cannot be merged.');
  if (intoCanonical.id === duplicate.id) {
    throw new SaysoError('invalid_input', 'That idea is merged into this one; merge it the other way round, or unmerge it first.');
  }
  if (duplicate.mergedInto !== null) throw new SaysoError('conflict', 'This idea is already merged; unmerge it first.');
}

/**
 * A merged idea keeps its `duplicate` status while merged: moving it elsewhere would leave it
 * counted on the canonical yet shown as open (or shipped) on its own. Unmerging changes it.
 */
export function assertStatusMayChange(post: Pick<MergeablePost, 'mergedInto'>): void {
  if (post.mergedInto !== null) throw new SaysoError('conflict', 'This idea is merged into another; unmerge it to change its status.');
}

/** The status a merged idea takes: the board's first of kind `duplicate`, else a `conflict`. */
export function duplicateStatus(statuses: readonly Status[]): Status {
  const status = [...statuses].sort((a, b) => a.position - b.position).find((candidate) => candidate.kind === 'duplicate');
  if (!status) throw new SaysoError('conflict', 'This board has no status of kind "duplicate" for merged ideas; add one to its workflow.');
  return status;
}

/** What decides which of two duplicates to keep. */
export interface CanonicalCandidate {
  id: string;
  peopleCount: number;
  commentCount: number;
  createdAt: string;
}

/**
 * Which of two duplicates to keep as the canonical: more people, then more comments, then the
 * older, then the lower id (so the suggestion never flips between two reads).
 */
export function suggestedCanonical<P extends CanonicalCandidate>(a: P, b: P): P {
  if (a.peopleCount !== b.peopleCount) return a.peopleCount > b.peopleCount ? a : b;
  if (a.commentCount !== b.commentCount) return a.commentCount > b.commentCount ? a : b;
  const age = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (age !== 0) return age < 0 ? a : b;
  return a.id <= b.id ? a : b;
}
