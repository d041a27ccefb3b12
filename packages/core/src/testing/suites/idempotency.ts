import { expect, it } from 'vitest';
import type { SuiteArea } from '../suite.js';

const key = () => `suite-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export const idempotency: SuiteArea = {
  name: 'idempotency keys',
  tests: (suite) => {
    it('creates one post for the same key twice, answering the repeat as the first call', async () => {
      const { board, alice } = await suite.freshBoard();
      const idempotencyKey = key();
      const first = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey });
      const again = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey });
      expect(again).toEqual(first);
      expect((await alice.listPosts({ board })).items.map((p) => p.id)).toEqual([first.id]);
      const other = await alice.createPost({ board, title: 'Sent twice from an outbox', body: 'Once only', idempotencyKey: key() });
      expect(other.id).not.toBe(first.id);
    });

    it('answers a repeated vote key with the first result, even after the count moved on', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const post = await alice.createPost({ board, title: 'Offline votes', body: '' });
      const idempotencyKey = key();
      const first = await bob.vote({ postId: post.id, idempotencyKey });
      expect(first).toEqual({ postId: post.id, voted: true, voteCount: 2, peopleCount: 2 });
      await carol.vote({ postId: post.id });
      expect(await bob.vote({ postId: post.id, idempotencyKey })).toEqual(first);
      expect((await carol.getPost({ postId: post.id })).voteCount).toBe(3);
      const unvoteKey = key();
      expect(await bob.unvote({ postId: post.id, idempotencyKey: unvoteKey })).toMatchObject({ voted: false, voteCount: 2 });
      expect(await bob.unvote({ postId: post.id, idempotencyKey: unvoteKey })).toMatchObject({ voted: false, voteCount: 2 });
    });

    it('keeps keys apart per visitor', async () => {
      const { board, alice, bob, carol } = await suite.freshBoard();
      const idempotencyKey = key();
      const mine = await alice.createPost({ board, title: 'Same key, other visitor', body: '', idempotencyKey });
      const theirs = await bob.createPost({ board, title: 'Same key, other visitor', body: '', idempotencyKey });
      expect(theirs.id).not.toBe(mine.id);
      expect((await carol.listPosts({ board })).items).toHaveLength(2);
    });
  },
};
