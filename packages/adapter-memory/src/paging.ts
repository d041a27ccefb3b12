import {
  LIMITS,
  checkPageLimit,
  decodeKeysetCursor,
  decodeOffsetCursor,
  encodeKeysetCursor,
  encodeOffsetCursor,
  isAfterKeyset,
  type KeysetPosition,
  type Page,
} from '@sayso/core';
import { invalid, refuse } from './visitor.js';

/** One page of `items` by offset: for lists whose order moves (`top`, `trending`) and comments. */
export function offsetPage<T>(items: T[], cursor: string | null | undefined, limit: number = LIMITS.pageSizeDefault): Page<T> {
  const offset = decodeOffsetCursor(cursor);
  if (offset === undefined) throw invalid('The cursor is not one this board gave out.', { field: 'cursor' });
  refuse(checkPageLimit(limit));
  const end = offset + limit;
  return { items: items.slice(offset, end), nextCursor: end < items.length ? encodeOffsetCursor(end) : null };
}

/**
 * One page of `items` (newest first) by keyset: the items strictly after the cursor's position,
 * so items added between pages never shift the walk (`new`, `shipped`, notifications).
 */
export function keysetPage<T>(
  items: T[],
  positionOf: (item: T) => KeysetPosition,
  cursor: string | null | undefined,
  limit: number = LIMITS.pageSizeDefault,
  what = 'list',
): Page<T> {
  const after = decodeKeysetCursor(cursor);
  if (after === undefined) throw invalid(`The cursor is not one this ${what} gave out.`, { field: 'cursor' });
  refuse(checkPageLimit(limit));
  const rest = after ? items.filter((item) => isAfterKeyset(positionOf(item), after)) : items;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: rest.length > limit && last ? encodeKeysetCursor(positionOf(last)) : null,
  };
}
