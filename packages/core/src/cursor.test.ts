import { describe, expect, it } from 'vitest';
import { decodeKeysetCursor, decodeOffsetCursor, encodeKeysetCursor, encodeOffsetCursor } from './cursor.js';

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

describe('keyset cursors', () => {
  it('round-trip a position, microseconds and all', () => {
    const position = { at: '2026-01-02T03:04:05.123456Z', id: '6f1c3c8e-8f6a-4d7e-9a57-3f9e3c2a1b00' };
    const cursor = encodeKeysetCursor(position);
    expect(cursor).toMatch(/^k[A-Za-z0-9._-]+$/);
    expect(decodeKeysetCursor(encodeKeysetCursor({ at: '2026-01-02T03:04:05Z', id: 'post-1' }))).toEqual({ at: '2026-01-02T03:04:05Z', id: 'post-1' });
    expect(decodeKeysetCursor(cursor)).toEqual(position);
  });

  it('read a missing cursor as the first page and refuse anything else', () => {
    expect(decodeKeysetCursor(undefined)).toBeNull();
    expect(decodeKeysetCursor('')).toBeNull();
    const bad = ['o2', 'k', 'k!!', 'k20261302030405.id', 'k20260102030405.', 'k2026010203040.id', 'k20260102030405.has space', encodeOffsetCursor(3)];
    for (const cursor of bad) expect(decodeKeysetCursor(cursor)).toBeUndefined();
  });
});
