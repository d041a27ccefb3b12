import type { Queryable } from './database.js';
import { eventsOfChanged } from './events.js';

// Votes are the hot path: each change is one statement that writes the vote, the post's
// vote_count and the event together (atomic without BEGIN/COMMIT round trips). The count moves
// only for a row that really changed (the RETURNING of ON CONFLICT DO NOTHING or of the DELETE),
// so a repeated vote or unvote changes nothing and records no event; `vote_count ± 1` takes the
// post's row lock, so parallel votes never lose an update.

/** Moves the vote_count of the posts in `changed` by `delta`, as part of the same statement. */
const countChanged = (delta: '+ 1' | '- 1') =>
  `, counted AS (UPDATE posts SET vote_count = vote_count ${delta} WHERE id IN (SELECT subject_id FROM changed))`;

/** Records a vote and its `vote.added` event; nothing when the vote was already there. */
export async function insertVote(db: Queryable, postId: string, userId: string): Promise<void> {
  await db.query(
    `WITH changed AS (
       INSERT INTO votes (post_id, user_id) VALUES ($1, $2) ON CONFLICT (post_id, user_id) DO NOTHING
       RETURNING post_id AS subject_id, user_id AS actor_id
     )${countChanged('+ 1')}
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
     )${countChanged('- 1')}
     ${eventsOfChanged('vote.removed', 'post')}`,
    [postId, voterKey],
  );
}

/** The number of votes of a post, as kept with every change. */
export async function voteCount(db: Queryable, postId: string): Promise<number> {
  const [count] = await db.query<{ n: number }>('SELECT vote_count AS n FROM posts WHERE id = $1', [postId]);
  return Number(count!.n);
}

/** Adds the author's own vote to a new idea. */
export async function insertAuthorVote(tx: Queryable, postId: string, authorId: string): Promise<void> {
  await tx.query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2)', [postId, authorId]);
  await tx.query('UPDATE posts SET vote_count = vote_count + 1 WHERE id = $1', [postId]);
}

/** Everyone who asked for an idea, as users rows: its voters and its author. */
export async function supportersOf(db: Queryable, postId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    'SELECT user_id FROM votes WHERE post_id = $1 UNION SELECT author_id FROM posts WHERE id = $1',
    [postId],
  );
  return rows.map((row) => row.user_id);
}
