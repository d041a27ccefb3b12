import type { Database, Queryable } from './database.js';

// What the similarity index reads (a board's texts, the posts events name) and the duplicate
// queue's tables (migration 0010). A post's text stamp is COALESCE(edited_at, created_at): it
// changes exactly when its title or body does.

const TEXT_STAMP = 'COALESCE(p.edited_at, p.created_at)';
/**
 * Whether post `p`'s present text was checked for duplicates: one look-up by key per post (as
 * EXISTS, PostgreSQL may instead hash every check ever made, for each query).
 */
const CHECKED = `COALESCE((SELECT c.checked_stamp = ${TEXT_STAMP} FROM duplicate_checks c WHERE c.post_id = p.id), false)`;
const NOT_CLOSED_AS_DUPLICATE = `NOT EXISTS (
  SELECT 1 FROM statuses s WHERE s.board_id = p.board_id AND s.key = p.status_key AND s.kind = 'duplicate')`;

/**
 * Whether post `p` is in a candidate pair still open, as {@link candidatePairs} lists them: the
 * other idea not closed as a duplicate either, the pair not dismissed at both present texts.
 */
export const IN_OPEN_PAIR = `EXISTS (
  SELECT 1
    FROM (SELECT post_a, post_b FROM duplicate_candidates WHERE post_a = p.id
          UNION ALL SELECT post_a, post_b FROM duplicate_candidates WHERE post_b = p.id) c
    JOIN posts q ON q.id = CASE WHEN c.post_a = p.id THEN c.post_b ELSE c.post_a END
   WHERE ${NOT_CLOSED_AS_DUPLICATE} AND ${NOT_CLOSED_AS_DUPLICATE.replaceAll('p.', 'q.')}
     AND NOT EXISTS (
       SELECT 1 FROM duplicate_dismissals d
        WHERE d.post_a = c.post_a AND d.post_b = c.post_b
          AND d.a_stamp = CASE WHEN c.post_a = p.id THEN ${TEXT_STAMP} ELSE ${TEXT_STAMP.replaceAll('p.', 'q.')} END
          AND d.b_stamp = CASE WHEN c.post_b = p.id THEN ${TEXT_STAMP} ELSE ${TEXT_STAMP.replaceAll('p.', 'q.')} END))`;

/** A post's text for the index. */
export interface PostText {
  id: string;
  title: string;
  body: string;
}

/** Where a walk over a board's posts stands: the last post read, newest first. */
export interface BoardCursor {
  createdAt: string;
  id: string;
}

/** Before a board's newest post. */
const BOARD_START: BoardCursor = { createdAt: 'infinity', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };

/** A post of a board's page, and whether its present text was already checked for duplicates. */
export interface IndexablePost extends PostText {
  checked: boolean;
}

/**
 * One page of a board's posts that take part in similarity (not merged, not closed as
 * duplicates), newest first, after `after` (from the start when `null`), and where the next page
 * starts (`null` after the last). It walks posts_board_created_idx, so a page costs the same
 * however large the board: PGlite runs on the server's main thread, which a page holds up.
 */
export async function indexablePosts(
  db: Database,
  boardId: string,
  after: BoardCursor | null,
  limit: number,
): Promise<{ posts: IndexablePost[]; next: BoardCursor | null }> {
  const from = after ?? BOARD_START;
  // Without fresh statistics (PGlite never gathers them by itself) the planner takes a board of
  // 100,000 posts for a hundred, reads them all and sorts them: 250 ms a page on the main thread.
  // Forbidding the sort leaves it the index's order, which stops after `limit` posts.
  const rows = await db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_sort = off');
    return tx.query<{ id: string; title: string; body: string; created_at: string; checked: boolean }>(
      `SELECT p.id::text AS id, p.title, p.body, p.created_at::text AS created_at,
            ${CHECKED} AS checked
       FROM posts p
      WHERE p.board_id = $1 AND (p.created_at, p.id) < ($2::timestamptz, $3::uuid) AND ${NOT_CLOSED_AS_DUPLICATE}
      ORDER BY p.created_at DESC, p.id DESC LIMIT $4`,
      [boardId, from.createdAt, from.id, limit],
    );
  });
  const last = rows.at(-1);
  return {
    posts: rows.map((row) => ({ id: row.id, title: row.title, body: row.body, checked: row.checked })),
    next: rows.length === limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

/** The newest event's sequence number: where reading the log for changes starts. */
export async function lastEventSequence(db: Queryable): Promise<number> {
  const [row] = await db.query<{ sequence: string | null }>('SELECT max(sequence)::text AS sequence FROM domain_events');
  return Number(row?.sequence ?? 0);
}

/** The events that change what a post's index holds: its text, its status, its merges. */
const POST_TEXT_EVENTS = ['post.created', 'post.edited', 'post.status_changed', 'post.merged', 'post.unmerged'];

/** One event of the log, as the index reads it. */
export interface LoggedEvent {
  type: string;
  subjectId: string;
}

/** A page of the log as the index reads it. */
export interface PostEventPage {
  /** Events read (all types), 0 when the log has nothing after the position. */
  read: number;
  /** The last event's sequence. */
  last: number;
  /** The page's events that change a post's index, in order. */
  events: LoggedEvent[];
  /** Each hole in the page's sequence numbers, in order: `after` is the number before it. */
  gaps: { after: number }[];
}

/**
 * The next `limit` events after `sequence`: those that change a post's index, and where the
 * sequence has holes (a transaction not committed yet, or rolled back), which only the whole
 * sequence shows. The page is walked in the database: a burst of votes costs no rows here.
 */
export async function postEventsAfter(db: Queryable, sequence: number, limit: number): Promise<PostEventPage> {
  const rows = await db.query<{ sequence: string; type: string; subject_id: string; previous: string; last: string; page_rows: string }>(
    `SELECT sequence::text AS sequence, type, subject_id::text AS subject_id, previous::text AS previous,
            last::text AS last, page_rows::text AS page_rows
       FROM (SELECT sequence, type, subject_id, lag(sequence, 1, $1::bigint) OVER (ORDER BY sequence) AS previous,
                    max(sequence) OVER () AS last, count(*) OVER () AS page_rows
               FROM (SELECT sequence, type, subject_id FROM domain_events
                      WHERE sequence > $1 ORDER BY sequence LIMIT $2) AS page) AS marked
      WHERE type = ANY($3::text[]) OR sequence <> previous + 1 OR sequence = last
      ORDER BY sequence`,
    [sequence, limit, POST_TEXT_EVENTS],
  );
  const [first] = rows;
  if (!first) return { read: 0, last: sequence, events: [], gaps: [] };
  return {
    read: Number(first.page_rows),
    last: Number(first.last),
    events: rows.filter((row) => POST_TEXT_EVENTS.includes(row.type)).map((row) => ({ type: row.type, subjectId: row.subject_id })),
    gaps: rows.filter((row) => Number(row.sequence) !== Number(row.previous) + 1).map((row) => ({ after: Number(row.previous) })),
  };
}

/** A post as the index and the duplicate check see it now. */
export interface PostState extends PostText {
  boardId: string;
  /** In a status of kind `duplicate` (merged, or closed as a duplicate): out of the index and the queue. */
  closed: boolean;
  /** Its text stamp was already checked for duplicates. */
  checked: boolean;
}

/** The posts of `ids` that exist. */
export async function postStates(db: Queryable, ids: readonly string[]): Promise<PostState[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string; board_id: string; title: string; body: string; closed: boolean; checked: boolean }>(
    `SELECT p.id::text AS id, p.board_id::text AS board_id, p.title, p.body,
            NOT ${NOT_CLOSED_AS_DUPLICATE} AS closed,
            ${CHECKED} AS checked
       FROM posts p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((row) => ({ id: row.id, boardId: row.board_id, title: row.title, body: row.body, closed: row.closed, checked: row.checked }));
}

/** A post checked against its board: its best matches above the threshold. */
export interface Check {
  postId: string;
  matches: readonly { id: string; score: number }[];
}

/**
 * Replaces the candidate pairs of the checked posts by their matches and marks their present texts
 * checked; four statements whatever the number of posts (run it in a transaction). A post whose
 * text changed again meanwhile is marked with its new stamp only by its next check.
 */
export async function saveChecks(tx: Queryable, checks: readonly Check[]): Promise<void> {
  if (checks.length === 0) return;
  const postIds = checks.map((check) => check.postId);
  const pairs = checks.flatMap((check) => check.matches.map((match) => ({ postId: check.postId, ...match })));
  // A post deleted since it was read is left out; the others cannot be deleted until this commits.
  await tx.query('SELECT 1 FROM posts WHERE id = ANY($1::uuid[]) FOR KEY SHARE', [[...postIds, ...pairs.map((pair) => pair.id)]]);
  await tx.query('DELETE FROM duplicate_candidates WHERE post_a = ANY($1::uuid[]) OR post_b = ANY($1::uuid[])', [postIds]);
  // Two posts checked together may find each other: each pair goes in once, with its best score.
  await tx.query(
    `INSERT INTO duplicate_candidates (post_a, post_b, score)
     SELECT LEAST(m.post_id, m.other), GREATEST(m.post_id, m.other), max(m.score)
       FROM unnest($1::uuid[], $2::uuid[], $3::real[]) AS m (post_id, other, score)
      WHERE m.other <> m.post_id AND EXISTS (SELECT 1 FROM posts o WHERE o.id = m.other)
        AND EXISTS (SELECT 1 FROM posts p WHERE p.id = m.post_id)
      GROUP BY 1, 2
     ON CONFLICT (post_a, post_b) DO UPDATE SET score = GREATEST(duplicate_candidates.score, EXCLUDED.score)`,
    [pairs.map((pair) => pair.postId), pairs.map((pair) => pair.id), pairs.map((pair) => pair.score)],
  );
  await tx.query(
    `INSERT INTO duplicate_checks (post_id, checked_stamp)
     SELECT p.id, ${TEXT_STAMP} FROM posts p WHERE p.id = ANY($1::uuid[])
     ON CONFLICT (post_id) DO UPDATE SET checked_stamp = EXCLUDED.checked_stamp`,
    [postIds],
  );
}

/** A candidate pair as stored, best first. */
export interface CandidatePair {
  postA: string;
  postB: string;
  score: number;
}

/**
 * A board's candidate pairs, best first: both posts still open to merging (not in a status of
 * kind `duplicate`) and the pair not dismissed at the texts both have now.
 */
export async function candidatePairs(db: Queryable, boardId: string, limit: number): Promise<CandidatePair[]> {
  const rows = await db.query<{ post_a: string; post_b: string; score: number }>(
    `SELECT c.post_a::text AS post_a, c.post_b::text AS post_b, c.score
       FROM duplicate_candidates c
       JOIN posts p ON p.id = c.post_a
       JOIN posts q ON q.id = c.post_b
      WHERE p.board_id = $1 AND q.board_id = $1
        AND ${NOT_CLOSED_AS_DUPLICATE} AND ${NOT_CLOSED_AS_DUPLICATE.replaceAll('p.', 'q.')}
        AND NOT EXISTS (
          SELECT 1 FROM duplicate_dismissals d
           WHERE d.post_a = c.post_a AND d.post_b = c.post_b
             AND d.a_stamp = ${TEXT_STAMP} AND d.b_stamp = ${TEXT_STAMP.replaceAll('p.', 'q.')})
      ORDER BY c.score DESC, c.post_a, c.post_b
      LIMIT $2`,
    [boardId, limit],
  );
  return rows.map((row) => ({ postA: row.post_a, postB: row.post_b, score: Number(row.score) }));
}

/**
 * Records that a pair is not a duplicate at both posts' present texts (again: the stamps are
 * renewed). Returns the board both posts are on; `null` when either post does not exist, and
 * `'different boards'` when they are not on one board.
 */
export async function insertDismissal(
  db: Queryable,
  params: { postIds: readonly [string, string]; actorId: string },
): Promise<{ boardId: string } | null | 'different boards'> {
  const [first, second] = [...params.postIds].sort();
  const posts = await db.query<{ id: string; board_id: string }>(
    'SELECT id::text AS id, board_id::text AS board_id FROM posts WHERE id = ANY($1::uuid[])',
    [[first, second]],
  );
  if (posts.length !== 2) return null;
  if (posts[0]!.board_id !== posts[1]!.board_id) return 'different boards';
  await db.query(
    `INSERT INTO duplicate_dismissals (post_a, post_b, a_stamp, b_stamp, dismissed_by)
     SELECT p.id, q.id, ${TEXT_STAMP}, ${TEXT_STAMP.replaceAll('p.', 'q.')}, $3
       FROM posts p, posts q WHERE p.id = $1 AND q.id = $2
     ON CONFLICT (post_a, post_b) DO UPDATE
       SET a_stamp = EXCLUDED.a_stamp, b_stamp = EXCLUDED.b_stamp,
           dismissed_by = EXCLUDED.dismissed_by, dismissed_at = now()`,
    [first, second, params.actorId],
  );
  return { boardId: posts[0]!.board_id };
}
