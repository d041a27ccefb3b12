import { SaysoError, type Tag } from '@sayso/core';
import type { Queryable } from './database.js';
import { noSuchPost } from './posts.js';

// Tags. Slugs come from core's tagSlug(), so the memory adapter derives the same ones.

export const noSuchTag = (board: string, tag: string) =>
  new SaysoError('not_found', `There is no tag "${tag}" on the board "${board}".`);

const tagConflict = (board: string, name: string) =>
  new SaysoError('conflict', `The board "${board}" already has a tag like "${name}".`);

/** PostgreSQL's unique_violation: the UNIQUE constraints on tags decide clashes, race-free. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505';

/** Runs a write whose unique violation means another tag of the board has the name. */
async function unlessTaken<T>(board: string, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw tagConflict(board, name);
    throw error;
  }
}

/** A tag with its row id, for events. */
export type StoredTag = Tag & { id: string };

/** A board's tags, ordered by name (the board is known to exist). */
export function listTags(db: Queryable, boardId: string): Promise<Tag[]> {
  // Code-point order (COLLATE "C") whatever the database's locale: the same order everywhere,
  // and the one the memory adapter uses. Post.tags are ordered the same way.
  return db.query<Tag>('SELECT slug, name FROM tags WHERE board_id = $1 ORDER BY lower(name) COLLATE "C", slug COLLATE "C"', [
    boardId,
  ]);
}

/** Inserts a tag; `conflict` when its slug or name is taken on the board. */
export function insertTag(tx: Queryable, params: { board: string; boardId: string; slug: string; name: string }): Promise<StoredTag> {
  return unlessTaken(params.board, params.name, async () => {
    const [tag] = await tx.query<StoredTag>('INSERT INTO tags (board_id, slug, name) VALUES ($1, $2, $3) RETURNING id, slug, name', [
      params.boardId,
      params.slug,
      params.name,
    ]);
    return tag!;
  });
}

/** Renames a tag, keeping its slug; returns it with its former name. `conflict` when another tag has the name. */
export function updateTagName(
  tx: Queryable,
  params: { board: string; boardId: string; tag: string; name: string },
): Promise<StoredTag & { previousName: string }> {
  return unlessTaken(params.board, params.name, async () => {
    const [tag] = await tx.query<StoredTag & { previousName: string }>(
      `UPDATE tags t SET name = $3 FROM tags old
        WHERE t.board_id = $1 AND t.slug = $2 AND old.id = t.id
        RETURNING t.id, t.slug, t.name, old.name AS "previousName"`,
      [params.boardId, params.tag, params.name],
    );
    if (!tag) throw noSuchTag(params.board, params.tag);
    return tag;
  });
}

/** Deletes a tag; post_tags rows go with it (ON DELETE CASCADE). */
export async function deleteTagRow(tx: Queryable, params: { board: string; boardId: string; tag: string }): Promise<StoredTag> {
  const [tag] = await tx.query<StoredTag>('DELETE FROM tags WHERE board_id = $1 AND slug = $2 RETURNING id, slug, name', [
    params.boardId,
    params.tag,
  ]);
  if (!tag) throw noSuchTag(params.board, params.tag);
  return tag;
}

/** The id of a tag of the post's own board; `not_found` for an unknown post or tag. */
export async function tagOfPostBoard(db: Queryable, postId: string, tag: string): Promise<string> {
  const [found] = await db.query<{ tag_id: string | null }>(
    `SELECT t.id AS tag_id FROM posts p LEFT JOIN tags t ON t.board_id = p.board_id AND t.slug = $2 WHERE p.id = $1`,
    [postId, tag],
  );
  if (!found) throw noSuchPost(postId);
  if (!found.tag_id) throw new SaysoError('not_found', `The post's board has no tag "${tag}".`);
  return found.tag_id;
}

/** Puts a tag on a post or takes it off; true when that changed anything (the primary key decides). */
export async function setPostTagRow(tx: Queryable, params: { postId: string; tagId: string; tagged: boolean }): Promise<boolean> {
  const rows = params.tagged
    ? await tx.query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [params.postId, params.tagId])
    : await tx.query('DELETE FROM post_tags WHERE post_id = $1 AND tag_id = $2 RETURNING 1', [params.postId, params.tagId]);
  return rows.length > 0;
}
