import { atom, computed, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import type { LoadStatus } from './paged-loads.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import { similarLookupText } from '../similarity/similar-ideas.js';
import type { Post } from '../types.js';

/** The ideas similar to what a visitor is typing, and where the lookup is. */
export interface SimilarIdeasState {
  /** `idle`: nothing to look for (the text is too short). */
  status: LoadStatus;
  /** The text, as looked up, that `postIds` answer; empty when idle. */
  text: string;
  /** Best first; the posts live in the client's `$posts`, so votes show at once. */
  postIds: string[];
  /** Why the last lookup failed; the list is then empty. */
  error: SaysoError | null;
}

/** Similar ideas for one idea form: one per form, as two forms type different things. */
export interface SimilarIdeasView {
  readonly $state: ReadableAtom<SimilarIdeasState>;
  /** The similar ideas, best first, kept current as votes change them. */
  readonly $posts: ReadableAtom<Post[]>;
  /**
   * Looks up the ideas similar to `text`. A text too short to look with (see
   * `similarLookupText`) empties the list without asking; the text already shown or being
   * looked up is not asked again; an answer to an older text is dropped. Never rejects: a
   * failure only empties the list, as suggestions must never stand in the way of posting.
   */
  search(text: string): Promise<void>;
  /** Empties the list and drops any answer still on its way. */
  clear(): void;
}

const IDLE: SimilarIdeasState = { status: 'idle', text: '', postIds: [], error: null };

/**
 * Creates the similar-ideas lookup of an idea form for `board` (at most `limit` ideas, default
 * the adapter's, 5). Found posts are added to the client's `$posts`.
 */
export function createSimilarIdeasView(client: SaysoClient, board: string, options: { limit?: number } = {}): SimilarIdeasView {
  const $state = atom<SimilarIdeasState>(IDLE);
  const $posts = computed([$state, client.$posts], (state, posts) =>
    state.postIds.flatMap((id) => (posts[id] ? [posts[id]] : [])),
  );
  // Only the newest lookup may write its answer: typing is faster than the network.
  let generation = 0;

  const clear = () => {
    generation++;
    $state.set(IDLE);
  };

  const search = async (text: string) => {
    const lookup = similarLookupText(text);
    if (lookup === null) return clear();
    const current = $state.get();
    if (current.text === lookup && current.status !== 'error') return;
    const mine = ++generation;
    $state.set({ ...current, status: 'loading', text: lookup, error: null });
    try {
      const posts = await client.adapter.findSimilarPosts({ board, text: lookup, limit: options.limit });
      if (mine !== generation) return;
      for (const post of posts) client.$posts.setKey(post.id, post);
      $state.set({ status: 'ready', text: lookup, postIds: posts.map((post) => post.id), error: null });
    } catch (error) {
      if (mine !== generation) return;
      $state.set({ status: 'error', text: lookup, postIds: [], error: toSaysoError(error) });
    }
  };

  return { $state, $posts, search, clear };
}
