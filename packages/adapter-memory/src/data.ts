import { DEFAULT_STATUSES, newIdeaStatus, tagSlug, type Board, type Comment, type NotificationKind, type Post, type StatusKind, type Tag } from '@sayso/core';

/** A post as kept: who voted (private ids) and the slugs of its tags, rather than counts and names. */
export interface StoredPost extends Omit<Post, 'voted' | 'voteCount' | 'tags'> {
  voters: Set<string>;
  /** Slugs of the post's tags; names come from the board's tags. */
  tagSlugs: Set<string>;
}

/** A notification as kept: for whom (a visitor's private id) and about what. */
export interface StoredNotification {
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
   * the input they answered and whether the answer is in yet, so a repeat answers as the first
   * call did.
   */
  idempotent: Map<string, { input: string; answered: boolean; answer: Promise<unknown> }>;
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
    const status = post.status ?? newIdeaStatus(data.boards.get(post.board)?.statuses ?? [])?.id ?? 'open';
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
      shippedAt: post.shippedAt ?? (statusKindOf(data, post.board, status) === 'done' ? createdAt : null),
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

/** A board's tags by slug, made empty on first use. */
export function tagsOf(data: MemoryData, board: string): Map<string, Tag> {
  let tags = data.tags.get(board);
  if (!tags) {
    tags = new Map();
    data.tags.set(board, tags);
  }
  return tags;
}

/** The kind of a status on a board; `undefined` for a status the board does not have. */
export function statusKindOf(data: MemoryData, board: string, status: string): StatusKind | undefined {
  return data.boards.get(board)?.statuses.find((s) => s.id === status)?.kind;
}

/**
 * A time later than every post's creation and ship time and every notification, so `new`,
 * `shipped` and the notification lists follow the order things happened in, even within a
 * millisecond.
 */
export function nextTime(data: MemoryData): string {
  let latest = Date.now();
  for (const post of data.posts.values()) {
    latest = Math.max(latest, Date.parse(post.createdAt) + 1, post.shippedAt ? Date.parse(post.shippedAt) + 1 : 0);
  }
  const lastNotice = data.notifications[data.notifications.length - 1];
  if (lastNotice) latest = Math.max(latest, Date.parse(lastNotice.createdAt) + 1);
  return new Date(latest).toISOString();
}
