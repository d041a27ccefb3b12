import type { SaysoAdapter, VoteResult } from '@sayso/core';
import { once } from './idempotency.js';
import type { MemoryVisitor } from './visitor.js';

export function voteOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'vote' | 'unvote'> {
  const setVote = (postId: string, voted: boolean): VoteResult => {
    const post = visitor.postOf(postId);
    if (voted) post.voters.add(visitor.voterId);
    else post.voters.delete(visitor.voterId);
    return { postId, voted, voteCount: post.voters.size };
  };
  return {
    vote: (params) => once(visitor, 'vote', params, () => visitor.settle(() => setVote(params.postId, true))),
    unvote: (params) => once(visitor, 'unvote', params, () => visitor.settle(() => setVote(params.postId, false))),
  };
}
