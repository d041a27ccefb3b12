import { SaysoError } from '@sayso/core';
import type { Queryable } from './database.js';

// The distinct people behind an idea (migration 0008). A person is a users row; they count on an
// idea through a vote or a recorded customer request on it or on any idea merged into it. The
// canonical of a merge tree (the idea standing on its own) keeps one post_people row per person
// with the number of such references, and people_count is the number of its rows above zero: a
// vote or request moves one reference in the statement that writes it (db/votes.ts,
// addPersonReference), a merge or unmerge recounts the canonicals it touches from the rows
// (recountPeople). A merged idea's people_count is the count of its own subtree, what it has
// again when unmerged (recountMergedPeople). A canonical also keeps the MRR of the companies of its
// people (customer_mrr, migration 0011), refreshed with them (refreshCustomerMrr).

/** The users key of a requester with no identity of their own: `request:<requester key>`. */
export const REQUEST_KEY_PREFIX = 'request:';

/** The idea a post's people count on, as SQL: its canonical, itself when not merged. */
export const canonicalIdSql = (postId: string) => `(SELECT COALESCE(canonical_id, id) FROM posts WHERE id = ${postId})`;

/** Every post of a canonical's merge tree, itself included, as SQL. */
export const mergeTreeSql = (canonicalId: string) =>
  `(SELECT ${canonicalId} AS id UNION ALL SELECT id FROM posts WHERE canonical_id = ${canonicalId})`;

/** A post and every post merged into it at any depth, as SQL (walked down merged_into). */
export const subtreeSql = (rootId: string) => `(
  WITH RECURSIVE subtree AS (
    SELECT ${rootId}::uuid AS id
    UNION ALL
    SELECT p.id FROM posts p JOIN subtree s ON p.merged_into = s.id
  ) SELECT id FROM subtree)`;

/** A post and every post it is merged into, up to its canonical, as SQL (walked up merged_into). */
export const ancestorsSql = (postId: string) => `(
  WITH RECURSIVE chain AS (
    SELECT ${postId}::uuid AS id
    UNION ALL
    SELECT p.merged_into FROM posts p JOIN chain c ON p.id = c.id WHERE p.merged_into IS NOT NULL
  ) SELECT id FROM chain)`;

/** One row per reference a person has on the posts of `posts` (an SQL set of ids): votes, then requests. */
const referencesSql = (posts: string) => `
  SELECT user_id FROM votes WHERE post_id IN ${posts}
  UNION ALL
  SELECT user_id FROM customer_requests WHERE post_id IN ${posts}`;

/** The post an id resolves to for a vote, a request or a comment: its canonical; `undefined` when there is no such post. */
export async function canonicalIdOf(db: Queryable, postId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string | null }>(`SELECT ${canonicalIdSql('$1')} AS id`, [postId]);
  return row?.id ?? undefined;
}

/**
 * The canonical of the post whose id is `postId` (SQL), its row locked as every change of its
 * counts and of its tree locks it first (a merge and unmerge too), so the tree holds still until
 * the transaction ends and locks are always taken post row first, then people rows. No row when
 * there is no such post, or when the canonical was merged further between reading and locking it.
 * `onlyIf`, an SQL condition on anything but the post, skips the lock (and the row) when false.
 */
export const lockedCanonicalSql = (postId: string, onlyIf = 'true') =>
  `SELECT id FROM posts WHERE id = ${canonicalIdSql(postId)} AND canonical_id IS NULL AND ${onlyIf} FOR NO KEY UPDATE`;

// A canonical merged further between reading and locking it is looked up again; more than a few
// merges of the same tree while one vote or comment waits is not a real load.
const LOCK_ATTEMPTS = 3;

/**
 * Runs `write` (a statement that locks the canonical with {@link lockedCanonicalSql} and says
 * whether it found it) until it finds it; `undefined` when there is no such post, `conflict`
 * when its tree kept changing.
 */
export async function onCanonical<T extends { found: boolean }>(
  db: Queryable,
  postId: string,
  write: () => Promise<T>,
): Promise<T | undefined> {
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    const result = await write();
    if (result.found) return result;
    if ((await canonicalIdOf(db, postId)) === undefined) return undefined;
  }
  throw new SaysoError('conflict', 'The idea was being merged meanwhile; try again.');
}

/** Locks the canonical of a post for a change in `tx` (see {@link lockedCanonicalSql}); `undefined` when there is no such post. */
export async function lockCanonical(tx: Queryable, postId: string): Promise<string | undefined> {
  let canonicalId = '';
  const locked = await onCanonical(tx, postId, async () => {
    const [row] = await tx.query<{ id: string }>(lockedCanonicalSql('$1'), [postId]);
    canonicalId = row?.id ?? '';
    return { found: row !== undefined };
  });
  return locked && canonicalId;
}

/**
 * Adds one reference of a person to a canonical (a recorded request), counting them when it is
 * their first, and refreshes the canonical's customer MRR. One statement: the row lock of the ON CONFLICT and of `people_count + 1` keep it
 * exact against parallel votes and requests.
 */
export async function addPersonReference(tx: Queryable, canonicalId: string, userId: string): Promise<void> {
  await tx.query(
    `WITH person AS (
       INSERT INTO post_people (post_id, user_id, refs) VALUES ($1, $2, 1)
       ON CONFLICT (post_id, user_id) DO UPDATE SET refs = post_people.refs + 1
       RETURNING refs
     )
     UPDATE posts SET people_count = people_count + 1 WHERE id = $1 AND (SELECT refs FROM person) = 1`,
    [canonicalId, userId],
  );
  // The request may name a company: rare enough to refresh always.
  await refreshCustomerMrr(tx, canonicalId);
}

/**
 * Sets a canonical's post_people, people_count and customer_mrr from the votes and requests of its whole
 * merge tree: after a merge or unmerge changed which posts the tree holds.
 */
export async function recountPeople(tx: Queryable, canonicalId: string): Promise<void> {
  await tx.query('DELETE FROM post_people WHERE post_id = $1', [canonicalId]);
  await tx.query(
    `INSERT INTO post_people (post_id, user_id, refs)
     SELECT $1, user_id, count(*) FROM (${referencesSql(mergeTreeSql('$1::uuid'))}) AS refs GROUP BY user_id`,
    [canonicalId],
  );
  await tx.query(
    'UPDATE posts SET people_count = (SELECT count(*) FROM post_people WHERE post_id = $1), customer_mrr = customer_mrr_of($1) WHERE id = $1',
    [canonicalId],
  );
}

/**
 * Sets post_people, people_count and customer_mrr of every post of a board from its votes and requests, for
 * bulk loads of ideas none of which is merged (the demo seed, benchmarks).
 */
export async function recountBoardPeople(tx: Queryable, boardId: string): Promise<void> {
  await tx.query('DELETE FROM post_people WHERE post_id IN (SELECT id FROM posts WHERE board_id = $1)', [boardId]);
  await tx.query(
    `INSERT INTO post_people (post_id, user_id, refs)
     SELECT post_id, user_id, count(*) FROM (
       SELECT post_id, user_id FROM votes UNION ALL SELECT post_id, user_id FROM customer_requests
     ) AS refs
      WHERE post_id IN (SELECT id FROM posts WHERE board_id = $1)
      GROUP BY post_id, user_id`,
    [boardId],
  );
  await tx.query(
    `UPDATE posts p SET people_count = (SELECT count(*) FROM post_people pp WHERE pp.post_id = p.id), customer_mrr = customer_mrr_of(p.id)
      WHERE p.board_id = $1`,
    [boardId],
  );
}

/**
 * Sets an idea's customer MRR (core's customerValue) from its people as they are now; its row is
 * locked first, so a refresh that ran after a change of its people reads that change. Needed
 * whenever a person who may have a company (an identified user, a request naming one) joins or
 * leaves a canonical, or changes traits; cheap, but it reads every person of the idea.
 */
export async function refreshCustomerMrr(db: Queryable, postId: string): Promise<void> {
  await db.query('SELECT refresh_customer_mrr($1)', [postId]);
}

/**
 * Sets the people_count of every merged post of a canonical's tree to the distinct people of its
 * own subtree: after a reference on one of them came or went (a request on a merged idea, an
 * unvote across the tree) and after a merge or unmerge.
 */
export async function recountMergedPeople(tx: Queryable, canonicalId: string): Promise<void> {
  await tx.query(
    `UPDATE posts p
        SET people_count = (SELECT count(DISTINCT user_id) FROM (${referencesSql(subtreeSql('p.id'))}) AS refs)
      WHERE p.canonical_id = $1`,
    [canonicalId],
  );
}

/** Which posts {@link peopleOfPost} reads the people of. */
export type PeopleScope = 'direct' | 'merged' | 'all';

const scopeSql = (scope: PeopleScope, postId: string) =>
  ({
    direct: `(SELECT ${postId}::uuid)`,
    merged: `(SELECT id FROM ${subtreeSql(postId)} AS subtree WHERE id <> ${postId}::uuid)`,
    all: subtreeSql(postId),
  })[scope];

/**
 * The distinct people (users row ids) of a post: `direct`, its own voters and recorded requests;
 * `merged`, those of every post merged into it at any depth; `all`, both, each once (for a
 * canonical, exactly the people its people_count counts).
 */
export async function peopleOfPost(db: Queryable, postId: string, scope: PeopleScope): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT DISTINCT user_id FROM (${referencesSql(scopeSql(scope, '$1'))}) AS refs`,
    [postId],
  );
  return rows.map((row) => row.user_id);
}

/**
 * The people of a post (all scope, see {@link peopleOfPost}) who can be told in-app: those with an
 * identity, not the people of requests recorded by name or by an email nobody signed in with.
 */
export async function reachablePeopleOf(db: Queryable, postId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    `SELECT DISTINCT refs.user_id FROM (${referencesSql(scopeSql('all', '$1'))}) AS refs
       JOIN users u ON u.id = refs.user_id
      WHERE u.key NOT LIKE '${REQUEST_KEY_PREFIX}%'`,
    [postId],
  );
  return rows.map((row) => row.user_id);
}

/** What two posts' people (all scope of each, see {@link peopleOfPost}) have in common. */
export interface PeopleOverlap {
  first: number;
  second: number;
  shared: number;
  /** The shared people's names where known, alphabetical, at most the limit asked for. */
  sharedNames: string[];
}

/**
 * The people of two posts and those in both, with the shared people's names: a user's name or
 * email, else (a person only a request counts) the name or email their first request recorded.
 */
export async function peopleOverlap(db: Queryable, firstId: string, secondId: string, namesMax: number): Promise<PeopleOverlap> {
  const [row] = await db.query<PeopleOverlap>(
    `WITH first AS (SELECT DISTINCT user_id FROM (${referencesSql(subtreeSql('$1'))}) AS refs),
          second AS (SELECT DISTINCT user_id FROM (${referencesSql(subtreeSql('$2'))}) AS refs),
          shared AS (SELECT user_id FROM first INTERSECT SELECT user_id FROM second),
          named AS (
            SELECT COALESCE(u.name, u.email, (
                     SELECT COALESCE(r.name, r.email) FROM customer_requests r
                      WHERE r.user_id = u.id ORDER BY r.created_at, r.id LIMIT 1)) AS name
              FROM shared s JOIN users u ON u.id = s.user_id)
     SELECT (SELECT count(*) FROM first)::int AS first,
            (SELECT count(*) FROM second)::int AS second,
            (SELECT count(*) FROM shared)::int AS shared,
            ARRAY(SELECT name FROM named WHERE name IS NOT NULL ORDER BY name LIMIT $3) AS "sharedNames"`,
    [firstId, secondId, namesMax],
  );
  return row!;
}
