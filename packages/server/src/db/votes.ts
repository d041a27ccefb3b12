import type { Queryable } from './database.js';
import { eventsOfChanged } from './events.js';
import { canonicalIdSql, lockedCanonicalSql, mergeTreeSql } from './people.js';
import { subscribeChanged } from './subscriptions.js';

// Votes are the hot path: each change is one statement that writes the vote, the post's
// vote_count, the voter's reference in post_people with people_count, the voter's subscription
// to the idea (db/subscriptions.ts), and the event together
// (atomic without BEGIN/COMMIT round trips). The counts move only for a row that really changed
// (the RETURNING of ON CONFLICT DO NOTHING or of the DELETE), so a repeated vote or unvote
// changes nothing and records no event. A vote on a merged idea is a vote on its canonical (see
// db/people.ts): a new vote first locks the canonical's row, as a merge or unmerge does before it
// changes the tree, so the tree holds still under it, the counts never lose an update, and locks
// are always taken post row first, then people rows (no deadlock with a merge). A repeated vote
// (the vote row is there already) takes no lock: it writes nothing.

/**
 * The canonical of post `$1`, its row locked, unless voter `$2` already voted for it or for an idea
 * merged into it (a repeat: `repeated` has it, and nothing is written, as the contract says); no
 * row when there is no such post, for a repeat, or when the canonical was merged further between
 * reading and locking it (the caller tries again).
 */
const lockedCanonical = `
  repeated AS (SELECT ${canonicalIdSql('$1')} AS id FROM votes WHERE post_id IN ${mergeTreeSql(canonicalIdSql('$1'))} AND user_id = $2 LIMIT 1),
  canonical AS (${lockedCanonicalSql('$1', 'NOT EXISTS (SELECT 1 FROM repeated)')})`;

/** Whether the statement found the canonical it counts on (see lockedCanonical), and which it is. */
export type VoteWrite = {
  found: boolean;
  canonicalId: string;
  /** The voter joined the canonical's people (a vote) or left them (an unvote). */
  personMoved: boolean;
};

/** Records a vote on the post's canonical and its `vote.added` event; nothing when the vote was already there. */
export async function insertVote(db: Queryable, postId: string, userId: string): Promise<VoteWrite> {
  const rows = await db.query<{ id: string; joined: boolean }>(
    `WITH ${lockedCanonical},
     changed AS (
       INSERT INTO votes (post_id, user_id) SELECT id, $2 FROM canonical ON CONFLICT (post_id, user_id) DO NOTHING
       RETURNING post_id AS subject_id, user_id AS actor_id
     ), person AS (
       INSERT INTO post_people (post_id, user_id, refs) SELECT subject_id, actor_id, 1 FROM changed
       ON CONFLICT (post_id, user_id) DO UPDATE SET refs = post_people.refs + 1
       RETURNING refs
     ), counted AS (
       UPDATE posts SET vote_count = vote_count + 1, people_count = people_count + (SELECT count(*) FROM person WHERE refs = 1)
        WHERE id IN (SELECT subject_id FROM changed)
     ), followed AS (
       ${subscribeChanged('vote')}
     ), recorded AS (
       ${eventsOfChanged('vote.added', 'post')}
     )
     SELECT id, EXISTS (SELECT 1 FROM person WHERE refs = 1) AS joined FROM canonical
     UNION ALL SELECT id, false FROM repeated`,
    [postId, userId],
  );
  return { found: rows.length > 0, canonicalId: rows[0]?.id ?? '', personMoved: rows[0]?.joined === true };
}

/**
 * Takes back a visitor's votes on a post's whole merge tree (so they no longer count on its
 * canonical; they stop following the ideas they followed by voting) and records a `vote.removed`
 * event for each; nothing when there was none. Taking
 * back a vote one never gave needs no users row: nothing is created. `mergedVoteRemoved`: a vote
 * on a merged idea went, whose own people count then needs a recount (db/people.ts).
 */
export async function deleteVote(db: Queryable, postId: string, voterKey: string): Promise<VoteWrite & { mergedVoteRemoved: boolean }> {
  const rows = await db.query<{ id: string; merged: boolean | null; left: boolean }>(
    `WITH canonical AS (${lockedCanonicalSql('$1')}),
     voter AS (SELECT id FROM users WHERE key = $2),
     changed AS (
       DELETE FROM votes WHERE post_id IN ${mergeTreeSql('(SELECT id FROM canonical)')} AND user_id = (SELECT id FROM voter)
       RETURNING post_id AS subject_id, user_id AS actor_id
     ), person AS (
       UPDATE post_people SET refs = refs - (SELECT count(*) FROM changed)
        WHERE post_id = (SELECT id FROM canonical) AND user_id = (SELECT id FROM voter) AND EXISTS (SELECT 1 FROM changed)
       RETURNING refs
     ), counted AS (
       UPDATE posts p
          SET vote_count = vote_count - (SELECT count(*) FROM changed WHERE subject_id = p.id),
              people_count = people_count - (SELECT count(*) FROM person WHERE refs = 0 AND p.id = (SELECT id FROM canonical))
        WHERE p.id IN (SELECT subject_id FROM changed UNION ALL SELECT id FROM canonical WHERE EXISTS (SELECT 1 FROM person WHERE refs = 0))
     ), unfollowed AS (
       -- Who no longer asks for the idea stops following what they followed only by voting.
       DELETE FROM subscriptions
        WHERE user_id = (SELECT id FROM voter) AND post_id IN ${mergeTreeSql('(SELECT id FROM canonical)')}
          AND state = 'subscribed' AND reason = 'vote' AND EXISTS (SELECT 1 FROM person WHERE refs = 0)
     ), recorded AS (
       ${eventsOfChanged('vote.removed', 'post')}
     )
     SELECT id, EXISTS (SELECT 1 FROM changed WHERE subject_id <> canonical.id) AS merged,
            EXISTS (SELECT 1 FROM person WHERE refs = 0) AS left
       FROM canonical`,
    [postId, voterKey],
  );
  return { found: rows.length > 0, canonicalId: rows[0]?.id ?? '', personMoved: rows[0]?.left === true, mergedVoteRemoved: rows[0]?.merged === true };
}

/** The vote and people counts of a post's canonical, and its id; `undefined` when there is no such post. */
export async function canonicalCounts(
  db: Queryable,
  postId: string,
): Promise<{ postId: string; voteCount: number; peopleCount: number } | undefined> {
  const [row] = await db.query<{ id: string; vote_count: number; people_count: number }>(
    `SELECT id, vote_count, people_count FROM posts WHERE id = ${canonicalIdSql('$1')}`,
    [postId],
  );
  return row && { postId: row.id, voteCount: Number(row.vote_count), peopleCount: Number(row.people_count) };
}

/** Adds the author's own vote to a new idea, and them to its people (and their company's MRR). */
export async function insertAuthorVote(tx: Queryable, postId: string, authorId: string): Promise<void> {
  await tx.query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2)', [postId, authorId]);
  await tx.query('INSERT INTO post_people (post_id, user_id, refs) VALUES ($1, $2, 1)', [postId, authorId]);
  await tx.query('UPDATE posts SET vote_count = vote_count + 1, people_count = people_count + 1, customer_mrr = customer_mrr_of($1) WHERE id = $1', [
    postId,
  ]);
}
