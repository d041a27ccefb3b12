import type { VoteResult } from '@sayso/core';
import { retryingDeadlock, type Database } from '../db/database.js';
import { ensureUser, mayHaveTraits } from '../db/identity.js';
import { onCanonical, recountMergedPeople, refreshCustomerMrr } from '../db/people.js';
import { noSuchPost } from '../db/posts.js';
import { canonicalCounts, deleteVote, insertVote } from '../db/votes.js';

/**
 * Records or takes back a visitor's vote; idempotent both ways. A vote on a merged idea counts on
 * its canonical (the result's `postId`); an unvote takes the visitor's votes off the whole tree.
 * The unique constraint decides: a repeated vote inserts nothing, a repeated unvote deletes
 * nothing, and neither records an event. The vote, its counts and its event are one statement
 * (db/votes.ts): the hot path keeps its round trips, and no transaction is held open across them.
 */
export async function setVote(db: Database, params: { postId: string; voter: string; voted: boolean }): Promise<VoteResult> {
  const voterId = params.voted ? await ensureUser(db, params.voter) : undefined;
  const write = await onCanonical(db, params.postId, () =>
    retryingDeadlock(() => (voterId ? insertVote(db, params.postId, voterId) : deleteVote(db, params.postId, params.voter))),
  );
  if (!write) throw noSuchPost(params.postId);
  const counts = (await canonicalCounts(db, params.postId))!;
  // A vote taken off a merged idea changes that idea's own people, a recount of its subtree:
  // never on the hot path, where no idea is merged.
  if ('mergedVoteRemoved' in write && write.mergedVoteRemoved) await recountMergedPeople(db, counts.postId);
  // A person who may name a company came or went: the idea's customer MRR moves. After the vote
  // committed, so the refresh (which locks the idea first) reads it; visitors never pay for it.
  if (write.personMoved && mayHaveTraits(params.voter)) await refreshCustomerMrr(db, write.canonicalId);
  return { ...counts, voted: params.voted };
}
