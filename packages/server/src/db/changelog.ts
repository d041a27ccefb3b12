import { SaysoError, type ChangelogEntry, type KeysetPosition } from '@sayso/core';
import type { Queryable } from './database.js';
import { cursorText, iso, isoOrNull, keysetSlice, type Slice } from './rows.js';

// Changelog entries (migration 0015) and the ideas they ship. SQL only: services/changelog.ts
// decides who may do what, and what publishing does.

interface EntryRow {
  id: string;
  board: string;
  title: string;
  body: string;
  posts: Array<{ id: string; title: string }> | string;
  published_at: Date | string | null;
  created_at: Date | string;
  /** COALESCE(published_at, created_at) in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
}

const toEntry = (row: EntryRow): ChangelogEntry => ({
  id: row.id,
  board: row.board,
  title: row.title,
  body: row.body,
  posts: typeof row.posts === 'string' ? (JSON.parse(row.posts) as ChangelogEntry['posts']) : row.posts,
  publishedAt: isoOrNull(row.published_at),
  createdAt: iso(row.created_at),
});

/** Entries as read, `c` the entry; its ideas as they are now, in the admin's order. The caller adds WHERE, ORDER and LIMIT. */
const ENTRY_SQL = `
  SELECT c.id, b.slug AS board, c.title, c.body, c.published_at, c.created_at,
         ${cursorText('COALESCE(c.published_at, c.created_at)')} AS cursor_at,
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'title', p.title) ORDER BY cp.position)
                     FROM changelog_entry_posts cp JOIN posts p ON p.id = cp.post_id
                    WHERE cp.entry_id = c.id), '[]'::json) AS posts
    FROM changelog_entries c JOIN boards b ON b.id = c.board_id`;

const noSuchEntry = (id: string) => new SaysoError('not_found', `There is no changelog entry "${id}".`);

/** An entry by id; `not_found` when there is none. */
export async function findEntry(db: Queryable, id: string): Promise<ChangelogEntry> {
  const [row] = await db.query<EntryRow>(`${ENTRY_SQL} WHERE c.id = $1`, [id]);
  if (!row) throw noSuchEntry(id);
  return toEntry(row);
}

/** One page of a board's entries, newest first (by publication; drafts by creation), drafts only when asked. */
export async function listEntries(
  db: Queryable,
  params: { boardId: string; drafts: boolean; after: KeysetPosition | null; limit: number },
): Promise<Slice<ChangelogEntry> & { lastPosition?: KeysetPosition }> {
  const values: unknown[] = [params.boardId, params.drafts, params.limit + 1];
  const after = params.after
    ? `AND (COALESCE(c.published_at, c.created_at), c.id) < ($${values.push(params.after.at)}::timestamptz, $${values.push(params.after.id)}::uuid)`
    : '';
  const rows = await db.query<EntryRow>(
    `${ENTRY_SQL}
      WHERE c.board_id = $1 AND ($2 OR c.published_at IS NOT NULL) ${after}
      ORDER BY COALESCE(c.published_at, c.created_at) DESC, c.id DESC
      LIMIT $3`,
    values,
  );
  return keysetSlice(rows, params.limit, toEntry, (row) => row.cursor_at);
}

/** An entry locked for a change; `not_found` when there is none. */
export async function lockEntry(tx: Queryable, id: string): Promise<{ boardId: string; title: string; published: boolean }> {
  const [row] = await tx.query<{ board_id: string; title: string; published: boolean }>(
    'SELECT board_id, title, published_at IS NOT NULL AS published FROM changelog_entries WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw noSuchEntry(id);
  return { boardId: row.board_id, title: row.title, published: row.published };
}

/**
 * The ideas an admin named for an entry of board `boardId`, as canonicals (a merged idea ships
 * with the idea it was merged into), each once, in the order given; `invalid_input` on `postIds`
 * for an id that is no idea of that board.
 */
export async function canonicalsOnBoard(db: Queryable, boardId: string, postIds: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ asked: string; canonical: string | null }>(
    `SELECT asked.id::text AS asked, COALESCE(p.canonical_id, p.id) AS canonical
       FROM unnest($2::text[]) WITH ORDINALITY AS asked (id, position)
       LEFT JOIN posts p ON p.id::text = lower(asked.id) AND p.board_id = $1
      ORDER BY asked.position`,
    [boardId, postIds],
  );
  const stray = rows.find((row) => row.canonical === null);
  if (stray) {
    const message = `There is no idea "${stray.asked}" on this entry's board.`;
    throw new SaysoError('invalid_input', message, { problems: [{ field: 'postIds', message }] });
  }
  return [...new Set(rows.map((row) => row.canonical!))];
}

/** Writes a draft; returns its id. */
export async function insertEntry(tx: Queryable, entry: { boardId: string; title: string; body: string; createdBy: string }): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO changelog_entries (board_id, title, body, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
    [entry.boardId, entry.title, entry.body, entry.createdBy],
  );
  return row!.id;
}

/** Sets the ideas an entry ships, in this order. */
export async function setEntryPosts(tx: Queryable, entryId: string, postIds: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM changelog_entry_posts WHERE entry_id = $1', [entryId]);
  await tx.query(
    `INSERT INTO changelog_entry_posts (entry_id, post_id, position)
     SELECT $1, id, position FROM unnest($2::uuid[]) WITH ORDINALITY AS linked (id, position)`,
    [entryId, postIds],
  );
}

/** New title and body (either kept when not given). */
export async function updateEntryText(tx: Queryable, entryId: string, text: { title?: string; body?: string }): Promise<void> {
  await tx.query('UPDATE changelog_entries SET title = COALESCE($2, title), body = COALESCE($3, body) WHERE id = $1', [
    entryId,
    text.title ?? null,
    text.body ?? null,
  ]);
}

export async function deleteEntry(tx: Queryable, entryId: string): Promise<void> {
  await tx.query('DELETE FROM changelog_entries WHERE id = $1', [entryId]);
}

/** Marks an entry published now. */
export async function markPublished(tx: Queryable, entryId: string): Promise<void> {
  await tx.query('UPDATE changelog_entries SET published_at = now() WHERE id = $1', [entryId]);
}

/** The canonicals an entry ships as they are now (an idea merged since it was linked ships as the idea it was merged into), each once, in its order. */
export async function shippedBy(db: Queryable, entryId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT COALESCE(p.canonical_id, p.id) AS id FROM changelog_entry_posts cp JOIN posts p ON p.id = cp.post_id
      WHERE cp.entry_id = $1 ORDER BY cp.position`,
    [entryId],
  );
  return [...new Set(rows.map((row) => row.id))];
}
