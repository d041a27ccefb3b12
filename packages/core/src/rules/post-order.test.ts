import { describe, expect, it } from 'vitest';
import { decodeKeysetCursor, encodeKeysetCursor } from '../cursor.js';
import { compareInstants, isAfterKeyset, isPostListSort, pagesByKeyset, postKeysetPosition, postOrder, type OrderedPost } from './post-order.js';

const post = (id: string, peopleCount: number, createdAt: string, shippedAt: string | null = null): OrderedPost => ({ id, peopleCount, createdAt, shippedAt });
const ids = (posts: OrderedPost[]) => posts.map((p) => p.id);

describe('postOrder', () => {
  const now = new Date('2026-12-05T12:00:00.000Z');
  const old = post('a', 10, '2026-11-01T12:00:00.000Z');
  const fresh = post('b', 3, '2026-12-05T10:00:00.000Z');
  const twinOfFresh = post('c', 3, '2026-12-05T10:00:00.000Z');
  const newest = post('d', 0, '2026-12-05T11:00:00.000Z', null);
  const shippedLong = post('e', 3, '2026-10-01T12:00:00.000Z', '2026-12-05T11:30:00.000Z');
  const all = [old, fresh, twinOfFresh, newest, shippedLong];

  it('orders top by votes, then newest, then the greater id', () => {
    expect(ids([...all].sort(postOrder('top', now)))).toEqual(['a', 'c', 'b', 'e', 'd']);
  });

  it('orders new by creation, newest first, ties on the greater id', () => {
    expect(ids([...all].sort(postOrder('new', now)))).toEqual(['d', 'c', 'b', 'a', 'e']);
  });

  it('lets a fresh idea with few votes pass an old one with many in trending', () => {
    expect(ids([...all].sort(postOrder('trending', now)))).toEqual(['c', 'b', 'a', 'e', 'd']);
  });

  it('orders shipped by ship date, creation for ideas never shipped, ties on the id alone', () => {
    const sameTimeAsShip = post('f', 99, '2026-12-05T11:30:00.000Z');
    expect(ids([...all, sameTimeAsShip].sort(postOrder('shipped', now)))).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });

  it('tells the sorts apart from anything else', () => {
    expect(['top', 'new', 'trending', 'shipped', 'oldest', ''].map(isPostListSort)).toEqual([true, true, true, true, false, false]);
  });
});

describe('keyset positions', () => {
  it('pages new and shipped by keyset, top and trending by offset', () => {
    expect((['top', 'new', 'trending', 'shipped'] as const).map(pagesByKeyset)).toEqual([false, true, false, true]);
  });

  it('places a post by its creation in new and by its ship date (else creation) in shipped', () => {
    const shipped = post('p', 0, '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');
    expect(postKeysetPosition(shipped, 'new')).toEqual({ at: '2026-12-01T00:00:00.000Z', id: 'p' });
    expect(postKeysetPosition(shipped, 'shipped')).toEqual({ at: '2026-12-02T00:00:00.000Z', id: 'p' });
    expect(postKeysetPosition({ ...shipped, shippedAt: null }, 'shipped')).toEqual({ at: '2026-12-01T00:00:00.000Z', id: 'p' });
  });

  it('puts after a cursor what is older, or as old with a smaller id, to the microsecond', () => {
    const cursor = decodeKeysetCursor(encodeKeysetCursor({ at: '2026-12-05T10:00:00.123456Z', id: 'm' }))!;
    expect(isAfterKeyset({ at: '2026-12-05T10:00:00.123455Z', id: 'z' }, cursor)).toBe(true);
    expect(isAfterKeyset({ at: '2026-12-05T10:00:00.123456Z', id: 'a' }, cursor)).toBe(true);
    expect(isAfterKeyset({ at: '2026-12-05T10:00:00.123456Z', id: 'm' }, cursor)).toBe(false);
    expect(isAfterKeyset({ at: '2026-12-05T10:00:00.123456Z', id: 'n' }, cursor)).toBe(false);
    expect(isAfterKeyset({ at: '2026-12-05T10:00:00.123Z', id: 'z' }, cursor)).toBe(true);
  });

  it('compares instants of any precision', () => {
    expect(compareInstants('2026-12-05T10:00:00Z', '2026-12-05T10:00:00.000000Z')).toBe(0);
    expect(compareInstants('2026-12-05T10:00:00.1Z', '2026-12-05T10:00:00.099999Z')).toBeGreaterThan(0);
    expect(compareInstants('2026-12-05T09:59:59.999999Z', '2026-12-05T10:00:00Z')).toBeLessThan(0);
  });
});
