import { SaysoError, type KeysetPosition, type Post, type PostListSort, type PostRef, type StatusKind, type Tag } from '@sayso/core';
import { boardIdOf, noSuchBoard } from './boards.js';
import { recountBoardPeople } from './people.js';
import type { Queryable } from './database.js';
import { cursorText, iso, isoOrNull, keysetSlice, type Slice } from './rows.js';

// Vote, people and comment counts are columns of the post (migrations 0007, 0008), moved by the
// statements that add or remove a vote, request or comment, in their transaction: a list reads
// them, and `top` walks an index of them, instead of counting every vote row of every post on
// each read. A merged idea (merged_into set) is left out of lists unless they ask for a status of
// kind `duplicate`; its `mergedInto` names its canonical.

interface PostRow {
  id: string;
  board: string;
  title: string;
  body: string;
  status: string;
  vote_count: number;
  people_count: number;
  comment_count: number;
  voted: boolean;
  merged_into: PostRef | string | null;
  author_id: string;
  author_name: string | null;
  tags: Tag[] | string | null;
  created_at: Date | string;
  edited_at: Date | string | null;
  shipped_at: Date | string | null;
  /** created_at in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
  /** The same for COALESCE(shipped_at, created_at), the `shipped` order. */
  shipped_cursor_at: string;
}

const toPost = (row: PostRow): Post => ({
  id: row.id,
  board: row.board,
  title: row.title,
  body: row.body,
  status: row.status,
  voteCount: Number(row.vote_count),
  peopleCount: Number(row.people_count),
  commentCount: Number(row.comment_count),
  voted: row.voted === true,
  author: { id: row.author_id, name: row.author_name },
  tags: (typeof row.tags === 'string' ? (JSON.parse(row.tags) as Tag[]) : row.tags) ?? [],
  createdAt: iso(row.created_at),
  editedAt: isoOrNull(row.edited_at),
  shippedAt: isoOrNull(row.shipped_at),
  mergedInto: typeof row.merged_into === 'string' ? (JSON.parse(row.merged_into) as PostRef) : row.merged_into,
  mergedFrom: null,
});

export const noSuchPost = (postId: string) => new SaysoError('not_found', `There is no post "${postId}".`);

/** Post `p`'s tags as a JSON array of {@link Tag}, by name. */
export const POST_TAGS = `COALESCE((
           SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY lower(t.name) COLLATE "C", t.slug COLLATE "C")
             FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.post_id = p.id
         ), '[]'::json)`;

/**
 * Every column of a {@link Post}, as seen by the visitor whose private key is parameter
 * `$viewer` (NULL: nobody, so `voted` is false): `voted` when they are among the people of the
 * idea's canonical, where their vote counts.
 */
const postSelect = (viewer: string) => `
  SELECT p.id, b.slug AS board, p.title, p.body, p.status_key AS status,
         p.vote_count, p.people_count, p.comment_count,
         EXISTS (
           SELECT 1 FROM post_people pp JOIN users viewer ON viewer.id = pp.user_id
           WHERE pp.post_id = COALESCE(p.canonical_id, p.id) AND pp.refs > 0 AND viewer.key = ${viewer}
         ) AS voted,
         (SELECT json_build_object('id', c.id, 'title', c.title) FROM posts c WHERE c.id = p.canonical_id) AS merged_into,
         p.author_id, author.name AS author_name,
         ${POST_TAGS} AS tags,
         p.created_at, p.edited_at, p.shipped_at,
         COALESCE(p.shipped_at, p.created_at) AS shipped_or_created_at,
         ${cursorText('p.created_at')} AS cursor_at,
         ${cursorText('COALESCE(p.shipped_at, p.created_at)')} AS shipped_cursor_at
    FROM posts p
    JOIN boards b ON b.id = p.board_id
    JOIN users author ON author.id = p.author_id`;

/** Core's trendingScore() in SQL at the instant `now`: people / (age in hours + 2) ^ 1.5. */
const trendingScore = (votes: string, createdAt: string, now: string) =>
  `${votes}::float8 / power(greatest(0, extract(epoch FROM ${now} - ${createdAt})::float8 / 3600) + 2, 1.5)`;

// Ties always end on the id, so every order is total and pages never repeat or skip a post.
// `shipped` is the changelog's order: ship date, creation for ideas never shipped. `trending` is
// scored at one instant for the whole list (see trendingWindow).
const orderBy = (sort: BoardListSort, now: string): string =>
  ({
    shipped: 'shipped_or_created_at DESC, id DESC',
    top: 'people_count DESC, created_at DESC, id DESC',
    new: 'created_at DESC, id DESC',
    trending: `${trendingScore('people_count', 'created_at', now)} DESC, created_at DESC, id DESC`,
  })[sort];

/** Where `trending` picks a page from: see {@link trendingWindow}. */
interface TrendingWindow {
  boardId: string;
  /** The instant the list is scored at, as cursor text. */
  at: string;
  /** The oldest creation time a post of at most `heavy` people can have and still be on the page; `null`: unbounded. */
  since: string | null;
  /** A people count only a few posts exceed: those are candidates whatever their age. */
  heavy: number;
}

/**
 * The instant `trending` is scored at and the few posts that can be among its first `needed` then,
 * so the list scores only those: the posts since `since` and the posts of more than `heavy` people.
 *
 * No index orders a score that moves with the clock, but it is bounded: a post of age a and v
 * people scores v / (a + 2)^1.5. `heavy` is the people count of the board's 10 × `needed`-th
 * post by people (posts_board_top_idx), so fewer posts than that have more. The `needed`-th best
 * score s among the newest 10 × `needed` posts matching the filters and those heavier posts (so
 * that ideas too fresh for votes rarely make s zero) is one the page's last post reaches at least;
 * every other post older than A = (heavy / s)^(2/3) − 2 hours scores less than s (one second more
 * than A keeps float rounding on the safe side, and strictly less, so no tie). So the first
 * `needed` posts since then − A and of the heavier ones are exactly the first `needed` of the
 * whole list. Bounding by the board's highest count instead scored about 2,000 posts at 100,000
 * ideas rather than a few hundred. The window is a statement of its own so the list's statement
 * gets it as values: the planner then sees how few posts it holds and walks
 * posts_board_created_idx, where a subquery's result looked like a third of the board.
 */
async function trendingWindow(db: Queryable, params: { board: string } & PostListFilters, needed: number): Promise<TrendingWindow> {
  const values: unknown[] = [params.board];
  const param = (value: unknown) => `$${values.push(value)}`;
  // The board is looked up here too, a round trip less than boardIdOf first.
  const board = '(SELECT id FROM board)';
  const where = [`p.board_id = ${board}`, ...filterClauses(params, param, board)].join(' AND ');
  const count = param(needed);
  const score = trendingScore('p.people_count', 'p.created_at', 'now()');
  const [window] = await db.query<{ board_id: string | null; at: string; since: string | null; heavy: number }>(
    `WITH board AS MATERIALIZED (SELECT id FROM boards WHERE slug = $1),
     heavy AS MATERIALIZED (
       SELECT COALESCE((SELECT people_count FROM posts WHERE board_id = ${board} AND merged_into IS NULL
                         ORDER BY people_count DESC, created_at DESC, id DESC OFFSET ${count} * 10 - 1 LIMIT 1), 0) AS people
     ), known AS (
       (SELECT p.id, ${score} AS score FROM posts p WHERE ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT ${count} * 10)
       UNION
       SELECT p.id, ${score} FROM posts p WHERE ${where} AND p.people_count > (SELECT people FROM heavy)
     ), bound AS MATERIALIZED ( -- once, not once per use of \`reached\`
       SELECT (SELECT score FROM known ORDER BY score DESC OFFSET ${count} - 1 LIMIT 1) AS reached, (SELECT people FROM heavy) AS heavy
     )
     SELECT ${board} AS board_id, ${cursorText('now()')} AS at, heavy,
            CASE WHEN reached > 0
                 THEN ${cursorText('(now() - make_interval(secs => (power(heavy / reached, 2.0 / 3) - 2) * 3600 + 1))')} END AS since
       FROM bound`,
    values,
  );
  if (!window?.board_id) throw noSuchBoard(params.board);
  return { boardId: window.board_id, at: window.at, since: window.since, heavy: Number(window.heavy) };
}

/** The orders of a board list this module sorts by itself (`priority` needs each board's formula). */
export type BoardListSort = Exclude<PostListSort, 'priority'>;

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
 * The SQL conditions of the filters given, their values added through `param`. Merged ideas are
 * left out, unless the status asked for is of kind `duplicate` (the board is `$1`).
 */
export function filterClauses(filters: PostListFilters, param: (value: unknown) => string, board = '$1'): string[] {
  const clauses: string[] = [];
  if (filters.status === undefined) clauses.push('p.merged_into IS NULL');
  else {
    const status = param(filters.status);
    clauses.push(
      `p.status_key = ${status}`,
      `(p.merged_into IS NULL OR EXISTS (SELECT 1 FROM statuses s WHERE s.board_id = ${board} AND s.key = ${status} AND s.kind = 'duplicate'))`,
    );
  }
  if (filters.tag !== undefined) {
    clauses.push(
      `EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id AND t.slug = ${param(filters.tag)})`,
    );
  }
  if (filters.q !== undefined) {
    // The same expression as the GIN index posts_search_idx, so the index serves it.
    clauses.push(`to_tsvector('english', p.title || ' ' || p.body) @@ websearch_to_tsquery('english', ${param(filters.q)})`);
  }
  return clauses;
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
    sort: BoardListSort;
    offset?: number;
    after?: KeysetPosition | null;
    limit: number;
    viewer: string | null;
  } & PostListFilters,
): Promise<Slice<Post> & { lastPosition?: KeysetPosition }> {
  const offset = params.sort === 'new' || params.sort === 'shipped' ? 0 : (params.offset ?? 0);
  const window = params.sort === 'trending' ? await trendingWindow(db, params, offset + params.limit + 1) : undefined;
  const boardId = window?.boardId ?? (await boardIdOf(db, params.board));
  const values: unknown[] = [boardId, params.viewer];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = ['p.board_id = $1', ...filterClauses(params, param)];
  if ((params.sort === 'new' || params.sort === 'shipped') && params.after) {
    const at = params.sort === 'new' ? 'p.created_at' : 'COALESCE(p.shipped_at, p.created_at)';
    where.push(`(${at}, p.id) < (${param(params.after.at)}::timestamptz, ${param(params.after.id)}::uuid)`);
  }
  const now = window ? `${param(window.at)}::timestamptz` : 'now()';
  if (window?.since) {
    // The page's posts are picked from the window by posts alone; only they are joined and shaped.
    const candidates = (bound: string) => ['p.board_id = $1', ...filterClauses(params, param), bound].join(' AND ');
    where.push(
      `p.id IN (SELECT id FROM (
                  SELECT p.id, p.people_count, p.created_at FROM posts p WHERE ${candidates(`p.created_at >= ${param(window.since)}::timestamptz`)}
                  UNION
                  SELECT p.id, p.people_count, p.created_at FROM posts p WHERE ${candidates(`p.people_count > ${param(window.heavy)}`)}
                ) AS candidate
                 ORDER BY ${trendingScore('candidate.people_count', 'candidate.created_at', now)} DESC, candidate.created_at DESC, candidate.id DESC
                 LIMIT ${param(offset + params.limit + 1)})`,
    );
  }
  const rows = await db.query<PostRow>(
    `SELECT * FROM (${postSelect('$2')} WHERE ${where.join(' AND ')}) AS listed
      ORDER BY ${orderBy(params.sort, now)}
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

/** Posts by id as the given visitor sees them, in the order of `ids`; unknown ids are skipped. */
export async function findPostsInOrder(db: Queryable, ids: string[], viewer: string | null): Promise<Post[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<PostRow>(`${postSelect('$2')} WHERE p.id = ANY($1::uuid[])`, [ids, viewer]);
  const byId = new Map(rows.map((row) => [row.id, toPost(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** `not_found` unless the post exists. */
export async function assertPost(db: Queryable, postId: string): Promise<void> {
  const [post] = await db.query('SELECT 1 FROM posts WHERE id = $1', [postId]);
  if (!post) throw noSuchPost(postId);
}

/**
 * Sets the counts of every post of a board from its vote and comment rows: for bulk loads that
 * insert rows directly (the demo seed, benchmarks) of ideas not merged, never for a single change.
 */
export async function recountPosts(tx: Queryable, boardId: string): Promise<void> {
  await tx.query(
    `UPDATE posts p
        SET vote_count = (SELECT count(*) FROM votes v WHERE v.post_id = p.id),
            comment_count = (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND NOT c.internal)
      WHERE p.board_id = $1`,
    [boardId],
  );
  await recountBoardPeople(tx, boardId);
}

/** Inserts an idea; returns its id. */
export async function insertPost(
  tx: Queryable,
  post: { boardId: string; title: string; body: string; status: string; authorId: string },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO posts (board_id, title, body, status_key, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [post.boardId, post.title, post.body, post.status, post.authorId],
  );
  return row!.id;
}

/** What changing a post depends on, locked for the rest of the transaction. */
export interface LockedPost {
  boardId: string;
  title: string;
  body: string;
  status: string;
  statusKind: StatusKind;
  shippedAt: string | null;
  authorKey: string | null;
  /** The idea it is merged into directly; `null` when it stands on its own. */
  mergedInto: string | null;
  /** The transaction's time (`now()`), in the cursor format, for ship dates. */
  now: string;
}

/** A post locked for a change; `not_found` when there is none. */
export async function lockPost(tx: Queryable, postId: string): Promise<LockedPost> {
  const [row] = await tx.query<LockedPost>(
    `SELECT p.board_id AS "boardId", p.title, p.body, p.status_key AS status, s.kind AS "statusKind",
            ${cursorText('p.shipped_at')} AS "shippedAt", u.key AS "authorKey", p.merged_into AS "mergedInto",
            ${cursorText('now()')} AS now
       FROM posts p
       JOIN users u ON u.id = p.author_id
       JOIN statuses s ON s.board_id = p.board_id AND s.key = p.status_key
      WHERE p.id = $1 FOR UPDATE OF p`,
    [postId],
  );
  if (!row) throw noSuchPost(postId);
  return row;
}

/** New title and body; marks the post edited. */
export async function updatePostText(tx: Queryable, postId: string, text: { title: string; body: string }): Promise<void> {
  await tx.query('UPDATE posts SET title = $2, body = $3, edited_at = now() WHERE id = $1', [postId, text.title, text.body]);
}

/** A new status and ship date. */
export async function updatePostStatus(tx: Queryable, postId: string, status: string, shippedAt: string | null): Promise<void> {
  await tx.query('UPDATE posts SET status_key = $2, shipped_at = $3::timestamptz WHERE id = $1', [postId, status, shippedAt]);
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
  if (!row) throw noSuchBoard(board);
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

/** An idea's title and board, and the name and kind of one of its board's statuses: what a mail about it says. */
export async function ideaWithStatus(
  db: Queryable,
  postId: string,
  statusKey: string,
): Promise<{ title: string; board: string; statusName: string; statusKind: StatusKind } | undefined> {
  const [row] = await db.query<{ title: string; board: string; status_name: string; status_kind: StatusKind }>(
    `SELECT p.title, b.slug AS board, s.name AS status_name, s.kind AS status_kind
       FROM posts p JOIN boards b ON b.id = p.board_id JOIN statuses s ON s.board_id = p.board_id AND s.key = $2
      WHERE p.id = $1`,
    [postId, statusKey],
  );
  return row && { title: row.title, board: row.board, statusName: row.status_name, statusKind: row.status_kind };
}
