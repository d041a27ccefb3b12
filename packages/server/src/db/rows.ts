import type { KeysetPosition } from '@sayso/core';

// What every query file shares: turning rows into the core types' shapes.

/**
 * A UUID as text: ids from paths and bodies are checked before they reach a `::uuid` cast. No
 * flags, so the OpenAPI document can state it as its pattern.
 */
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const iso = (value: Date | string) => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
/** A json column's value: parsed by the driver, or its text where a driver leaves it so. */
export const jsonOf = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** A timestamp column in UTC with microseconds, for keyset cursors (a JS Date keeps only ms). */
export const cursorText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** One page of rows plus whether more follow. */
export interface Slice<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * One keyset page from rows fetched with `LIMIT limit + 1` (the extra row only says that more
 * follow), and the position of its last row, where the next page starts.
 */
export function keysetSlice<Row extends { id: string }, T>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => T,
  positionAt: (row: Row) => string,
): Slice<T> & { lastPosition?: KeysetPosition } {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(toItem),
    hasMore: rows.length > limit,
    ...(last ? { lastPosition: { at: positionAt(last), id: last.id } } : {}),
  };
}
