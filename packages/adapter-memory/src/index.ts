import {
  DEFAULT_STATUSES,
  LIMITS,
  SaysoError,
  checkCommentBody,
  checkNewPost,
  checkPostEdit,
  checkSearchQuery,
  checkTagName,
  decodeKeysetCursor,
  decodeOffsetCursor,
  encodeKeysetCursor,
  encodeOffsetCursor,
  findSimilarIds,
  similarLimit,
  SimilarityIndex,
  tagSlug,
  trendingScore,
  type Board,
  type Comment,
  type InputProblem,
  type Notification,
  type NotificationKind,
  type Page,
  type Post,
  type PostListSort,
  type SaysoAdapter,
  type SaysoAdminApi,
  type Tag,
  type VoteResult,
} from '@sayso/core';

interface StoredPost extends Omit<Post, 'voted' | 'voteCount' | 'tags'> {
  voters: Set<string>;
  /** Slugs of the post's tags; names come from the board's tags. */
  tagSlugs: Set<string>;
}

/** A notification as kept: for whom (a visitor's private id) and about what. */
interface StoredNotification {
  id: string;
  recipient: string;
  kind: NotificationKind;
  postId: string;
  commentId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** Boards, posts, votes, comments and tags held in memory, shared by the adapters made over it. */
export interface MemoryData {
  boards: Map<string, Board>;
  posts: Map<string, StoredPost>;
  comments: Map<string, Comment[]>;
  /** Visitors' public ids, so a voter's private id never appears in what others read. */
  authors: Map<string, string>;
  /** Each board's tags by slug, keyed by board slug. */
  tags: Map<string, Map<string, Tag>>;
  /** Status changes, oldest first: the memory counterpart of the server's post_events. */
  events: Array<{ postId: string; kind: 'status_changed'; from: string; to: string; actor: string; at: string }>;
  /** Every visitor's notifications, oldest first: the memory counterpart of the server's table. */
  notifications: StoredNotification[];
  /**
   * First answers to calls made with an `idempotencyKey`, by visitor, operation and key, with
   * the input they answered, so a repeat answers as the first call did.
   */
  idempotent: Map<string, { input: string; answer: Promise<unknown> }>;
}

/** A seed idea for {@link createMemoryData}; votes are given as a number of distinct voters. */
export interface SeedPost {
  board: string;
  title: string;
  body?: string;
  status?: string;
  votes?: number;
  createdAt?: string;
  /** When it shipped; default: its creation time when its status is `done`, else none. */
  shippedAt?: string;
  /** Tag names; tags missing on the board are created. */
  tags?: string[];
}

/** Creates an empty store (or one seeded with boards and ideas) for memory adapters. */
export function createMemoryData(seed: { boards?: Array<Partial<Board> & { slug: string }>; posts?: SeedPost[] } = {}): MemoryData {
  const data: MemoryData = {
    boards: new Map(),
    posts: new Map(),
    comments: new Map(),
    authors: new Map(),
    tags: new Map(),
    events: [],
    notifications: [],
    idempotent: new Map(),
  };
  for (const board of seed.boards ?? []) addMemoryBoard(data, board);
  seed.posts?.forEach((post, index) => {
    const id = `seed-${index + 1}`;
    const voters = new Set(Array.from({ length: post.votes ?? 0 }, (_, n) => `seed-voter-${n}`));
    const tagSlugs = new Set<string>();
    for (const name of post.tags ?? []) {
      const slug = tagSlug(name);
      const tags = tagsOf(data, post.board);
      if (!tags.has(slug)) tags.set(slug, { slug, name: name.trim() });
      tagSlugs.add(slug);
    }
    const status = post.status ?? firstOpenStatus(data, post.board);
    const createdAt = post.createdAt ?? new Date(Date.now() - index * 3_600_000).toISOString();
    data.posts.set(id, {
      id,
      board: post.board,
      title: post.title,
      body: post.body ?? '',
      status,
      commentCount: 0,
      author: { id: 'seed', name: null },
      createdAt,
      editedAt: null,
      shippedAt: post.shippedAt ?? (isDone(data, post.board, status) ? createdAt : null),
      voters,
      tagSlugs,
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
    anonymous: board.anonymous ?? 'votes-and-posts',
    statuses: board.statuses ?? DEFAULT_STATUSES.map((status) => ({ ...status })),
  };
  data.boards.set(full.slug, full);
  return full;
}

function tagsOf(data: MemoryData, board: string): Map<string, Tag> {
  let tags = data.tags.get(board);
  if (!tags) {
    tags = new Map();
    data.tags.set(board, tags);
  }
  return tags;
}

function isDone(data: MemoryData, board: string, status: string): boolean {
  return data.boards.get(board)?.statuses.find((s) => s.id === status)?.kind === 'done';
}

function firstOpenStatus(data: MemoryData, slug: string): string {
  const board = data.boards.get(slug);
  return board?.statuses.find((status) => status.kind === 'open')?.id ?? 'open';
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new SaysoError('invalid_input', message, details);

const refuse = (problems: InputProblem[]) => {
  if (problems.length > 0) throw invalid(problems.map((p) => p.message).join(' '), { problems });
};

const byName = (a: Tag, b: Tag) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
};

/** Plain code-unit order, so sorting and keyset comparisons agree exactly. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * An adapter acting for one visitor over in-memory data: for prototypes, stories and unit
 * tests. It follows the same contract as the HTTP adapter (the conformance suite checks both),
 * including copies on every read so callers can never change stored data by accident.
 *
 * Search (`q`) differs from the reference server's PostgreSQL full text: every word must occur
 * in the title or body, case-insensitively, as written (no stemming, no phrases or `-word`).
 */
export function createMemoryAdapter(options: {
  data?: MemoryData;
  /** The visitor this adapter acts for. */
  voterId?: string;
  /** Delay every call by this many milliseconds, to show loading states. */
  latencyMs?: number;
  /** Act as a board admin: may edit anything, and gets the `admin` part of the contract. */
  admin?: boolean;
} = {}): SaysoAdapter {
  const data = options.data ?? createMemoryData();
  const voterId = options.voterId ?? 'memory-visitor';
  const latency = options.latencyMs ?? 0;
  const isAdmin = options.admin === true;

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
    const { voters, tagSlugs, ...rest } = post;
    const boardTags = data.tags.get(post.board);
    const tags = [...tagSlugs].flatMap((slug) => boardTags?.get(slug) ?? []).sort(byName);
    return { ...rest, voteCount: voters.size, voted: voters.has(voterId), tags };
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

  const commentOf = (commentId: string) => {
    for (const comments of data.comments.values()) {
      const comment = comments.find((c) => c.id === commentId);
      if (comment) return comment;
    }
    throw new SaysoError('not_found', `There is no comment "${commentId}".`);
  };

  const tagOf = (board: string, slug: string) => {
    const tag = data.tags.get(board)?.get(slug);
    if (!tag) throw new SaysoError('not_found', `There is no tag "${slug}" on the board "${board}".`);
    return tag;
  };

  /** Authors may change what they wrote; admins may change anything. */
  const mayChange = (author: { id: string }, what: string) => {
    if (!isAdmin && author.id !== publicIdOf(voterId)) {
      throw new SaysoError('forbidden', `Only its author or an admin may change this ${what}.`);
    }
  };

  const checkLimit = (limit: number) => {
    if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.pageSizeMax) {
      throw invalid(`limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.`, { field: 'limit' });
    }
  };

  const pageOf = <T>(items: T[], cursor: string | null | undefined, limit: number = LIMITS.pageSizeDefault): Page<T> => {
    const offset = decodeOffsetCursor(cursor);
    if (offset === undefined) throw invalid('The cursor is not one this board gave out.', { field: 'cursor' });
    checkLimit(limit);
    const end = offset + limit;
    return { items: items.slice(offset, end), nextCursor: end < items.length ? encodeOffsetCursor(end) : null };
  };

  // `new`, `shipped` and notifications page with a keyset cursor (the last item's time and id),
  // so items added between pages never shift the walk; `top` and `trending` reorder as votes
  // come in anyway, so they page by offset, as the reference server does. `items` must already
  // be ordered by `atOf` then id, newest first.
  const keysetPageOf = <T extends { id: string }>(
    items: T[],
    atOf: (item: T) => string,
    cursor: string | null | undefined,
    limit: number = LIMITS.pageSizeDefault,
    what = 'list',
  ): Page<T> => {
    const after = decodeKeysetCursor(cursor);
    if (after === undefined) throw invalid(`The cursor is not one this ${what} gave out.`, { field: 'cursor' });
    checkLimit(limit);
    const rest = after
      ? items.filter((item) => {
          const at = Date.parse(atOf(item)) - Date.parse(after.at);
          return at < 0 || (at === 0 && compare(item.id, after.id) < 0);
        })
      : items;
    const page = rest.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rest.length > limit && last ? encodeKeysetCursor({ at: atOf(last), id: last.id }) : null,
    };
  };

  const shippedOrCreatedAt = (post: Post) => post.shippedAt ?? post.createdAt;

  const ordered = (posts: Post[], sort: PostListSort): Post[] => {
    const now = new Date();
    const key: Record<PostListSort, (post: Post) => number> = {
      top: (post) => post.voteCount,
      new: (post) => Date.parse(post.createdAt),
      trending: (post) => trendingScore(post.voteCount, new Date(post.createdAt), now),
      shipped: (post) => Date.parse(shippedOrCreatedAt(post)),
    };
    const by = key[sort];
    if (!by) throw invalid(`sort must be one of top, new, trending, shipped.`, { field: 'sort' });
    // Keyset sorts break ties on the id alone, as their cursors do.
    const byCreation = sort === 'shipped' ? () => 0 : (a: Post, b: Post) => Date.parse(b.createdAt) - Date.parse(a.createdAt);
    return posts.sort((a, b) => by(b) - by(a) || byCreation(a, b) || compare(b.id, a.id));
  };

  const matches = (q: string) => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return (post: Post) => {
      const text = `${post.title} ${post.body}`.toLowerCase();
      return words.every((word) => text.includes(word));
    };
  };

  // Creation, ship and notification times strictly increase, so `new`, `shipped` and the
  // notification lists follow the order things happened in, even within a millisecond.
  const nextCreatedAt = () => {
    let latest = Date.now();
    for (const post of data.posts.values()) {
      latest = Math.max(latest, Date.parse(post.createdAt) + 1, post.shippedAt ? Date.parse(post.shippedAt) + 1 : 0);
    }
    const lastNotice = data.notifications[data.notifications.length - 1];
    if (lastNotice) latest = Math.max(latest, Date.parse(lastNotice.createdAt) + 1);
    return new Date(latest).toISOString();
  };

  /** The private id of a visitor by their public one; `undefined` for seed authors. */
  const visitorOf = (publicId: string) => [...data.authors].find(([, id]) => id === publicId)?.[0];

  /**
   * Notifies each recipient once, never the visitor who acted, all at one time. Ids count up,
   * so a list ordered by time then id is in the order they were made. The list only grows: a
   * notice whose comment was deleted is skipped when read.
   */
  const notify = (recipients: Iterable<string | undefined>, notice: Pick<StoredNotification, 'kind' | 'postId' | 'commentId'>) => {
    const createdAt = nextCreatedAt();
    for (const recipient of new Set(recipients)) {
      if (recipient === undefined || recipient === voterId) continue;
      if (
        notice.kind === 'shipped' &&
        data.notifications.some((n) => n.recipient === recipient && n.kind === 'shipped' && n.postId === notice.postId && n.readAt === null)
      ) {
        continue;
      }
      const id = `notification-${String(data.notifications.length + 1).padStart(9, '0')}`;
      data.notifications.push({ ...notice, id, recipient, createdAt, readAt: null });
    }
  };

  const noticeView = (notice: StoredNotification): Notification[] => {
    const post = data.posts.get(notice.postId);
    if (!post) return [];
    const base = { id: notice.id, kind: notice.kind, post: { id: post.id, board: post.board, title: post.title } };
    const times = { createdAt: notice.createdAt, readAt: notice.readAt };
    if (notice.commentId === null) return [{ ...base, comment: null, ...times }];
    const comment = data.comments.get(post.id)?.find((c) => c.id === notice.commentId);
    return comment ? [{ ...base, comment: { id: comment.id, author: comment.author }, ...times }] : [];
  };

  /** The visitor's notifications as they read them, newest first. */
  const myNotices = () =>
    data.notifications
      .filter((n) => n.recipient === voterId)
      .flatMap((n) => noticeView(n).map((shown) => ({ shown, stored: n })))
      .reverse();

  /**
   * Runs a change once per visitor, operation and idempotency key: a repeat with the same input
   * gets (a copy of) the first answer, one with other input `idempotency_conflict`, as the
   * reference server does. A call that failed is not kept, so its repeat runs again.
   */
  const once = <T>(operation: string, params: { idempotencyKey?: string }, work: () => Promise<T>): Promise<T> => {
    const { idempotencyKey, ...input } = params;
    if (idempotencyKey === undefined) return work();
    const scope = `${voterId}\n${operation}\n${idempotencyKey}`;
    const inputText = JSON.stringify(input);
    const first = data.idempotent.get(scope);
    if (first) {
      if (first.input !== inputText) {
        return Promise.reject(
          new SaysoError('idempotency_conflict', 'This Idempotency-Key was already used with a different request; use a new key for a new request.'),
        );
      }
      return first.answer.then((answer) => structuredClone(answer) as T);
    }
    const answer = work();
    const kept = answer.then((value) => structuredClone(value));
    kept.catch(() => data.idempotent.delete(scope));
    data.idempotent.set(scope, { input: inputText, answer: kept });
    return answer;
  };

  const setVote = (postId: string, voted: boolean): VoteResult => {
    const post = postOf(postId);
    if (voted) post.voters.add(voterId);
    else post.voters.delete(voterId);
    return { postId, voted, voteCount: post.voters.size };
  };

  const admin: SaysoAdminApi = {
    setPostStatus: ({ postId, status }) =>
      settle(() => {
        const post = postOf(postId);
        const board = boardOf(post.board);
        if (!board.statuses.some((s) => s.id === status)) {
          throw invalid(`The board "${board.slug}" has no status "${status}".`, { field: 'status' });
        }
        if (post.status !== status) {
          const wasDone = isDone(data, post.board, post.status);
          const done = isDone(data, post.board, status);
          const at = nextCreatedAt();
          data.events.push({ postId, kind: 'status_changed', from: post.status, to: status, actor: voterId, at });
          post.status = status;
          if (!done) post.shippedAt = null;
          else if (!wasDone) {
            post.shippedAt = at;
            notify([visitorOf(post.author.id), ...post.voters], { kind: 'shipped', postId, commentId: null });
          }
        }
        return view(post);
      }),

    createTag: ({ board, name }) =>
      settle(() => {
        boardOf(board);
        refuse(checkTagName(name));
        const tag: Tag = { slug: tagSlug(name.trim()), name: name.trim() };
        const tags = tagsOf(data, board);
        const clash = [...tags.values()].find((t) => t.slug === tag.slug || t.name.toLowerCase() === tag.name.toLowerCase());
        if (clash) throw new SaysoError('conflict', `The board "${board}" already has a tag "${clash.name}".`);
        tags.set(tag.slug, tag);
        return tag;
      }),

    renameTag: ({ board, tag: slug, name }) =>
      settle(() => {
        boardOf(board);
        const tag = tagOf(board, slug);
        refuse(checkTagName(name));
        const clash = [...tagsOf(data, board).values()].find(
          (t) => t.slug !== slug && t.name.toLowerCase() === name.trim().toLowerCase(),
        );
        if (clash) throw new SaysoError('conflict', `The board "${board}" already has a tag "${clash.name}".`);
        tag.name = name.trim();
        return tag;
      }),

    deleteTag: ({ board, tag: slug }) =>
      settle(() => {
        boardOf(board);
        tagOf(board, slug);
        data.tags.get(board)?.delete(slug);
        for (const post of data.posts.values()) if (post.board === board) post.tagSlugs.delete(slug);
      }),

    addPostTag: ({ postId, tag }) =>
      settle(() => {
        const post = postOf(postId);
        tagOf(post.board, tag);
        post.tagSlugs.add(tag);
        return view(post);
      }),

    removePostTag: ({ postId, tag }) =>
      settle(() => {
        const post = postOf(postId);
        tagOf(post.board, tag);
        post.tagSlugs.delete(tag);
        return view(post);
      }),
  };

  return {
    capabilities: isAdmin ? { admin: true } : {},

    listBoards: () => settle(() => [...data.boards.values()]),

    getBoard: ({ board }) => settle(() => boardOf(board)),

    listPosts: ({ board, sort = 'top', cursor, limit, status, tag, q }) =>
      settle(() => {
        boardOf(board);
        if (q !== undefined) refuse(checkSearchQuery(q));
        let posts = [...data.posts.values()]
          .filter((post) => post.board === board)
          .filter((post) => status === undefined || post.status === status)
          .filter((post) => tag === undefined || post.tagSlugs.has(tag))
          .map(view);
        if (q !== undefined) posts = posts.filter(matches(q));
        const sorted = ordered(posts, sort);
        if (sort === 'new') return keysetPageOf(sorted, (post) => post.createdAt, cursor, limit, 'board (sort=new)');
        if (sort === 'shipped') return keysetPageOf(sorted, shippedOrCreatedAt, cursor, limit, 'board (sort=shipped)');
        return pageOf(sorted, cursor, limit);
      }),

    getPost: ({ postId }) => settle(() => view(postOf(postId))),

    createPost: (params) =>
      once('createPost', params, () => settle(() => {
        const { board, title, body } = params;
        boardOf(board);
        refuse(checkNewPost({ title, body }));
        const id = `post-${data.posts.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
        const post: StoredPost = {
          id,
          board,
          title: title.trim(),
          body,
          status: firstOpenStatus(data, board),
          commentCount: 0,
          author: { id: publicIdOf(voterId), name: null },
          createdAt: nextCreatedAt(),
          editedAt: null,
          shippedAt: null,
          // Whoever asks for an idea wants it: the author's vote is counted from the start.
          voters: new Set([voterId]),
          tagSlugs: new Set(),
        };
        data.posts.set(id, post);
        return view(post);
      })),

    updatePost: ({ postId, title, body }) =>
      settle(() => {
        const post = postOf(postId);
        mayChange(post.author, 'idea');
        refuse(checkPostEdit({ title, body }));
        const next = { title: title === undefined ? post.title : title.trim(), body: body ?? post.body };
        if (next.title !== post.title || next.body !== post.body) {
          Object.assign(post, next, { editedAt: new Date().toISOString() });
        }
        return view(post);
      }),

    vote: (params) => once('vote', params, () => settle(() => setVote(params.postId, true))),

    unvote: (params) => once('unvote', params, () => settle(() => setVote(params.postId, false))),

    listComments: ({ postId, cursor, limit }) =>
      settle(() => {
        postOf(postId);
        return pageOf(data.comments.get(postId) ?? [], cursor, limit);
      }),

    addComment: ({ postId, body }) =>
      settle(() => {
        const post = postOf(postId);
        refuse(checkCommentBody(body));
        const comment: Comment = {
          id: `comment-${Math.random().toString(36).slice(2, 10)}`,
          postId,
          body: body.trim(),
          author: { id: publicIdOf(voterId), name: null },
          createdAt: new Date().toISOString(),
          editedAt: null,
        };
        const earlier = data.comments.get(postId) ?? [];
        data.comments.set(postId, [...earlier, comment]);
        post.commentCount += 1;
        notify([post.author, ...earlier.map((c) => c.author)].map((author) => visitorOf(author.id)), {
          kind: 'reply',
          postId,
          commentId: comment.id,
        });
        return comment;
      }),

    updateComment: ({ commentId, body }) =>
      settle(() => {
        const comment = commentOf(commentId);
        mayChange(comment.author, 'comment');
        refuse(checkCommentBody(body));
        if (comment.body !== body.trim()) {
          comment.body = body.trim();
          comment.editedAt = new Date().toISOString();
        }
        return comment;
      }),

    deleteComment: ({ commentId }) =>
      settle(() => {
        const comment = commentOf(commentId);
        mayChange(comment.author, 'comment');
        const post = postOf(comment.postId);
        data.comments.set(post.id, (data.comments.get(post.id) ?? []).filter((c) => c.id !== commentId));
        post.commentCount = data.comments.get(post.id)!.length;
        return { commentId, postId: post.id, commentCount: post.commentCount };
      }),

    listNotifications: ({ cursor, limit } = {}) =>
      settle(() => {
        const mine = myNotices();
        const page = keysetPageOf(
          mine.map((n) => n.shown),
          (n) => n.createdAt,
          cursor,
          limit,
          'notification list',
        );
        return { ...page, unreadCount: mine.filter((n) => n.stored.readAt === null).length };
      }),

    markNotificationsRead: (selection) =>
      settle(() => {
        const ids = 'ids' in selection ? selection.ids : undefined;
        const all = 'all' in selection && selection.all === true;
        if (all === (ids !== undefined)) throw invalid('Send either ids or all: true.', { field: 'ids' });
        if (ids !== undefined && (!Array.isArray(ids) || ids.length < 1 || ids.length > LIMITS.pageSizeMax)) {
          throw invalid(`ids must list 1 to ${LIMITS.pageSizeMax} notification ids.`, { field: 'ids' });
        }
        const chosen = ids && new Set(ids);
        const now = new Date().toISOString();
        const mine = myNotices();
        for (const { stored } of mine) {
          if (stored.readAt === null && (!chosen || chosen.has(stored.id))) stored.readAt = now;
        }
        return { unreadCount: mine.filter((n) => n.stored.readAt === null).length };
      }),

    listTags: ({ board }) =>
      settle(() => {
        boardOf(board);
        return [...(data.tags.get(board)?.values() ?? [])].sort(byName);
      }),

    // Memory boards are small, so the index is built afresh for each lookup; the server keeps one.
    findSimilarPosts: ({ board, text, limit }) =>
      settle(() => {
        const statuses = boardOf(board).statuses;
        const count = similarLimit(limit);
        const posts = [...data.posts.values()].filter((post) => post.board === board);
        const closedAsDuplicate = new Set(statuses.filter((s) => s.kind === 'duplicate').map((s) => s.id));
        const eligible = new Set(posts.filter((post) => !closedAsDuplicate.has(post.status)).map((post) => post.id));
        const ids = findSimilarIds(new SimilarityIndex(posts), { text, limit: count, eligible: (id) => eligible.has(id) });
        return ids.map((id) => view(postOf(id)));
      }),

    ...(isAdmin ? { admin } : {}),
  };
}
