import { SaysoError, checkTagName, compareTags, tagSlug, type SaysoAdapter, type SaysoAdminApi, type Tag } from '@sayso/core';
import { tagsOf } from './data.js';
import { refuse, type MemoryVisitor } from './visitor.js';

export function tagOperations({ data, settle, boardOf }: MemoryVisitor): Pick<SaysoAdapter, 'listTags'> {
  return {
    listTags: ({ board }) =>
      settle(() => {
        boardOf(board);
        return [...(data.tags.get(board)?.values() ?? [])].sort(compareTags);
      }),
  };
}

/** The admin's tag operations: a board's tags, and which of them a post has. */
export function tagAdminOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'createTag' | 'renameTag' | 'deleteTag' | 'addPostTag' | 'removePostTag'> {
  const { data, commit, view, boardOf, postOf, tagOf } = visitor;
  /** Puts a tag of the post's own board on a post, or takes it off; idempotent both ways. */
  const setPostTag = (postId: string, tag: string, tagged: boolean) =>
    commit(() => {
      const post = postOf(postId);
      tagOf(post.board, tag);
      if (tagged) post.tagSlugs.add(tag);
      else post.tagSlugs.delete(tag);
      return view(post);
    });
  const clashOf = (board: string, clash: Tag | undefined) => {
    if (clash) throw new SaysoError('conflict', `The board "${board}" already has a tag "${clash.name}".`);
  };
  return {
    createTag: ({ board, name }) =>
      commit(() => {
        boardOf(board);
        refuse(checkTagName(name));
        const tag: Tag = { slug: tagSlug(name.trim()), name: name.trim() };
        const tags = tagsOf(data, board);
        clashOf(board, [...tags.values()].find((t) => t.slug === tag.slug || t.name.toLowerCase() === tag.name.toLowerCase()));
        tags.set(tag.slug, tag);
        return tag;
      }),

    renameTag: ({ board, tag: slug, name }) =>
      commit(() => {
        boardOf(board);
        const tag = tagOf(board, slug);
        refuse(checkTagName(name));
        clashOf(board, [...tagsOf(data, board).values()].find((t) => t.slug !== slug && t.name.toLowerCase() === name.trim().toLowerCase()));
        tag.name = name.trim();
        return tag;
      }),

    deleteTag: ({ board, tag: slug }) =>
      commit(() => {
        boardOf(board);
        tagOf(board, slug);
        data.tags.get(board)?.delete(slug);
        for (const post of data.posts.values()) if (post.board === board) post.tagSlugs.delete(slug);
      }),

    addPostTag: ({ postId, tag }) => setPostTag(postId, tag, true),

    removePostTag: ({ postId, tag }) => setPostTag(postId, tag, false),
  };
}
