import { SaysoError, assertMayChange, compareTags, peopleBreakdown, type Author, type Board, type Comment, type InputProblem, type Post, type Tag } from '@sayso/core';
import { canonicalPost, directPeople, mergeTree, refOf, type MemoryData, type StoredPost } from './data.js';

/** The options of `createMemoryAdapter`, which every domain reads. */
export interface MemoryAdapterOptions {
  data?: MemoryData;
  /** The visitor this adapter acts for. */
  voterId?: string;
  /** Delay every call by this many milliseconds, to show loading states. */
  latencyMs?: number;
  /** Act as a board admin: may edit anything, and gets the `admin` part of the contract. */
  admin?: boolean;
  /** Who the admin is, as `admin.whoAmI()` answers (an admin key's label on the server). */
  adminLabel?: string;
  /** The visitor's identity traits, as a host's sign-in would give them (`company`, `mrr`, `plan`). */
  traits?: Readonly<Record<string, unknown>>;
  /**
   * The visitor is a host's signed-in user, as a sign-in token makes one on the server: their
   * address is the one their host gives (`data.emailPreferences`), never one left with `setSubscription`.
   */
  signedIn?: boolean;
}

export const invalid = (message: string, details: Record<string, unknown> = {}) => new SaysoError('invalid_input', message, details);

/** Refuses input with problems, naming each, as the server's `invalid_input` does. */
export const refuse = (problems: InputProblem[]) => {
  if (problems.length > 0) throw invalid(problems.map((p) => p.message).join(' '), { problems });
};

/**
 * One visitor's view of the shared data: what every domain of the memory adapter needs to act
 * for them (look things up, show a post as they see it, answer after the configured latency).
 */
export interface MemoryVisitor {
  data: MemoryData;
  /** The visitor's private id. */
  voterId: string;
  isAdmin: boolean;
  /** The admin's label (`adminLabel`), for `whoAmI`. */
  adminLabel: string;
  signedIn: boolean;
  /** Answers with a copy of what `work` returns, after the latency, so callers never hold stored data. */
  settle<T>(work: () => T): Promise<T>;
  /** As {@link settle}, for work that changes data: watchers then look for what changed. */
  commit<T>(work: () => T): Promise<T>;
  /** A visitor's public id (made on first use), so a private id never appears in what others read. */
  publicIdOf(visitor: string): string;
  /** Who did something, as history and requests show them: an admin by their label. */
  actorOf(visitor: string): Author;
  /** The private id of a visitor by their public one; `undefined` for seed authors. */
  visitorOf(publicId: string): string | undefined;
  /**
   * A post as this visitor sees it: counts, their own vote and tags by name, each over the post
   * and every idea merged into it; where it is merged, if it is.
   */
  view(post: StoredPost): Post;
  boardOf(slug: string): Board;
  postOf(postId: string): StoredPost;
  commentOf(commentId: string): Comment;
  tagOf(board: string, slug: string): Tag;
  /** Throws unless this visitor may change what `author` wrote (core's `mayChange`). */
  assertMayChange(author: Author, what: string): void;
}

export function createVisitor(options: MemoryAdapterOptions, data: MemoryData): MemoryVisitor {
  const voterId = options.voterId ?? 'memory-visitor';
  const latency = options.latencyMs ?? 0;
  const isAdmin = options.admin === true;
  if (options.traits) data.traits.set(voterId, options.traits);
  if (isAdmin) data.adminLabels.set(voterId, options.adminLabel ?? 'Admin');

  const visitorOf = (publicId: string) => [...data.authors].find(([, id]) => id === publicId)?.[0];
  const settle = async <T>(work: () => T): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, latency));
    return structuredClone(work());
  };

  return {
    data,
    voterId,
    isAdmin,
    adminLabel: options.adminLabel ?? 'Admin',
    signedIn: options.signedIn === true,

    settle,
    commit: async (work) => {
      const answer = await settle(work);
      // Watchers look once the caller has its answer, as a server's stream follows its writes;
      // only after writes, since each look views every idea of a board.
      queueMicrotask(() => data.watchers.forEach((watcher) => watcher()));
      return answer;
    },

    publicIdOf: (visitor) => {
      let id = data.authors.get(visitor);
      if (!id) {
        id = `user-${data.authors.size + 1}`;
        data.authors.set(visitor, id);
      }
      return id;
    },

    actorOf(visitor) {
      return { id: this.publicIdOf(visitor), name: data.adminLabels.get(visitor) ?? null };
    },

    visitorOf,

    view: (post) => {
      const { voters, tagSlugs, mergedInto, statusBeforeMerge, tagsAddedByMerge, requests, priorityInputs, ...rest } = post;
      const tree = mergeTree(data, post);
      const boardTags = data.tags.get(post.board);
      const tags = [...tagSlugs].flatMap((slug) => boardTags?.get(slug) ?? []).sort(compareTags);
      return {
        ...rest,
        voteCount: voters.size,
        peopleCount: peopleBreakdown(directPeople(post), tree.slice(1).flatMap(directPeople)).total,
        commentCount: tree.reduce((sum, idea) => sum + (data.comments.get(idea.id) ?? []).filter((comment) => !comment.internal).length, 0),
        voted: tree.some((idea) => idea.voters.has(voterId)),
        tags,
        mergedInto: mergedInto === null ? null : refOf(canonicalPost(data, post)),
        mergedFrom: null,
      };
    },

    boardOf: (slug) => {
      const board = data.boards.get(slug);
      if (!board) throw new SaysoError('not_found', `There is no board "${slug}".`);
      return board;
    },

    postOf: (postId) => {
      const post = data.posts.get(postId);
      if (!post) throw new SaysoError('not_found', `There is no post "${postId}".`);
      return post;
    },

    commentOf: (commentId) => {
      for (const comments of data.comments.values()) {
        const comment = comments.find((c) => c.id === commentId);
        if (comment) return comment;
      }
      throw new SaysoError('not_found', `There is no comment "${commentId}".`);
    },

    tagOf: (board, slug) => {
      const tag = data.tags.get(board)?.get(slug);
      if (!tag) throw new SaysoError('not_found', `There is no tag "${slug}" on the board "${board}".`);
      return tag;
    },

    // Compared by private ids, as the server compares keys: asking never hands out a public id.
    assertMayChange: (author, what) => assertMayChange({ id: voterId, admin: isAdmin }, visitorOf(author.id) ?? null, what),
  };
}
