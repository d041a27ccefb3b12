import {
  assertUnchangedSince,
  SaysoError,
  checkNewPost,
  checkPostEdit,
  checkSearchQuery,
  isPostListSort,
  newIdeaStatus,
  pagesByKeyset,
  postKeysetPosition,
  postOrder,
  type Post,
  type SaysoAdapter,
} from '@sayso/core';
import { canonicalPost, newPostParts, nextTime, refOf, statusKindOf, type StoredPost } from './data.js';
import { priorityOf } from './demand.js';
import { recordWidgetFeedback } from './feedback.js';
import { follow } from './follows.js';
import { once } from './idempotency.js';
import { keysetPage, offsetPage } from './paging.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/**
 * Stores a new idea by the visitor in its board's first status, with `voters` counted from the
 * start; `conflict` when the board takes no new ideas. Check the text first.
 */
export function createStoredPost(visitor: MemoryVisitor, board: string, text: { title: string; body: string }, voters = new Set<string>()): StoredPost {
  const { data, voterId } = visitor;
  const status = newIdeaStatus(visitor.boardOf(board).statuses);
  if (!status) throw new SaysoError('conflict', `The board "${board}" takes no new ideas.`);
  const id = `post-${data.posts.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
  const post: StoredPost = {
    id,
    board,
    title: text.title.trim(),
    body: text.body,
    status: status.id,
    author: { id: visitor.publicIdOf(voterId), name: null },
    createdAt: nextTime(data),
    editedAt: null,
    shippedAt: null,
    ...newPostParts(voters),
  };
  data.posts.set(id, post);
  return post;
}

/** `q`: every word in the title or body, case-insensitively, as written (see createMemoryAdapter). */
export const matchesSearch = (q: string) => {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return (post: Pick<Post, 'title' | 'body'>) => {
    const text = `${post.title} ${post.body}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
};

export function postOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdapter, 'listPosts' | 'getPost' | 'createPost' | 'updatePost'> {
  const { data, voterId, settle, commit, view, boardOf, postOf } = visitor;
  return {
    listPosts: ({ board, sort = 'top', cursor, limit, status, tag, q }) =>
      settle(() => {
        boardOf(board);
        if (q !== undefined) refuse(checkSearchQuery(q));
        if (!isPostListSort(sort)) throw invalid(`sort must be one of top, new, trending, shipped, priority.`, { field: 'sort' });
        if (sort === 'priority' && !visitor.isAdmin) throw new SaysoError('forbidden', 'Only admins can sort by priority.');
        // Merged ideas count on their canonical: listed only when asked for duplicates.
        const listsMerged = status !== undefined && statusKindOf(data, board, status) === 'duplicate';
        let posts = [...data.posts.values()]
          .filter((post) => post.board === board)
          .filter((post) => listsMerged || post.mergedInto === null)
          .filter((post) => status === undefined || post.status === status)
          .map((stored) => ({ stored, post: view(stored) }))
          .filter(({ post }) => tag === undefined || post.tags.some((t) => t.slug === tag));
        if (q !== undefined) posts = posts.filter(({ post }) => matchesSearch(q)(post));
        const order = postOrder(sort);
        const placed = posts.map(({ stored, post }) => ({ post, place: { ...post, priority: sort === 'priority' ? priorityOf(visitor, stored).score : undefined } }));
        const sorted = placed.sort((a, b) => order(a.place, b.place)).map(({ post }) => post);
        if (pagesByKeyset(sort)) {
          return keysetPage(sorted, (post) => postKeysetPosition(post, sort), cursor, limit, `board (sort=${sort})`);
        }
        return offsetPage(sorted, cursor, limit);
      }),

    getPost: ({ postId }) =>
      settle(() => {
        const asked = postOf(postId);
        const canonical = canonicalPost(data, asked);
        return { ...view(canonical), mergedFrom: canonical === asked ? null : refOf(asked) };
      }),

    createPost: (params) =>
      once(visitor, 'createPost', params, () =>
        commit(() => {
          visitor.boardOf(params.board);
          refuse(checkNewPost(params));
          // Whoever asks for an idea wants it: the author's vote is counted from the start.
          const post = createStoredPost(visitor, params.board, params, new Set([voterId]));
          follow(data, post.id, voterId, 'author');
          recordWidgetFeedback(data, post);
          return view(post);
        }),
      ),

    updatePost: ({ postId, title, body, expected }) =>
      commit(() => {
        const post = postOf(postId);
        visitor.assertMayChange(post.author, 'idea');
        refuse(checkPostEdit({ title, body }));
        assertUnchangedSince(post, expected);
        const next = { title: title === undefined ? post.title : title.trim(), body: body ?? post.body };
        if (next.title !== post.title || next.body !== post.body) {
          const at = new Date().toISOString();
          Object.assign(post, next, { editedAt: at });
          data.events.push({ postId, kind: 'edited', actor: voterId, at });
        }
        return view(post);
      }),
  };
}
