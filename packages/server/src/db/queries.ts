import {
  DEFAULT_STATUSES,
  SaysoError,
  tagSlug,
  type AnonymousPolicy,
  type Board,
  type Comment,
  type CommentDeletion,
  type KeysetPosition,
  type Notification,
  type NotificationKind,
  type NotificationSelection,
  type Post,
  type PostListSort,
  type Status,
  type StatusKind,
  type Tag,
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
  /** Default `votes-and-posts`. */
  anonymous?: AnonymousPolicy;
  statuses?: readonly Status[];
}

/**
 * Who is asking, as the queries need to know: the private key of their users row (`visitor:…`,
 * `user:…` or `admin:…`, see asker.ts) and whether they may triage.
 */
export interface Actor {
  key: string;
  admin: boolean;
}

/** One page of rows plus whether more follow. */
export interface Slice<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * One keyset page from rows fetched with `LIMIT limit + 1` (the extra row only says that more
 * follow), and the position of its last row, where the next page starts.
 */
function keysetSlice<Row extends { id: string }, T>(
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

interface BoardRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  anonymous_policy: AnonymousPolicy;
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
  tags: Tag[] | string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  shipped_at: Date | string | null;
  /** created_at in UTC with microseconds, for keyset cursors (a JS Date keeps only ms). */
  cursor_at: string;
  /** The same for COALESCE(shipped_at, created_at), the `shipped` order. */
  shipped_cursor_at: string;
}

interface CommentRow {
  id: string;
  post_id: string;
  body: string;
  author_id: string;
  author_name: string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
}

/** What a board slug may look like (the same CHECK guards the column). */
export const BOARD_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

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
  tags: (typeof row.tags === 'string' ? (JSON.parse(row.tags) as Tag[]) : row.tags) ?? [],
  createdAt: iso(row.created_at),
  editedAt: isoOrNull(row.edited_at),
  shippedAt: isoOrNull(row.shipped_at),
});

const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  postId: row.post_id,
  body: row.body,
  author: { id: row.author_id, name: row.author_name },
  createdAt: iso(row.created_at),
  editedAt: isoOrNull(row.edited_at),
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
           WHERE v.post_id = p.id AND viewer.key = ${viewer}
         ) AS voted,
         p.author_id, author.name AS author_name,
         COALESCE((
           SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY lower(t.name) COLLATE "C", t.slug COLLATE "C")
             FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id = p.id
         ), '[]'::json) AS tags,
         p.created_at, p.edited_at, p.shipped_at,
         COALESCE(p.shipped_at, p.created_at) AS shipped_or_created_at,
         to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         to_char(COALESCE(p.shipped_at, p.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS shipped_cursor_at
    FROM posts p
    JOIN boards b ON b.id = p.board_id
    JOIN users author ON author.id = p.author_id`;

// Ties always end on the id, so every order is total and pages never repeat or skip a post.
// `trending` is core's trendingScore() in SQL: votes / (age in hours + 2) ^ 1.5. `shipped` is
// the changelog's order: ship date, creation for ideas never shipped.
const ORDER_BY: Record<PostListSort, string> = {
  shipped: 'shipped_or_created_at DESC, id DESC',
  top: 'vote_count DESC, created_at DESC, id DESC',
  new: 'created_at DESC, id DESC',
  trending: `vote_count::float8 / power(greatest(0, extract(epoch FROM now() - created_at)::float8 / 3600) + 2, 1.5) DESC,
             created_at DESC, id DESC`,
};

/** Every board with its workflow, oldest board first. */
export async function listBoards(db: Queryable): Promise<Board[]> {
  const boards = await db.query<BoardRow>(
    'SELECT id, slug, name, description, anonymous_policy FROM boards ORDER BY created_at, slug',
  );
  const statuses = await db.query<StatusRow>(
    'SELECT board_id, key, name, kind, position FROM statuses ORDER BY board_id, position, key',
  );
  return boards.map((board) => toBoard(board, statuses.filter((status) => status.board_id === board.id)));
}

const toBoard = (board: BoardRow, statuses: StatusRow[]): Board => ({
  slug: board.slug,
  name: board.name,
  description: board.description,
  anonymous: board.anonymous_policy,
  statuses: statuses.map(toStatus),
});

/** One board with its workflow; `not_found` for an unknown slug. */
export async function findBoard(db: Queryable, slug: string): Promise<Board> {
  const [board] = await db.query<BoardRow>(
    'SELECT id, slug, name, description, anonymous_policy FROM boards WHERE slug = $1',
    [slug],
  );
  if (!board) throw new SaysoError('not_found', `There is no board "${slug}".`);
  const statuses = await db.query<StatusRow>(
    'SELECT board_id, key, name, kind, position FROM statuses WHERE board_id = $1 ORDER BY position, key',
    [board.id],
  );
  return toBoard(board, statuses);
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
    `INSERT INTO boards (slug, name, description, anonymous_policy) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING
     RETURNING id, slug, name, description, anonymous_policy`,
    [board.slug, board.name ?? board.slug, board.description ?? '', board.anonymous ?? 'votes-and-posts'],
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
  return { slug: row.slug, name: row.name, description: row.description, anonymous: row.anonymous_policy, statuses };
}

/**
 * Stores what a host's signed token says about its user (`user:<sub>`): name, email and traits,
 * from the verified claims only. The row is rewritten only when a claim changed, so the
 * requests of a signed-in user do not each write.
 */
export async function upsertIdentifiedUser(
  db: Queryable,
  user: { key: string; name: string | null; email: string | null; traits: Readonly<Record<string, unknown>> },
): Promise<void> {
  await db.query(
    `INSERT INTO users AS u (key, name, email, traits, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, traits = EXCLUDED.traits, updated_at = now()
     WHERE u.name IS DISTINCT FROM EXCLUDED.name OR u.email IS DISTINCT FROM EXCLUDED.email
        OR u.traits IS DISTINCT FROM EXCLUDED.traits`,
    [user.key, user.name, user.email, JSON.stringify(user.traits)],
  );
}

/**
 * A secret of this deployment by name, created on first use: the first process inserts 32
 * random bytes and every process, now or later, reads the same row.
 */
export async function serverSecret(db: Queryable, name: string, fresh: Uint8Array): Promise<Uint8Array> {
  await db.query('INSERT INTO server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, fresh]);
  const [row] = await db.query<{ secret: Uint8Array }>('SELECT secret FROM server_secrets WHERE name = $1', [name]);
  if (!row) throw new Error(`the server secret "${name}" could not be stored`);
  return new Uint8Array(row.secret);
}

/** What anonymous visitors may do on a board; `undefined` for an unknown board. */
export async function boardPolicy(db: Queryable, slug: string): Promise<AnonymousPolicy | undefined> {
  const [row] = await db.query<{ p: AnonymousPolicy }>('SELECT anonymous_policy AS p FROM boards WHERE slug = $1', [slug]);
  return row?.p;
}

/** The policy of the board a post is on; `undefined` for an unknown post. */
export async function postBoardPolicy(db: Queryable, postId: string): Promise<AnonymousPolicy | undefined> {
  const [row] = await db.query<{ p: AnonymousPolicy }>(
    'SELECT b.anonymous_policy AS p FROM posts p JOIN boards b ON b.id = p.board_id WHERE p.id = $1',
    [postId],
  );
  return row?.p;
}

/** Changes what anonymous visitors may do on a board; `not_found` for an unknown board. */
export async function setBoardPolicy(db: Queryable, slug: string, policy: AnonymousPolicy): Promise<Board> {
  const [row] = await db.query('UPDATE boards SET anonymous_policy = $2 WHERE slug = $1 RETURNING id', [slug, policy]);
  if (!row) throw new SaysoError('not_found', `There is no board "${slug}".`);
  return findBoard(db, slug);
}

/** The users row of a private key, created on first use; returns its id. */
export async function ensureUser(db: Queryable, voterKey: string): Promise<string> {
  // Read first: after a visitor's first write this is the only query, and no row is rewritten.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [found] = await db.query<{ id: string }>('SELECT id FROM users WHERE key = $1', [voterKey]);
    if (found) return found.id;
    const [created] = await db.query<{ id: string }>(
      'INSERT INTO users (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING id',
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

/** What a page of posts is narrowed to; every filter given must match. */
export interface PostListFilters {
  /** A status key; a key the board does not have matches nothing. */
  status?: string;
  /** A tag slug; a slug the board does not have matches nothing. */
  tag?: string;
  /** PostgreSQL full text over title and body (`websearch_to_tsquery`, English). */
  q?: string;
}

/**
 * One page of a board's posts in the given order, narrowed by the filters; `not_found` for an
 * unknown board.
 *
 * `new` and `shipped` page by keyset (`after`: the last post's creation (or ship) time and id),
 * so posts created between two pages never shift the walk: the next page starts strictly after
 * the last post seen. `top` and `trending` page by `offset`: their order changes whenever anyone votes, so no
 * cursor could pin a position in them anyway, and an offset is honest about that. `lastPosition`
 * is the keyset position of the page's last post, for the next cursor.
 */
export async function listPosts(
  db: Queryable,
  params: {
    board: string;
    sort: PostListSort;
    offset?: number;
    after?: KeysetPosition | null;
    limit: number;
    viewer: string | null;
  } & PostListFilters,
): Promise<Slice<Post> & { lastPosition?: KeysetPosition }> {
  const boardId = await boardIdOf(db, params.board);
  const values: unknown[] = [boardId, params.viewer];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['p.board_id = $1'];
  if (params.status !== undefined) where.push(`p.status_key = ${param(params.status)}`);
  if (params.tag !== undefined) {
    where.push(
      `EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.slug = ${param(params.tag)})`,
    );
  }
  if (params.q !== undefined) {
    // The same expression as the GIN index posts_search_idx, so the index serves it.
    where.push(`to_tsvector('english', p.title || ' ' || p.body) @@ websearch_to_tsquery('english', ${param(params.q)})`);
  }
  const keyset = params.sort === 'new' || params.sort === 'shipped';
  if (keyset && params.after) {
    const at = params.sort === 'new' ? 'p.created_at' : 'COALESCE(p.shipped_at, p.created_at)';
    where.push(`(${at}, p.id) < (${param(params.after.at)}::timestamptz, ${param(params.after.id)}::uuid)`);
  }
  const offset = keyset ? 0 : (params.offset ?? 0);
  const rows = await db.query<PostRow>(
    `SELECT * FROM (${postSelect('$2')} WHERE ${where.join(' AND ')}) AS listed
      ORDER BY ${ORDER_BY[params.sort]}
      LIMIT ${param(params.limit + 1)} OFFSET ${param(offset)}`,
    values,
  );
  return keysetSlice(rows, params.limit, toPost, (row) => (params.sort === 'shipped' ? row.shipped_cursor_at : row.cursor_at));
}

/** A post as the given visitor sees it; `undefined` when there is none. */
export async function findPost(db: Queryable, postId: string, viewer: string | null): Promise<Post | undefined> {
  const [row] = await db.query<PostRow>(`${postSelect('$2')} WHERE p.id = $1`, [postId, viewer]);
  return row && toPost(row);
}

/** Where a board's post texts stand: what a similarity index of the board depends on. */
export interface BoardTextVersion {
  boardId: string;
  posts: number;
  /** Newest creation and newest edit (PostgreSQL timestamps as text); `null` when none. */
  newestCreated: string | null;
  newestEdited: string | null;
  /** Posts in a status of kind `duplicate`: they change status, not text. */
  closedAsDuplicate: string[];
}

/**
 * Where a board's post texts stand, read cheaply on every similar-ideas lookup: the count, newest
 * creation and newest edit change whenever a post is added, removed or edited. `not_found` for an
 * unknown board.
 */
export async function boardTextVersion(db: Queryable, board: string): Promise<BoardTextVersion> {
  const [row] = await db.query<{ id: string; posts: number; created: string | null; edited: string | null; duplicates: string[] | null }>(
    `SELECT b.id, count(p.id)::int AS posts, max(p.created_at)::text AS created, max(p.edited_at)::text AS edited,
            array_agg(p.id::text) FILTER (WHERE s.kind = 'duplicate') AS duplicates
       FROM boards b
       LEFT JOIN posts p ON p.board_id = b.id
       LEFT JOIN statuses s ON s.board_id = p.board_id AND s.key = p.status_key
      WHERE b.slug = $1
      GROUP BY b.id`,
    [board],
  );
  if (!row) throw new SaysoError('not_found', `There is no board "${board}".`);
  return {
    boardId: row.id,
    posts: row.posts,
    newestCreated: row.created,
    newestEdited: row.edited,
    closedAsDuplicate: row.duplicates ?? [],
  };
}

/**
 * The text of a board's posts, for its similarity index: all of them, or with `since` only those
 * created or edited since then. The window reaches 5 seconds further back, so a post whose
 * transaction began before an already seen one but committed after it is not missed.
 */
export function boardPostTexts(
  db: Queryable,
  boardId: string,
  since?: Pick<BoardTextVersion, 'newestCreated' | 'newestEdited'>,
): Promise<{ id: string; title: string; body: string }[]> {
  if (!since) return db.query('SELECT id::text AS id, title, body FROM posts WHERE board_id = $1', [boardId]);
  return db.query(
    `SELECT id::text AS id, title, body FROM posts
      WHERE board_id = $1
        AND (created_at > $2::timestamptz - interval '5 seconds' OR edited_at > $3::timestamptz - interval '5 seconds')`,
    [boardId, since.newestCreated, since.newestEdited],
  );
}

/** Posts by id as the given visitor sees them, in the order of `ids`; unknown ids are skipped. */
export async function findPostsInOrder(db: Queryable, ids: string[], viewer: string | null): Promise<Post[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<PostRow>(`${postSelect('$2')} WHERE p.id = ANY($1::uuid[])`, [ids, viewer]);
  const byId = new Map(rows.map((row) => [row.id, toPost(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
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
      'DELETE FROM votes WHERE post_id = $1 AND user_id = (SELECT id FROM users WHERE key = $2)',
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
    `SELECT c.id, c.post_id, c.body, c.author_id, u.name AS author_name, c.created_at, c.edited_at
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
         RETURNING id, post_id, body, author_id, created_at, edited_at
       )
       SELECT added.*, u.name AS author_name FROM added JOIN users u ON u.id = added.author_id`,
      [params.postId, authorId, params.body],
    );
    // The idea's author and everyone who commented before, once each, never the writer.
    await tx.query(
      `INSERT INTO notifications (recipient_id, kind, post_id, comment_id)
       SELECT r.user_id, 'reply', $1, $2
         FROM (SELECT author_id AS user_id FROM posts WHERE id = $1
               UNION SELECT author_id FROM comments WHERE post_id = $1 AND id <> $2) AS r
        WHERE r.user_id <> $3`,
      [params.postId, row!.id, authorId],
    );
    return toComment(row!);
  });
}

/** The one rule for changing what someone wrote: its author or an admin. */
function assertMayChange(actor: Actor | null, authorKey: string | null, what: string): asserts actor is Actor {
  if (!actor) throw new SaysoError('unauthorized', `Say who you are to change this ${what}.`);
  if (!actor.admin && actor.key !== authorKey) {
    throw new SaysoError('forbidden', `Only its author or an admin may change this ${what}.`);
  }
}

/**
 * Edits an idea in one transaction: `title`/`body` for its author or an admin (sets `edited_at`
 * when the text changed), `status` for admins only (recorded as a `status_changed` event with
 * the old and new status and the actor; setting the current status again records nothing).
 * Returns the post as the actor sees it.
 */
export async function updatePost(
  db: Database,
  params: { postId: string; actor: Actor; title?: string; body?: string; status?: string },
): Promise<Post> {
  const { actor } = params;
  await db.transaction(async (tx) => {
    const [post] = await tx.query<{ board_id: string; status_key: string; title: string; body: string; author_key: string | null }>(
      `SELECT p.board_id, p.status_key, p.title, p.body, u.key AS author_key
         FROM posts p JOIN users u ON u.id = p.author_id
        WHERE p.id = $1 FOR UPDATE OF p`,
      [params.postId],
    );
    if (!post) throw new SaysoError('not_found', `There is no post "${params.postId}".`);
    if (params.status !== undefined && !actor.admin) {
      throw new SaysoError('forbidden', 'Only an admin may change the status of an idea.');
    }
    if (params.title !== undefined || params.body !== undefined) {
      assertMayChange(actor, post.author_key, 'idea');
      const title = params.title ?? post.title;
      const body = params.body ?? post.body;
      if (title !== post.title || body !== post.body) {
        await tx.query('UPDATE posts SET title = $2, body = $3, edited_at = now() WHERE id = $1', [params.postId, title, body]);
      }
    }
    if (params.status !== undefined && params.status !== post.status_key) {
      const [target] = await tx.query<{ kind: StatusKind; was_done: boolean }>(
        `SELECT kind, EXISTS (SELECT 1 FROM statuses WHERE board_id = $1 AND key = $3 AND kind = 'done') AS was_done
           FROM statuses WHERE board_id = $1 AND key = $2`,
        [post.board_id, params.status, post.status_key],
      );
      if (!target) {
        throw new SaysoError('invalid_input', `This board has no status "${params.status}".`, {
          problems: [{ field: 'status', message: `This board has no status "${params.status}".` }],
        });
      }
      const actorId = await ensureUser(tx, actor.key);
      const done = target.kind === 'done';
      const shipping = done && !target.was_done;
      // Into done: shipped now. Between done statuses: shipped when it first got there. Out of
      // done: not shipped (any more).
      await tx.query(
        `UPDATE posts SET status_key = $2, shipped_at = CASE WHEN $3::boolean THEN now() WHEN $4::boolean THEN shipped_at END
          WHERE id = $1`,
        [params.postId, params.status, shipping, done],
      );
      await tx.query(
        `INSERT INTO post_events (post_id, kind, from_status, to_status, actor_id) VALUES ($1, 'status_changed', $2, $3, $4)`,
        [params.postId, post.status_key, params.status, actorId],
      );
      if (shipping) {
        // Everyone who asked for it, voters and author, once each; not the admin who shipped it,
        // nor anyone who has not yet read the news of an earlier shipping.
        await tx.query(
          `INSERT INTO notifications (recipient_id, kind, post_id)
           SELECT r.user_id, 'shipped', $1
             FROM (SELECT user_id FROM votes WHERE post_id = $1
                   UNION SELECT author_id FROM posts WHERE id = $1) AS r
            WHERE r.user_id <> $2
              AND NOT EXISTS (SELECT 1 FROM notifications n
                               WHERE n.recipient_id = r.user_id AND n.post_id = $1 AND n.kind = 'shipped' AND n.read_at IS NULL)`,
          [params.postId, actorId],
        );
      }
    }
  });
  return (await findPost(db, params.postId, actor.key))!;
}

const COMMENT_COLUMNS = 'c.id, c.post_id, c.body, c.author_id, u.name AS author_name, c.created_at, c.edited_at';

/** A comment and its author's private key, locked for the rest of the transaction. */
async function lockComment(tx: Queryable, commentId: string) {
  const [row] = await tx.query<CommentRow & { author_key: string | null }>(
    `SELECT ${COMMENT_COLUMNS}, u.key AS author_key
       FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.id = $1 FOR UPDATE OF c`,
    [commentId],
  );
  if (!row) throw new SaysoError('not_found', `There is no comment "${commentId}".`);
  return row;
}

/** Changes a comment's body (author or admin); sets `edited_at` when the text changed. */
export async function updateComment(
  db: Database,
  params: { commentId: string; body: string; actor: Actor },
): Promise<Comment> {
  return db.transaction(async (tx) => {
    const row = await lockComment(tx, params.commentId);
    assertMayChange(params.actor, row.author_key, 'comment');
    if (row.body === params.body) return toComment(row);
    const [edited] = await tx.query<{ edited_at: Date | string }>(
      'UPDATE comments SET body = $2, edited_at = now() WHERE id = $1 RETURNING edited_at',
      [params.commentId, params.body],
    );
    return toComment({ ...row, body: params.body, edited_at: edited!.edited_at });
  });
}

/**
 * Deletes a comment for good (author or admin). The count comes from the remaining rows, in
 * the same transaction, so it is exact.
 */
export async function deleteComment(
  db: Database,
  params: { commentId: string; actor: Actor },
): Promise<CommentDeletion> {
  return db.transaction(async (tx) => {
    const row = await lockComment(tx, params.commentId);
    assertMayChange(params.actor, row.author_key, 'comment');
    await tx.query('DELETE FROM comments WHERE id = $1', [params.commentId]);
    const [count] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [row.post_id]);
    return { commentId: row.id, postId: row.post_id, commentCount: Number(count!.n) };
  });
}

// Tags. Slugs come from core's tagSlug(), so the memory adapter derives the same ones.

const tagConflict = (board: string, name: string) =>
  new SaysoError('conflict', `The board "${board}" already has a tag like "${name}".`);

/** PostgreSQL's unique_violation: the UNIQUE constraints on tags decide clashes, race-free. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === '23505';

/** A board's tags, ordered by name; `not_found` for an unknown board. */
export async function listTags(db: Queryable, board: string): Promise<Tag[]> {
  const boardId = await boardIdOf(db, board);
  // Code-point order (COLLATE "C") whatever the database's locale: the same order everywhere,
  // and the one the memory adapter uses. Post.tags are ordered the same way.
  return db.query<Tag>('SELECT slug, name FROM tags WHERE board_id = $1 ORDER BY lower(name) COLLATE "C", slug COLLATE "C"', [
    boardId,
  ]);
}

/** Creates a tag (name already validated and trimmed); `conflict` when slug or name is taken. */
export async function createTag(db: Database, params: { board: string; name: string }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    try {
      const [tag] = await tx.query<Tag>(
        'INSERT INTO tags (board_id, slug, name) VALUES ($1, $2, $3) RETURNING slug, name',
        [boardId, tagSlug(params.name), params.name],
      );
      return tag!;
    } catch (error) {
      if (isUniqueViolation(error)) throw tagConflict(params.board, params.name);
      throw error;
    }
  });
}

/** Renames a tag, keeping its slug; `conflict` when another tag has the name. */
export async function renameTag(db: Database, params: { board: string; tag: string; name: string }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    try {
      const [tag] = await tx.query<Tag>(
        'UPDATE tags SET name = $3 WHERE board_id = $1 AND slug = $2 RETURNING slug, name',
        [boardId, params.tag, params.name],
      );
      if (!tag) throw new SaysoError('not_found', `There is no tag "${params.tag}" on the board "${params.board}".`);
      return tag;
    } catch (error) {
      if (isUniqueViolation(error)) throw tagConflict(params.board, params.name);
      throw error;
    }
  });
}

/** Deletes a tag; post_tags rows go with it (ON DELETE CASCADE). Returns the deleted tag. */
export async function deleteTag(db: Database, params: { board: string; tag: string }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const [tag] = await tx.query<Tag>('DELETE FROM tags WHERE board_id = $1 AND slug = $2 RETURNING slug, name', [
      boardId,
      params.tag,
    ]);
    if (!tag) throw new SaysoError('not_found', `There is no tag "${params.tag}" on the board "${params.board}".`);
    return tag;
  });
}

/**
 * Puts a tag of the post's own board on a post, or takes it off; idempotent both ways (the
 * primary key decides). Returns the post as the viewer sees it.
 */
export async function setPostTag(
  db: Database,
  params: { postId: string; tag: string; tagged: boolean; viewer: string | null },
): Promise<Post> {
  const [found] = await db.query<{ tag_id: string | null }>(
    `SELECT t.id AS tag_id FROM posts p LEFT JOIN tags t ON t.board_id = p.board_id AND t.slug = $2 WHERE p.id = $1`,
    [params.postId, params.tag],
  );
  if (!found) throw new SaysoError('not_found', `There is no post "${params.postId}".`);
  if (!found.tag_id) throw new SaysoError('not_found', `The post's board has no tag "${params.tag}".`);
  if (params.tagged) {
    await db.query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [params.postId, found.tag_id]);
  } else {
    await db.query('DELETE FROM post_tags WHERE post_id = $1 AND tag_id = $2', [params.postId, found.tag_id]);
  }
  return (await findPost(db, params.postId, params.viewer))!;
}

// Admin keys. Only a key's SHA-256 is stored; the caller hashes.

/** An admin key as listed: never the key itself. */
export interface AdminKeyInfo {
  id: string;
  label: string;
  createdAt: string;
}

interface AdminKeyRow {
  id: string;
  label: string;
  created_at: Date | string;
}

const toAdminKey = (row: AdminKeyRow): AdminKeyInfo => ({ id: row.id, label: row.label, createdAt: iso(row.created_at) });

/** Stores a new admin key by its hash. */
export async function insertAdminKey(db: Queryable, params: { label: string; keyHash: string }): Promise<AdminKeyInfo> {
  const [row] = await db.query<AdminKeyRow>(
    'INSERT INTO admin_keys (label, key_hash) VALUES ($1, $2) RETURNING id, label, created_at',
    [params.label, params.keyHash],
  );
  return toAdminKey(row!);
}

/** The admin keys not revoked, oldest first. */
export async function listAdminKeys(db: Queryable): Promise<AdminKeyInfo[]> {
  const rows = await db.query<AdminKeyRow>(
    'SELECT id, label, created_at FROM admin_keys WHERE revoked_at IS NULL ORDER BY created_at, id',
  );
  return rows.map(toAdminKey);
}

/** Revokes a key; `not_found` when there is no such key or it already was revoked. */
export async function revokeAdminKey(db: Queryable, id: string): Promise<AdminKeyInfo> {
  const [row] = await db.query<AdminKeyRow>(
    'UPDATE admin_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, label, created_at',
    [id],
  );
  if (!row) throw new SaysoError('not_found', `There is no active admin key "${id}".`);
  return toAdminKey(row);
}

/** The id of the active key with this hash, if any. */
export async function findAdminKeyId(db: Queryable, keyHash: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM admin_keys WHERE key_hash = $1 AND revoked_at IS NULL', [
    keyHash,
  ]);
  return row?.id;
}

// Notifications. They are made by addComment and updatePost, in the event's own transaction.

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  post_id: string;
  post_title: string;
  board: string;
  comment_id: string | null;
  comment_author_id: string | null;
  comment_author_name: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
  /** created_at in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
}

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  post: { id: row.post_id, board: row.board, title: row.post_title },
  comment: row.comment_id ? { id: row.comment_id, author: { id: row.comment_author_id!, name: row.comment_author_name } } : null,
  createdAt: iso(row.created_at),
  readAt: isoOrNull(row.read_at),
});

/** The users row of a private key, without creating one: reading never makes a visitor. */
async function findUserId(db: Queryable, key: string | null): Promise<string | undefined> {
  if (key === null) return undefined;
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE key = $1', [key]);
  return row?.id;
}

async function unreadCountOf(db: Queryable, recipientId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL',
    [recipientId],
  );
  return Number(row!.n);
}

/**
 * One page of the viewer's own notifications, newest first, paged by keyset (`after`: the last
 * one's creation time and id), with their unread count over all pages. A caller without
 * identity, or who never did anything, has none.
 */
export async function listNotifications(
  db: Queryable,
  params: { viewer: string | null; after: KeysetPosition | null; limit: number },
): Promise<Slice<Notification> & { unreadCount: number; lastPosition?: KeysetPosition }> {
  const recipientId = await findUserId(db, params.viewer);
  if (!recipientId) return { items: [], hasMore: false, unreadCount: 0 };
  const values: unknown[] = [recipientId, params.limit + 1];
  const after = params.after
    ? `AND (n.created_at, n.id) < ($${values.push(params.after.at)}::timestamptz, $${values.push(params.after.id)}::uuid)`
    : '';
  const rows = await db.query<NotificationRow>(
    `SELECT n.id, n.kind, n.post_id, p.title AS post_title, b.slug AS board, n.comment_id,
            c.author_id AS comment_author_id, cu.name AS comment_author_name, n.created_at, n.read_at,
            to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
       FROM notifications n
       JOIN posts p ON p.id = n.post_id
       JOIN boards b ON b.id = p.board_id
       LEFT JOIN comments c ON c.id = n.comment_id
       LEFT JOIN users cu ON cu.id = c.author_id
      WHERE n.recipient_id = $1 ${after}
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT $2`,
    values,
  );
  return {
    ...keysetSlice(rows, params.limit, toNotification, (row) => row.cursor_at),
    unreadCount: await unreadCountOf(db, recipientId),
  };
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Marks the viewer's own notifications read, the chosen ones or all, and returns their unread
 * count left. Ids of anyone else's notifications, unknown or malformed ones change nothing.
 */
export async function markNotificationsRead(
  db: Queryable,
  params: { viewer: string | null; selection: NotificationSelection },
): Promise<{ unreadCount: number }> {
  const recipientId = await findUserId(db, params.viewer);
  if (!recipientId) return { unreadCount: 0 };
  if ('all' in params.selection) {
    await db.query('UPDATE notifications SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL', [recipientId]);
  } else {
    const ids = params.selection.ids.filter((id) => UUID_TEXT.test(id));
    if (ids.length > 0) {
      await db.query(
        `UPDATE notifications SET read_at = now()
          WHERE recipient_id = $1 AND read_at IS NULL
            AND id IN (SELECT value::uuid FROM json_array_elements_text($2::json))`,
        [recipientId, JSON.stringify(ids)],
      );
    }
  }
  return { unreadCount: await unreadCountOf(db, recipientId) };
}
