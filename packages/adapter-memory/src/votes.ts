import type { SaysoAdapter, VoteResult } from '@sayso/core';
import { canonicalPost, mergeTree, voteKey } from './data.js';
import { follow, unfollowVote } from './follows.js';
import { once } from './idempotency.js';
import type { MemoryVisitor } from './visitor.js';

export function voteOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'vote' | 'unvote'> {
  // A vote counts on the canonical unless the visitor is among its people already; taking it
  // back takes them out of its people, off every idea merged into it too (see the contract).
  const setVote = (postId: string, voted: boolean): VoteResult => {
    const post = canonicalPost(visitor.data, visitor.postOf(postId));
    const tree = mergeTree(visitor.data, post);
    if (!voted) {
      for (const idea of tree) idea.voters.delete(visitor.voterId);
      unfollowVote(visitor.data, tree, visitor.voterId);
    } else {
      if (!tree.some((idea) => idea.voters.has(visitor.voterId))) {
        post.voters.add(visitor.voterId);
        visitor.data.voteTimes.set(voteKey(post.id, visitor.voterId), new Date().toISOString());
      }
      follow(visitor.data, post.id, visitor.voterId, 'vote');
    }
    const { voteCount, peopleCount } = visitor.view(post);
    return { postId: post.id, voted, voteCount, peopleCount };
  };
  return {
    vote: (params) => once(visitor, 'vote', params, () => visitor.commit(() => setVote(params.postId, true))),
    unvote: (params) => once(visitor, 'unvote', params, () => visitor.commit(() => setVote(params.postId, false))),
  };
}
