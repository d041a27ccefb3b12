import { describe, expect, it } from 'vitest';
import { SaysoError } from '../errors.js';
import { DEFAULT_STATUSES } from '../defaults.js';
import { assertMayMerge, canonicalOf, duplicateStatus, suggestedCanonical, type MergeablePost } from './merge.js';

const posts: Record<string, MergeablePost> = {
  a: { id: 'a', board: 'demo', mergedInto: 'b' },
  b: { id: 'b', board: 'demo', mergedInto: 'c' },
  c: { id: 'c', board: 'demo', mergedInto: null },
  d: { id: 'd', board: 'demo', mergedInto: null },
  x: { id: 'x', board: 'other', mergedInto: null },
};
const postOf = (id: string) => posts[id]!;
const refusal = (duplicate: string, into: string) => {
  try {
    assertMayMerge(postOf(duplicate), postOf(into), canonicalOf(postOf(into), postOf));
    return 'allowed';
  } catch (error) {
    return (error as SaysoError).code;
  }
};

describe('merge rules', () => {
  it('follows a chain to its canonical', () => {
    expect(canonicalOf(postOf('a'), postOf).id).toBe('c');
    expect(canonicalOf(postOf('d'), postOf).id).toBe('d');
  });

  it('refuses a merge into itself, into its own duplicate, across boards, or of an idea merged already', () => {
    expect(refusal('d', 'd')).toBe('invalid_input');
    expect(refusal('c', 'a')).toBe('invalid_input');
    expect(refusal('d', 'x')).toBe('invalid_input');
    expect(refusal('a', 'd')).toBe('conflict');
    expect(refusal('d', 'a')).toBe('allowed');
  });

  it('takes the first duplicate status of the workflow, and says so when there is none', () => {
    expect(duplicateStatus(DEFAULT_STATUSES).id).toBe('merged');
    expect(() => duplicateStatus(DEFAULT_STATUSES.filter((s) => s.kind !== 'duplicate'))).toThrow(SaysoError);
  });

  it('suggests keeping more people, then more comments, then the older idea', () => {
    const older = { id: 'o', peopleCount: 3, commentCount: 1, createdAt: '2026-01-01T00:00:00Z' };
    const newer = { id: 'n', peopleCount: 3, commentCount: 1, createdAt: '2026-02-01T00:00:00Z' };
    expect(suggestedCanonical(older, newer).id).toBe('o');
    expect(suggestedCanonical(older, { ...newer, commentCount: 2 }).id).toBe('n');
    expect(suggestedCanonical({ ...older, peopleCount: 1 }, { ...newer, commentCount: 0 }).id).toBe('n');
  });
});
