import { SaysoError, type Comment, type PostRef } from '@sayso/core';
import type { Queryable } from './database.js';
import { ancestorsSql, subtreeSql } from './people.js';
import { iso, isoOrNull, type Slice } from './rows.js';

interface CommentRow {
  id: string;
  post_id: string;
  body: string;
  author_id: string;
  author_name: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  team: boolean;
  internal: boolean;
  /** The merged idea it was written under, when listed under another; `null` otherwise. */
  merged_from?: PostRef | string | null;
}

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  postId: row.post_id,
  body: row.body,
  author: { id: row.author_id, name: row.author_name },
  createdAt: iso(row.created_at),
  editedAt: isoOrNull(row.edited_at),
  mergedFrom: typeof row.merged_from === 'string' ? (JSON.parse(row.merged_from) as PostRef) : (row.merged_from ?? null),
  ...(row.team ? { team: true as const } : {}),
  ...(row.internal ? { internal: true as const } : {}),
});

const COMMENT_COLUMNS = 'c.id, c.post_id, c.body, c.author_id, u.name AS author_name, c.created_at, c.edited_at, c.team, c.internal';

/**
 * One page of a post's comments, oldest first (the post is known to exist): its own and those of
 * every idea merged into it at any depth, each of those with the idea it came from. The team's
 * internal notes only with `internal` (for admins).
 */
export async function listComments(db: Queryable, params: { postId: string; offset: number; limit: number; internal: boolean }): Promise<Slice<Comment>> {
  const rows = await db.query<CommentRow>(
    `SELECT ${COMMENT_COLUMNS},
            CASE WHEN c.post_id <> $1 THEN json_build_object('id', src.id, 'title', src.title) END AS merged_from
       FROM comments c
       JOIN users u ON u.id = c.author_id
       JOIN posts src ON src.id = c.post_id
      WHERE c.post_id IN ${subtreeSql('$1')} AND (NOT c.internal OR $4)
      ORDER BY c.created_at, c.id
      LIMIT $2 OFFSET $3`,
    [params.postId, params.limit + 1, params.offset, params.internal],
  );
  return { items: rows.slice(0, params.limit).map(toComment), hasMore: rows.length > params.limit };
}

/** Inserts a comment (already validated and trimmed) and counts it on its post, unless it is an internal note. */
export async function insertComment(
  tx: Queryable,
  params: { postId: string; authorId: string; body: string; team?: boolean; internal?: boolean },
): Promise<Comment> {
  const [row] = await tx.query<CommentRow>(
    `WITH added AS (
       INSERT INTO comments (post_id, author_id, body, team, internal) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, post_id, body, author_id, created_at, edited_at, team, internal
     ), counted AS (
       UPDATE posts SET comment_count = comment_count + 1 WHERE id IN (SELECT post_id FROM added WHERE NOT internal)
     )
     SELECT added.*, u.name AS author_name FROM added JOIN users u ON u.id = added.author_id`,
    [params.postId, params.authorId, params.body, params.team ?? false, params.internal ?? false],
  );
  return toComment(row!);
}

/** A comment and its author's private key, locked for the rest of the transaction. */
export async function lockComment(tx: Queryable, commentId: string): Promise<{ comment: Comment; authorKey: string | null }> {
  const [row] = await tx.query<CommentRow & { author_key: string | null }>(
    `SELECT ${COMMENT_COLUMNS}, u.key AS author_key
       FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.id = $1 FOR UPDATE OF c`,
    [commentId],
  );
  if (!row) throw new SaysoError('not_found', `There is no comment "${commentId}".`);
  return { comment: toComment(row), authorKey: row.author_key };
}

/** A comment's new body; returns when it was edited. */
export async function updateCommentBody(tx: Queryable, commentId: string, body: string): Promise<string> {
  const [edited] = await tx.query<{ edited_at: Date | string }>(
    'UPDATE comments SET body = $2, edited_at = now() WHERE id = $1 RETURNING edited_at',
    [commentId, body],
  );
  return iso(edited!.edited_at);
}

/**
 * Deletes a comment and takes it off the count of its post and of every idea that post is merged
 * into (their counts include it), only if the row was really deleted; returns the comment's own
 * post's count afterwards.
 */
export async function deleteCommentRow(tx: Queryable, commentId: string, postId: string): Promise<number> {
  const rows = await tx.query<{ id: string; n: number }>(
    `WITH deleted AS (DELETE FROM comments WHERE id = $1 RETURNING post_id, internal)
     UPDATE posts SET comment_count = comment_count - (SELECT count(*) FROM deleted WHERE NOT internal)::int
      WHERE id IN ${ancestorsSql('$2')} RETURNING id, comment_count AS n`,
    [commentId, postId],
  );
  return Number(rows.find((row) => row.id === postId)!.n);
}

/** Everyone in an idea's conversation, as users rows: its author and the authors of its comments but one. */
export async function conversationOf(db: Queryable, postId: string, exceptComment: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT author_id AS user_id FROM posts WHERE id = $1
     UNION SELECT author_id FROM comments WHERE post_id = $1 AND id <> $2 AND NOT internal`,
    [postId, exceptComment],
  );
  return rows.map((row) => row.user_id);
}
