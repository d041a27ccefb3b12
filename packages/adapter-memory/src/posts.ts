import {
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
import { nextTime, type StoredPost } from './data.js';
import { once } from './idempotency.js';
import { keysetPage, offsetPage } from './paging.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** `q`: every word in the title or body, case-insensitively, as written (see createMemoryAdapter). */
const matches = (q: string) => {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return (post: Post) => {
    const text = `${post.title} ${post.body}`.toLowerCase();
    return words.every((word) => text.includes(word));
  };
};

export function postOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdapter, 'listPosts' | 'getPost' | 'createPost' | 'updatePost'> {
  const { data, voterId, settle, view, boardOf, postOf } = visitor;
  return {
    listPosts: ({ board, sort = 'top', cursor, limit, status, tag, q }) =>
      settle(() => {
        boardOf(board);
        if (q !== undefined) refuse(checkSearchQuery(q));
        if (!isPostListSort(sort)) throw invalid(`sort must be one of top, new, trending, shipped.`, { field: 'sort' });
        let posts = [...data.posts.values()]
          .filter((post) => post.board === board)
          .filter((post) => status === undefined || post.status === status)
          .filter((post) => tag === undefined || post.tagSlugs.has(tag))
          .map(view);
        if (q !== undefined) posts = posts.filter(matches(q));
        const sorted = posts.sort(postOrder(sort));
        if (pagesByKeyset(sort)) {
          return keysetPage(sorted, (post) => postKeysetPosition(post, sort), cursor, limit, `board (sort=${sort})`);
        }
        return offsetPage(sorted, cursor, limit);
      }),

    getPost: ({ postId }) => settle(() => view(postOf(postId))),

    createPost: (params) =>
      once(visitor, 'createPost', params, () =>
        settle(() => {
          const { board, title, body } = params;
          const status = newIdeaStatus(boardOf(board).statuses);
          refuse(checkNewPost({ title, body }));
          if (!status) throw new SaysoError('conflict', `The board "${board}" takes no new ideas.`);
          const id = `post-${data.posts.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
          const post: StoredPost = {
            id,
            board,
            title: title.trim(),
            body,
            status: status.id,
            commentCount: 0,
            author: { id: visitor.publicIdOf(voterId), name: null },
            createdAt: nextTime(data),
            editedAt: null,
            shippedAt: null,
            // Whoever asks for an idea wants it: the author's vote is counted from the start.
            voters: new Set([voterId]),
            tagSlugs: new Set(),
          };
          data.posts.set(id, post);
          return view(post);
        }),
      ),

    updatePost: ({ postId, title, body }) =>
      settle(() => {
        const post = postOf(postId);
        visitor.assertMayChange(post.author, 'idea');
        refuse(checkPostEdit({ title, body }));
        const next = { title: title === undefined ? post.title : title.trim(), body: body ?? post.body };
        if (next.title !== post.title || next.body !== post.body) {
          Object.assign(post, next, { editedAt: new Date().toISOString() });
        }
        return view(post);
      }),
  };
}
