import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoError } from '../errors.js';
import type { Post, PostRef } from '../types.js';
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
   * backend answered (or a live change told) that the idea was merged into another, that other
   * (canonical) idea's id.
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

/**
 * Fetches one idea into {@link ClientContext.$posts}: the backend answers with the idea itself or,
 * when it was merged, with the idea it was merged into. The client's copy of a merged idea is then
 * marked merged too, so every view of it (a link opened later, a detail open now) shows where it went.
 */
export async function readPost(context: ClientContext, postId: string): Promise<Pick<PostState, 'shownId' | 'mergedFrom'>> {
  const { mergedFrom, ...post } = await context.adapter.getPost({ postId });
  // `mergedFrom` belongs to this answer, not to the idea: every other view of the canonical
  // idea (a list, a link straight to it) shows it without the merge note.
  context.remember([{ ...post, mergedFrom: null }]);
  if (post.id !== postId) context.patchPost(postId, { mergedInto: { id: post.id, title: post.title } });
  return { shownId: post.id, mergedFrom };
}

export function createPostView(context: ClientContext, postId: string): PostView {
  const known = context.$posts.get()[postId];
  const $answer = atom<PostState>({
    // A merged idea a list showed (e.g. under a `duplicate` status) is asked for again: the
    // backend answers with the idea its people count on now.
    status: known && !known.mergedInto ? 'ready' : 'idle',
    error: null,
    shownId: postId,
    mergedFrom: null,
  });
  const load = joinedLoad($answer, () => readPost(context, postId));

  // What is shown follows the client's copy of the idea asked for, which a board's live changes
  // keep current: a detail open as someone merges the idea moves to the canonical one (with the
  // banner), and back if they unmerge it, without asking the backend again.
  let moved: { from: PostState; to: PostState } | undefined;
  const $state = computed([$answer, context.$posts], (answer, posts) => {
    const to = followCopy(answer, postId, posts);
    if (to === answer) return answer;
    // The same move is the same state, so a vote elsewhere in `$posts` re-renders nothing.
    if (moved?.from !== answer || moved.to.shownId !== to.shownId) moved = { from: answer, to };
    return moved.to;
  });

  return { $state, load };
}

/** `answer`, or where the client's copy of the idea asked for says it is now. */
function followCopy(answer: PostState, postId: string, posts: Record<string, Post>): PostState {
  const asked = posts[postId];
  if (answer.status !== 'ready' || !asked) return answer;
  const into = asked.mergedInto;
  if (!into) return answer.shownId === postId ? answer : { ...answer, shownId: postId, mergedFrom: null };
  // A canonical idea not fetched yet cannot be shown: the detail shows the merged one, with its
  // "merged into" link.
  if (answer.shownId === into.id || !posts[into.id]) return answer;
  return { ...answer, shownId: into.id, mergedFrom: { id: postId, title: asked.title } };
}
