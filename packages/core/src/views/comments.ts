import { atom, type ReadableAtom } from 'nanostores';
import { SaysoError, toSaysoError } from '../errors.js';
import type { Comment } from '../types.js';
import { checkCommentBody } from '../validation.js';
import type { ClientContext } from './context.js';
import { appendNew, pagedLoads, type LoadStatus } from './paged-loads.js';

/** Everything a comment list renders. */
export interface CommentsState {
  status: LoadStatus;
  /** Oldest first. */
  items: Comment[];
  nextCursor: string | null;
  loadingMore: boolean;
  /** Why the last load (or next page) failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The comments of one post, shared by every element that shows them. */
export interface CommentsView {
  readonly $state: ReadableAtom<CommentsState>;
  /** Fetches the first page (again). */
  load(): Promise<void>;
  /** Appends the next page, if there is one. */
  loadMore(): Promise<void>;
  /**
   * Checks and posts a comment as the visitor; on success it is appended to the list and the
   * post's comment count goes up. Rejects with a {@link SaysoError} (`invalid_input` before any
   * request when the body is empty or too long), so a form can keep the visitor's text.
   */
  add(body: string): Promise<Comment>;
}

/** The memo kind of comment lists: one per post id. */
export const COMMENTS_VIEW = 'comments';

export function createCommentsView(context: ClientContext, postId: string): CommentsView {
  const { adapter } = context;
  const $state = atom<CommentsState>({ status: 'idle', items: [], nextCursor: null, loadingMore: false, error: null });
  const { load, loadMore } = pagedLoads($state, {
    fetch: (cursor) => adapter.listComments({ postId, cursor }),
    first: (state, page) => ({ ...state, items: page.items }),
    more: (state, page) => ({ ...state, items: appendNew(state.items, page.items) }),
  });

  const add = async (body: string) => {
    const problems = checkCommentBody(body);
    if (problems.length > 0) {
      throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), { problems });
    }
    let comment: Comment;
    try {
      comment = await adapter.addComment({ postId, body: body.trim() });
    } catch (error) {
      throw toSaysoError(error);
    }
    const current = $state.get();
    if (!current.items.some((c) => c.id === comment.id)) {
      $state.set({ ...current, items: [...current.items, comment] });
    }
    const post = context.$posts.get()[postId];
    if (post) context.patchPost(postId, { commentCount: post.commentCount + 1 });
    return comment;
  };

  return { $state, load, loadMore, add };
}
