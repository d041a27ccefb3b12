import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoError } from '../errors.js';
import type { PostRef } from '../types.js';
import type { ClientContext } from './context.js';
import { joinedLoad } from './joined-load.js';
import type { LoadStatus } from './paged-loads.js';

/** Where fetching one post by id is: `ready` once it is in {@link SaysoClient.$posts}. */
export interface PostState {
  status: LoadStatus;
  /** Why the last fetch failed (`not_found` when the idea no longer exists); `null` when it did not. */
  error: SaysoError | null;
  /**
   * The id of the idea to show in {@link SaysoClient.$posts}: the id asked for, or, once the
   * backend answered that the idea was merged into another, that other (canonical) idea's id.
   */
  shownId: string;
  /**
   * The idea asked for when it was merged into {@link shownId} (the answer's `mergedFrom`), so a
   * detail can say "“…” was merged into this idea"; `null` otherwise.
   */
  mergedFrom: PostRef | null;
}

/**
 * One post fetched by id, for a detail opened from a link rather than from a loaded list. The
 * post itself lands in {@link SaysoClient.$posts}, where every view renders it from.
 */
export interface PostView {
  readonly $state: ReadableAtom<PostState>;
  /** Fetches the post (again); a call while one is under way joins it. */
  load(): Promise<void>;
}

/** The memo kind of single posts: one per post id. */
export const POST_VIEW = 'post';

export function createPostView(context: ClientContext, postId: string): PostView {
  const known = context.$posts.get()[postId];
  const $state = atom<PostState>({
    // A merged idea a list showed (e.g. under a `duplicate` status) is asked for again: the
    // backend answers with the idea its people count on now.
    status: known && !known.mergedInto ? 'ready' : 'idle',
    error: null,
    shownId: postId,
    mergedFrom: null,
  });
  const load = joinedLoad($state, async () => {
    const { mergedFrom, ...post } = await context.adapter.getPost({ postId });
    // `mergedFrom` belongs to this answer, not to the idea: every other view of the canonical
    // idea (a list, a link straight to it) shows it without the merge note.
    context.remember([{ ...post, mergedFrom: null }]);
    return { shownId: post.id, mergedFrom };
  });

  return { $state, load };
}
