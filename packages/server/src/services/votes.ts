import type { VoteResult } from '@sayso/core';
import type { Database } from '../db/database.js';
import { ensureUser } from '../db/identity.js';
import { assertPost } from '../db/posts.js';
import { deleteVote, insertVote, voteCount } from '../db/votes.js';

/**
 * Records or takes back a visitor's vote; idempotent both ways. The unique constraint decides:
 * a repeated vote inserts nothing, a repeated unvote deletes nothing, and neither records an
 * event. The vote and its event are one statement (db/votes.ts): the hot path keeps its round
 * trips, and no transaction is held open across them.
 */
export async function setVote(db: Database, params: { postId: string; voter: string; voted: boolean }): Promise<VoteResult> {
  await assertPost(db, params.postId);
  if (params.voted) await insertVote(db, params.postId, await ensureUser(db, params.voter));
  else await deleteVote(db, params.postId, params.voter);
  return { postId: params.postId, voted: params.voted, voteCount: await voteCount(db, params.postId) };
}
