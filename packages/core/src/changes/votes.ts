import { toSaysoError } from '../errors.js';
import { wasQueued, type OutboxKind, type OutboxSetVote, type createOutbox } from '../outbox.js';
import type { Post, VoteResult } from '../types.js';
import type { ClientContext } from '../views/context.js';

/**
 * What the visitor's vote (or taking it back) shows on a post before the backend answers: one
 * voter and one person more or less. The backend's answer then sets both exactly (a person who
 * also asked through a merged idea stays counted once).
 */
function votedCounts(post: Post, voted: boolean): Pick<Post, 'voted' | 'voteCount' | 'peopleCount'> {
  const step = voted ? 1 : -1;
  return { voted, voteCount: Math.max(0, post.voteCount + step), peopleCount: Math.max(0, post.peopleCount + step) };
}

/**
 * Voting through the outbox: shown at once, kept while it waits, rolled back when refused. Only
 * the latest vote on a post waits (a vote taken back offline replaces the vote).
 */
export function voteChanges(context: ClientContext, outbox: ReturnType<typeof createOutbox>) {
  const { adapter, $posts, patchPost } = context;
  const votesInFlight = new Map<string, Promise<VoteResult>>();

  const unsentVoteOn = (postId: string) =>
    outbox.$entries.get().find((e): e is OutboxSetVote => e.kind === 'setVote' && e.params.postId === postId);

  /** A post as the backend sent it, with the visitor's vote that has not reached it yet. */
  const withUnsentVote = (post: Post): Post => {
    const unsent = unsentVoteOn(post.id);
    if (!unsent || unsent.params.voted === post.voted) return post;
    return { ...post, ...votedCounts(post, unsent.params.voted) };
  };

  const kind: OutboxKind<'setVote'> = {
    kind: 'setVote',
    id: ({ postId }) => `vote:${postId}`,
    send: async ({ params: { postId, voted }, idempotencyKey }) => ({
      result: voted ? await adapter.vote({ postId, idempotencyKey }) : await adapter.unvote({ postId, idempotencyKey }),
    }),
    settle: (settlement) => {
      const { entry } = settlement;
      if ('result' in settlement) {
        // A newer vote on the post waits to be sent: the UI keeps showing that one.
        const superseded = outbox.$entries.get().some((e) => e.id === entry.id && e.idempotencyKey !== entry.idempotencyKey);
        const { postId, voted, voteCount, peopleCount } = settlement.result;
        if (!superseded) patchPost(postId, { voted, voteCount, peopleCount });
      } else if (entry.lastError) {
        // A vote that waited and was then refused: show the backend's truth again.
        adapter.getPost({ postId: entry.params.postId }).then((post) => context.remember([post]), () => undefined);
      }
    },
  };
  outbox.register(kind);

  // Entries read from storage (left by an earlier page) show on posts already on screen.
  outbox.$entries.listen((entries) => {
    for (const entry of entries) {
      const post = entry.kind === 'setVote' ? $posts.get()[entry.params.postId] : undefined;
      if (post) {
        const shown = withUnsentVote(post);
        if (shown !== post) $posts.setKey(post.id, shown);
      }
    }
  });

  const sendVote = async (postId: string, voted: boolean): Promise<VoteResult> => {
    const before = $posts.get()[postId];
    if (before && before.voted !== voted) {
      patchPost(postId, votedCounts(before, voted));
    }
    try {
      return (await outbox.submit('setVote', { postId, voted })).result;
    } catch (error) {
      if (before && !wasQueued(error)) {
        patchPost(postId, { voted: before.voted, voteCount: before.voteCount, peopleCount: before.peopleCount });
      }
      throw toSaysoError(error);
    }
  };

  const setVote = (postId: string, voted: boolean): Promise<VoteResult> => {
    const pending = votesInFlight.get(postId);
    if (pending) return pending;
    const request = sendVote(postId, voted).finally(() => votesInFlight.delete(postId));
    votesInFlight.set(postId, request);
    return request;
  };

  return { setVote, withUnsentVote };
}
