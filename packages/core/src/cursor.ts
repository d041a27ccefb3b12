/**
 * Offset cursors, opaque to callers so adapters can switch to keyset cursors without
 * breaking anyone.
 */
export function encodeOffsetCursor(offset: number): string {
  return `o${offset.toString(36)}`;
}

/** Reads a cursor made by {@link encodeOffsetCursor}; `undefined` when it is not one. */
export function decodeOffsetCursor(cursor: string | null | undefined): number | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  if (!/^o[0-9a-z]{1,10}$/.test(cursor)) return undefined;
  return parseInt(cursor.slice(1), 36);
}
