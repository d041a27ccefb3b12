import { describe, expect, it } from 'vitest';
import { decodeOffsetCursor, encodeOffsetCursor } from './cursor.js';

describe('offset cursors', () => {
  it('round-trip any offset', () => {
    for (const offset of [0, 1, 20, 99_999]) expect(decodeOffsetCursor(encodeOffsetCursor(offset))).toBe(offset);
  });

  it('read a missing cursor as the first page', () => {
    expect(decodeOffsetCursor(undefined)).toBe(0);
    expect(decodeOffsetCursor(null)).toBe(0);
    expect(decodeOffsetCursor('')).toBe(0);
  });

  it('refuse anything they did not make', () => {
    for (const bad of ['abc', 'o', 'o-1', 'O1', 'o1 ', `o${'z'.repeat(11)}`]) expect(decodeOffsetCursor(bad)).toBeUndefined();
  });
});
