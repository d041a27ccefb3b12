import type { Queryable } from './database.js';
import { eventsOfChanged } from './events.js';

// Votes are the hot path: each change is one statement that writes the vote and its event
// together (atomic without BEGIN/COMMIT round trips), and a repeated vote or unvote changes no
// row, so it records no event either.

/** Records a vote and its `vote.added` event; nothing when the vote was already there. */
export async function insertVote(db: Queryable, postId: string, userId: string): Promise<void> {
  await db.query(
    `WITH changed AS (
       INSERT INTO votes (post_id, user_id) VALUES ($1, $2) ON CONFLICT (post_id, user_id) DO NOTHING
       RETURNING post_id AS subject_id, user_id AS actor_id
     )
     ${eventsOfChanged('vote.added', 'post')}`,
    [postId, userId],
  );
}

/**
 * Takes back a vote and records its `vote.removed` event; nothing when there was none. Taking
 * back a vote one never gave needs no users row: nothing is created.
 */
export async function deleteVote(db: Queryable, postId: string, voterKey: string): Promise<void> {
  await db.query(
    `WITH changed AS (
       DELETE FROM votes WHERE post_id = $1 AND user_id = (SELECT id FROM users WHERE key = $2)
       RETURNING post_id AS subject_id, user_id AS actor_id
     )
     ${eventsOfChanged('vote.removed', 'post')}`,
    [postId, voterKey],
  );
}

/** The exact number of votes of a post. */
export async function voteCount(db: Queryable, postId: string): Promise<number> {
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [postId]);
  return Number(count!.n);
}

/** Adds the author's own vote to a new idea. */
export async function insertAuthorVote(tx: Queryable, postId: string, authorId: string): Promise<void> {
  await tx.query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2)', [postId, authorId]);
}

/** Everyone who asked for an idea, as users rows: its voters and its author. */
export async function supportersOf(db: Queryable, postId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    'SELECT user_id FROM votes WHERE post_id = $1 UNION SELECT author_id FROM posts WHERE id = $1',
    [postId],
  );
  return rows.map((row) => row.user_id);
}
