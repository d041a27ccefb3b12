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

/** A position in a list ordered newest first: the last item's creation time and id. */
export interface KeysetPosition {
  /** The item's creation time as the backend keeps it (ISO 8601, any sub-second precision). */
  at: string;
  id: string;
}

const KEYSET_AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const KEYSET_ID = /^[A-Za-z0-9_-]{1,100}$/;
const KEYSET_CURSOR = /^k(\d{14})(\d{0,9})\.([A-Za-z0-9_-]{1,100})$/;

/**
 * A keyset cursor: "the items after this one". Unlike an offset, it does not shift when items
 * are added in front of it, so a walk through pages of `new` never repeats an item.
 */
export function encodeKeysetCursor(position: KeysetPosition): string {
  const parts = KEYSET_AT.exec(position.at);
  if (!parts || !KEYSET_ID.test(position.id)) throw new TypeError(`not a keyset position: ${position.at} ${position.id}`);
  return `k${parts.slice(1, 7).join('')}${parts[7] ?? ''}.${position.id}`;
}

/**
 * Reads a cursor made by {@link encodeKeysetCursor}: `null` for no cursor (the first page),
 * `undefined` when it is not one.
 */
export function decodeKeysetCursor(cursor: string | null | undefined): KeysetPosition | null | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const parts = KEYSET_CURSOR.exec(cursor);
  if (!parts) return undefined;
  const [, d = '', fraction = '', id = ''] = parts;
  const at = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}${fraction ? `.${fraction}` : ''}Z`;
  if (Number.isNaN(Date.parse(at))) return undefined;
  return { at, id };
}
