import {
  DEFAULT_STATUSES,
  SaysoError,
  type Board,
  type Comment,
  type Post,
  type PostSort,
  type Status,
  type StatusKind,
  type VoteResult,
} from '@sayso/core';
import type { Database, Queryable } from './database.js';

// Vote counts are computed on read, `count(*)` over the votes of a post, never kept in a
// counter column. The UNIQUE (post_id, user_id) constraint makes every row one distinct voter,
// so the count is exact under any concurrency with no extra locking, and there is no second
// copy that could drift. The (post_id, user_id) index makes it an index-only count, cheap at
// the scale of a feedback board; a cached counter can come later if profiles ask for it.

/** A board as created by {@link createBoard}; `statuses` default to the core workflow. */
export interface NewBoard {
  slug: string;
  name?: string;
  description?: string;
  statuses?: readonly Status[];
}

/** One page of rows plus whether more follow. */
export interface Slice<T> {
  items: T[];
  hasMore: boolean;
}

interface BoardRow {
  id: string;
  slug: string;
  name: string;
  description: string;
}

interface StatusRow {
  board_id: string;
  key: string;
  name: string;
  kind: StatusKind;
  position: number;
}

interface PostRow {
  id: string;
  board: string;
  title: string;
  body: string;
  status: string;
  vote_count: number;
  comment_count: number;
  voted: boolean;
  author_id: string;
  author_name: string | null;
  created_at: Date | string;
}

interface CommentRow {
  id: string;
  post_id: string;
  body: string;
  author_id: string;
  author_name: string | null;
  created_at: Date | string;
}

/** What a board slug may look like (the same CHECK guards the column). */
export const BOARD_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const iso = (value: Date | string) => new Date(value).toISOString();

const toPost = (row: PostRow): Post => ({
  id: row.id,
  board: row.board,
  title: row.title,
  body: row.body,
  status: row.status,
  voteCount: Number(row.vote_count),
  commentCount: Number(row.comment_count),
  voted: row.voted === true,
  author: { id: row.author_id, name: row.author_name },
  createdAt: iso(row.created_at),
});

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  postId: row.post_id,
  body: row.body,
  author: { id: row.author_id, name: row.author_name },
  createdAt: iso(row.created_at),
});

const toStatus = (row: StatusRow): Status => ({
  id: row.key,
  name: row.name,
  kind: row.kind,
  position: Number(row.position),
});

/**
 * Every column of a {@link Post}, as seen by the visitor whose private key is parameter
 * `$viewer` (NULL: nobody, so `voted` is false).
 */
const postSelect = (viewer: string) => `
  SELECT p.id, b.slug AS board, p.title, p.body, p.status_key AS status,
         (SELECT count(*) FROM votes v WHERE v.post_id = p.id)::int AS vote_count,
         (SELECT count(*) FROM comments c WHERE c.post_id = p.id)::int AS comment_count,
         EXISTS (
           SELECT 1 FROM votes v JOIN users viewer ON viewer.id = v.user_id
           WHERE v.post_id = p.id AND viewer.anonymous_key = ${viewer}
         ) AS voted,
         p.author_id, author.name AS author_name, p.created_at
    FROM posts p
    JOIN boards b ON b.id = p.board_id
    JOIN users author ON author.id = p.author_id`;

// Ties always end on the id, so every order is total and pages never repeat or skip a post.
// `trending` is core's trendingScore() in SQL: votes / (age in hours + 2) ^ 1.5.
const ORDER_BY: Record<PostSort, string> = {
  top: 'vote_count DESC, created_at DESC, id DESC',
  new: 'created_at DESC, id DESC',
  trending: `vote_count::float8 / power(greatest(0, extract(epoch FROM now() - created_at)::float8 / 3600) + 2, 1.5) DESC,
             created_at DESC, id DESC`,
};

/** Every board with its workflow, oldest board first. */
export async function listBoards(db: Queryable): Promise<Board[]> {
  const boards = await db.query<BoardRow>(
    'SELECT id, slug, name, description FROM boards ORDER BY created_at, slug',
  );
  const statuses = await db.query<StatusRow>(
    'SELECT board_id, key, name, kind, position FROM statuses ORDER BY board_id, position, key',
  );
  return boards.map((board) => ({
    slug: board.slug,
    name: board.name,
    description: board.description,
    statuses: statuses.filter((status) => status.board_id === board.id).map(toStatus),
  }));
}

/** Creates a board with the default workflow (or the given one); for seeds, tests and admins. */
export function createBoard(db: Database, board: NewBoard): Promise<Board> {
  return db.transaction((tx) => insertBoard(tx, board));
}

/** {@link createBoard} inside a transaction the caller already holds. */
export async function insertBoard(tx: Queryable, board: NewBoard): Promise<Board> {
  if (!BOARD_SLUG.test(board.slug)) {
    throw new SaysoError('invalid_input', 'A board slug is 1 to 63 lowercase letters, digits or "-".', {
      field: 'slug',
    });
  }
  const statuses = (board.statuses ?? DEFAULT_STATUSES).map((status) => ({ ...status }));
  const [row] = await tx.query<BoardRow>(
    `INSERT INTO boards (slug, name, description) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING
     RETURNING id, slug, name, description`,
    [board.slug, board.name ?? board.slug, board.description ?? ''],
  );
  if (!row) throw new SaysoError('conflict', `There already is a board "${board.slug}".`);
  for (const status of statuses) {
    await tx.query('INSERT INTO statuses (board_id, key, name, kind, position) VALUES ($1, $2, $3, $4, $5)', [
      row.id,
      status.id,
      status.name,
      status.kind,
      status.position,
    ]);
  }
  return { slug: row.slug, name: row.name, description: row.description, statuses };
}

/** The users row of a visitor's private key, created on first use; returns its id. */
export async function ensureUser(db: Queryable, voterKey: string): Promise<string> {
  // Read first: after a visitor's first write this is the only query, and no row is rewritten.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await db.query<{ id: string }>('SELECT id FROM users WHERE anonymous_key = $1', [voterKey]);
    if (found) return found.id;
    const [created] = await db.query<{ id: string }>(
      'INSERT INTO users (anonymous_key) VALUES ($1) ON CONFLICT (anonymous_key) DO NOTHING RETURNING id',
      [voterKey],
    );
    if (created) return created.id;
    // Another request created the same visitor between our two queries: read it back.
  }
  throw new Error(`could not create the user of a visitor key`);
}

async function boardIdOf(db: Queryable, slug: string): Promise<string> {
  const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [slug]);
  if (!board) throw new SaysoError('not_found', `There is no board "${slug}".`);
  return board.id;
}

async function assertPost(db: Queryable, postId: string): Promise<void> {
  const [post] = await db.query('SELECT 1 FROM posts WHERE id = $1', [postId]);
  if (!post) throw new SaysoError('not_found', `There is no post "${postId}".`);
}

/** One page of a board's posts in the given order; `not_found` for an unknown board. */
export async function listPosts(
  db: Queryable,
  params: { board: string; sort: PostSort; offset: number; limit: number; viewer: string | null },
): Promise<Slice<Post>> {
  const boardId = await boardIdOf(db, params.board);
  const rows = await db.query<PostRow>(
    `SELECT * FROM (${postSelect('$2')} WHERE p.board_id = $1) AS listed
      ORDER BY ${ORDER_BY[params.sort]}
      LIMIT $3 OFFSET $4`,
    [boardId, params.viewer, params.limit + 1, params.offset],
  );
  return { items: rows.slice(0, params.limit).map(toPost), hasMore: rows.length > params.limit };
}

/** A post as the given visitor sees it; `undefined` when there is none. */
export async function findPost(db: Queryable, postId: string, viewer: string | null): Promise<Post | undefined> {
  const [row] = await db.query<PostRow>(`${postSelect('$2')} WHERE p.id = $1`, [postId, viewer]);
  return row && toPost(row);
}

/**
 * Submits an idea for a visitor: it lands in the board's first `open` status with the author's
 * vote counted, and its creation is recorded in post_events, all in one transaction.
 */
export async function createPost(
  db: Database,
  params: { board: string; title: string; body: string; voter: string },
): Promise<Post> {
  const postId = await db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const [open] = await tx.query<{ key: string }>(
      `SELECT key FROM statuses WHERE board_id = $1 AND kind = 'open' ORDER BY position, key LIMIT 1`,
      [boardId],
    );
    if (!open) throw new SaysoError('conflict', `The board "${params.board}" takes no new ideas.`);
    const authorId = await ensureUser(tx, params.voter);
    const [post] = await tx.query<{ id: string }>(
      `INSERT INTO posts (board_id, title, body, status_key, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [boardId, params.title, params.body, open.key, authorId],
    );
    const id = post!.id;
    await tx.query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2)', [id, authorId]);
    await tx.query(`INSERT INTO post_events (post_id, kind, to_status, actor_id) VALUES ($1, 'created', $2, $3)`, [
      id,
      open.key,
      authorId,
    ]);
    return id;
  });
  return (await findPost(db, postId, params.voter))!;
}

/**
 * Records or takes back a visitor's vote; idempotent both ways. The unique constraint decides:
 * a repeated vote inserts nothing, a repeated unvote deletes nothing.
 */
export async function setVote(
  db: Database,
  params: { postId: string; voter: string; voted: boolean },
): Promise<VoteResult> {
  await assertPost(db, params.postId);
  if (params.voted) {
    const userId = await ensureUser(db, params.voter);
    await db.query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2) ON CONFLICT (post_id, user_id) DO NOTHING', [
      params.postId,
      userId,
    ]);
  } else {
    // Taking back a vote one never gave needs no users row: nothing is created.
    await db.query(
      'DELETE FROM votes WHERE post_id = $1 AND user_id = (SELECT id FROM users WHERE anonymous_key = $2)',
      [params.postId, params.voter],
    );
  }
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [
    params.postId,
  ]);
  return { postId: params.postId, voted: params.voted, voteCount: Number(count!.n) };
}

/** One page of a post's comments, oldest first; `not_found` for an unknown post. */
export async function listComments(
  db: Queryable,
  params: { postId: string; offset: number; limit: number },
): Promise<Slice<Comment>> {
  await assertPost(db, params.postId);
  const rows = await db.query<CommentRow>(
    `SELECT c.id, c.post_id, c.body, c.author_id, u.name AS author_name, c.created_at
       FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.post_id = $1
      ORDER BY c.created_at, c.id
      LIMIT $2 OFFSET $3`,
    [params.postId, params.limit + 1, params.offset],
  );
  return { items: rows.slice(0, params.limit).map(toComment), hasMore: rows.length > params.limit };
}

/** Adds a visitor's comment (already validated and trimmed) under a post. */
export async function addComment(
  db: Database,
  params: { postId: string; body: string; voter: string },
): Promise<Comment> {
  return db.transaction(async (tx) => {
    await assertPost(tx, params.postId);
    const authorId = await ensureUser(tx, params.voter);
    const [row] = await tx.query<CommentRow>(
      `WITH added AS (
         INSERT INTO comments (post_id, author_id, body) VALUES ($1, $2, $3)
         RETURNING id, post_id, body, author_id, created_at
       )
       SELECT added.*, u.name AS author_name FROM added JOIN users u ON u.id = added.author_id`,
      [params.postId, authorId, params.body],
    );
    return toComment(row!);
  });
}
