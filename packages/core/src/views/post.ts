import { atom, type ReadableAtom } from 'nanostores';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { ClientContext } from './context.js';
import type { LoadStatus } from './paged-loads.js';

/** Where fetching one post by id is: `ready` once it is in {@link SaysoClient.$posts}. */
export interface PostState {
  status: LoadStatus;
  /** Why the last fetch failed (`not_found` when the idea no longer exists); `null` when it did not. */
  error: SaysoError | null;
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
  const $state = atom<PostState>({ status: context.$posts.get()[postId] ? 'ready' : 'idle', error: null });
  let request: Promise<void> | undefined;

  const load = () => {
    request ??= (async () => {
      $state.set({ status: 'loading', error: null });
      try {
        context.remember([await context.adapter.getPost({ postId })]);
        $state.set({ status: 'ready', error: null });
      } catch (error) {
        $state.set({ status: 'error', error: toSaysoError(error) });
      } finally {
        request = undefined;
      }
    })();
    return request;
  };

  return { $state, load };
}
