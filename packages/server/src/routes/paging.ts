import { encodeKeysetCursor, encodeOffsetCursor, type KeysetPosition, type Page } from '@sayso/core';
import type { Slice } from '../db/rows.js';

/** A page whose next cursor is an offset (orders that move with every vote). */
export const offsetPage = <T>(slice: Slice<T>, offset: number, limit: number): Page<T> => ({
  items: slice.items,
  nextCursor: slice.hasMore ? encodeOffsetCursor(offset + limit) : null,
});

/** A page whose next cursor is the keyset position of its last item. */
export const keysetPage = <T>(slice: Slice<T> & { lastPosition?: KeysetPosition }): Page<T> => ({
  items: slice.items,
  nextCursor: slice.hasMore && slice.lastPosition ? encodeKeysetCursor(slice.lastPosition) : null,
});
