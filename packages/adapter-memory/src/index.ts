import {
  DEFAULT_STATUSES,
  LIMITS,
  SaysoError,
  checkCommentBody,
  checkNewPost,
  decodeOffsetCursor,
  encodeOffsetCursor,
  trendingScore,
  type Board,
  type Comment,
  type Page,
  type Post,
  type PostSort,
  type SaysoAdapter,
  type VoteResult,
} from '@sayso/core';

interface StoredPost extends Omit<Post, 'voted' | 'voteCount'> {
  voters: Set<string>;
}

/** Boards, posts, votes and comments held in memory, shared by the adapters made over it. */
export interface MemoryData {
  boards: Map<string, Board>;
  posts: Map<string, StoredPost>;
  comments: Map<string, Comment[]>;
  /** Visitors' public ids, so a voter's private id never appears in what others read. */
  authors: Map<string, string>;
}

/** A seed idea for {@link createMemoryData}; votes are given as a number of distinct voters. */
export interface SeedPost {
  board: string;
  title: string;
  body?: string;
  status?: string;
  votes?: number;
  createdAt?: string;
}

/** Creates an empty store (or one seeded with boards and ideas) for memory adapters. */
export function createMemoryData(seed: { boards?: Array<Partial<Board> & { slug: string }>; posts?: SeedPost[] } = {}): MemoryData {
  const data: MemoryData = { boards: new Map(), posts: new Map(), comments: new Map(), authors: new Map() };
  for (const board of seed.boards ?? []) addMemoryBoard(data, board);
  seed.posts?.forEach((post, index) => {
    const id = `seed-${index + 1}`;
    const voters = new Set(Array.from({ length: post.votes ?? 0 }, (_, n) => `seed-voter-${n}`));
    data.posts.set(id, {
      id,
      board: post.board,
      title: post.title,
      body: post.body ?? '',
      status: post.status ?? firstOpenStatus(data, post.board),
      commentCount: 0,
      author: { id: 'seed', name: null },
      createdAt: post.createdAt ?? new Date(Date.now() - index * 3_600_000).toISOString(),
      voters,
    });
  });
  return data;
}

/** Adds a board with the default workflow unless statuses are given. */
export function addMemoryBoard(data: MemoryData, board: Partial<Board> & { slug: string }): Board {
  const full: Board = {
    slug: board.slug,
    name: board.name ?? board.slug,
    description: board.description ?? '',
    statuses: board.statuses ?? DEFAULT_STATUSES.map((status) => ({ ...status })),
  };
  data.boards.set(full.slug, full);
  return full;
}

function firstOpenStatus(data: MemoryData, slug: string): string {
  const board = data.boards.get(slug);
  return board?.statuses.find((status) => status.kind === 'open')?.id ?? 'open';
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new SaysoError('invalid_input', message, details);

/**
 * An adapter acting for one visitor over in-memory data: for prototypes, stories and unit
 * tests. It follows the same contract as the HTTP adapter (the conformance suite checks both),
 * including copies on every read so callers can never change stored data by accident.
 */
export function createMemoryAdapter(options: {
  data?: MemoryData;
  /** The visitor this adapter acts for. */
  voterId?: string;
  /** Delay every call by this many milliseconds, to show loading states. */
  latencyMs?: number;
} = {}): SaysoAdapter {
  const data = options.data ?? createMemoryData();
  const voterId = options.voterId ?? 'memory-visitor';
  const latency = options.latencyMs ?? 0;

  const settle = async <T>(work: () => T): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, latency));
    return structuredClone(work());
  };

  const publicIdOf = (visitor: string) => {
    let id = data.authors.get(visitor);
    if (!id) {
      id = `user-${data.authors.size + 1}`;
      data.authors.set(visitor, id);
    }
    return id;
  };

  const view = (post: StoredPost): Post => {
    const { voters, ...rest } = post;
    return { ...rest, voteCount: voters.size, voted: voters.has(voterId) };
  };

  const boardOf = (slug: string) => {
    const board = data.boards.get(slug);
    if (!board) throw new SaysoError('not_found', `There is no board "${slug}".`);
    return board;
  };

  const postOf = (postId: string) => {
    const post = data.posts.get(postId);
    if (!post) throw new SaysoError('not_found', `There is no post "${postId}".`);
    return post;
  };

  const pageOf = <T>(items: T[], cursor: string | null | undefined, limit: number = LIMITS.pageSizeDefault): Page<T> => {
    const offset = decodeOffsetCursor(cursor);
    if (offset === undefined) throw invalid('The cursor is not one this board gave out.', { field: 'cursor' });
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.pageSizeMax) {
      throw invalid(`limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.`, { field: 'limit' });
    }
    const end = offset + limit;
    return { items: items.slice(offset, end), nextCursor: end < items.length ? encodeOffsetCursor(end) : null };
  };

  const ordered = (posts: Post[], sort: PostSort): Post[] => {
    const now = new Date();
    const key: Record<PostSort, (post: Post) => number> = {
      top: (post) => post.voteCount,
      new: (post) => Date.parse(post.createdAt),
      trending: (post) => trendingScore(post.voteCount, new Date(post.createdAt), now),
    };
    const by = key[sort];
    if (!by) throw invalid(`sort must be one of top, new, trending.`, { field: 'sort' });
    return posts.sort((a, b) => by(b) - by(a) || Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
  };

  const setVote = (postId: string, voted: boolean): VoteResult => {
    const post = postOf(postId);
    if (voted) post.voters.add(voterId);
    else post.voters.delete(voterId);
    return { postId, voted, voteCount: post.voters.size };
  };

  return {
    capabilities: {},

    listBoards: () => settle(() => [...data.boards.values()]),

    listPosts: ({ board, sort = 'top', cursor, limit }) =>
      settle(() => {
        boardOf(board);
        const posts = [...data.posts.values()].filter((post) => post.board === board).map(view);
        return pageOf(ordered(posts, sort), cursor, limit);
      }),

    getPost: ({ postId }) => settle(() => view(postOf(postId))),

    createPost: ({ board, title, body }) =>
      settle(() => {
        boardOf(board);
        const problems = checkNewPost({ title, body });
        if (problems.length > 0) throw invalid(problems.map((p) => p.message).join(' '), { problems });
        const id = `post-${data.posts.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
        const post: StoredPost = {
          id,
          board,
          title: title.trim(),
          body,
          status: firstOpenStatus(data, board),
          commentCount: 0,
          author: { id: publicIdOf(voterId), name: null },
          createdAt: new Date().toISOString(),
          // Whoever asks for an idea wants it: the author's vote is counted from the start.
          voters: new Set([voterId]),
        };
        data.posts.set(id, post);
        return view(post);
      }),

    vote: ({ postId }) => settle(() => setVote(postId, true)),

    unvote: ({ postId }) => settle(() => setVote(postId, false)),

    listComments: ({ postId, cursor, limit }) =>
      settle(() => {
        postOf(postId);
        return pageOf(data.comments.get(postId) ?? [], cursor, limit);
      }),

    addComment: ({ postId, body }) =>
      settle(() => {
        const post = postOf(postId);
        const problems = checkCommentBody(body);
        if (problems.length > 0) throw invalid(problems.map((p) => p.message).join(' '), { problems });
        const comment: Comment = {
          id: `comment-${Math.random().toString(36).slice(2, 10)}`,
          postId,
          body: body.trim(),
          author: { id: publicIdOf(voterId), name: null },
          createdAt: new Date().toISOString(),
        };
        data.comments.set(postId, [...(data.comments.get(postId) ?? []), comment]);
        post.commentCount += 1;
        return comment;
      }),
  };
}
