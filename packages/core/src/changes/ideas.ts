import { SaysoError, toSaysoError } from '../errors.js';
import type { OutboxKind, createOutbox } from '../outbox.js';
import type { NewPost, Post } from '../types.js';
import { checkNewPost } from '../validation.js';
import type { ClientContext } from '../views/context.js';

/**
 * Posting an idea through the outbox: checked first, then written to the outbox and sent; once
 * posted it shows at the top of its board's list (if a list of that board is shown).
 */
export function ideaChanges(
  context: ClientContext,
  outbox: ReturnType<typeof createOutbox>,
  shownBoard: (slug: string) => { prepend(postId: string): void } | undefined,
) {
  const kind: OutboxKind<'createPost'> = {
    kind: 'createPost',
    send: async ({ params, idempotencyKey }) => ({ post: await context.adapter.createPost({ ...params, idempotencyKey }) }),
    settle: (settlement) => {
      if (!('post' in settlement)) return;
      context.remember([settlement.post]);
      shownBoard(settlement.post.board)?.prepend(settlement.post.id);
    },
  };
  outbox.register(kind);

  const submitIdea = async ({ board, title, body }: { board: string } & NewPost): Promise<Post> => {
    const problems = checkNewPost({ title, body });
    if (problems.length > 0) {
      throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), { problems });
    }
    try {
      return (await outbox.submit('createPost', { board, title: title.trim(), body })).post;
    } catch (error) {
      throw toSaysoError(error);
    }
  };

  return { submitIdea };
}
