/** What a status means for the idea it is set on, whatever the board calls it. */
export type StatusKind = 'open' | 'active' | 'done' | 'declined' | 'duplicate';

/** One step of a board's workflow, e.g. "Planned" of kind `active`. */
export interface Status {
  /** Stable key, unique within the board (e.g. `planned`). */
  id: string;
  name: string;
  kind: StatusKind;
  /** Order of the status in the board's workflow, lowest first. */
  position: number;
}

/**
 * What a board lets visitors without a signed-in identity do: nothing (`off`), vote
 * (`votes`), or vote and submit ideas (`votes-and-posts`, the default).
 */
export type AnonymousPolicy = 'off' | 'votes' | 'votes-and-posts';

/** Every anonymous policy, most restrictive first. */
export const ANONYMOUS_POLICIES: readonly AnonymousPolicy[] = ['off', 'votes', 'votes-and-posts'];

/** A feedback board: the place ideas for one product are collected. */
export interface Board {
  /** URL-safe key, unique across the server (e.g. `demo`). */
  slug: string;
  name: string;
  description: string;
  /** What anonymous visitors may do on this board. */
  anonymous: AnonymousPolicy;
  /** The board's workflow, ordered by `position`. */
  statuses: Status[];
}

/** A label admins put on ideas to group them, e.g. "Mobile"; tags belong to one board. */
export interface Tag {
  /**
   * URL-safe key, unique within the board, derived from the name when the tag is created
   * (see `tagSlug`) and kept when it is renamed, so links and filters keep working.
   */
  slug: string;
  /** Display name, 1–40 characters. */
  name: string;
}

/** Who wrote a post or comment, as shown to other users. */
export interface Author {
  id: string;
  /** Display name; `null` for anonymous visitors. */
  name: string | null;
}

/** An idea on a board, with the demand behind it. */
export interface Post {
  id: string;
  board: string;
  title: string;
  /** Markdown source as the user typed it; render it only through a sanitising path. */
  body: string;
  /** Key of the post's status within its board. */
  status: string;
  /** Number of distinct voters, never an estimate. */
  voteCount: number;
  commentCount: number;
  /** Whether the current visitor has voted for this post. */
  voted: boolean;
  author: Author;
  /** The post's tags, ordered by name. */
  tags: Tag[];
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** When the title or body last changed (ISO 8601); `null` when never edited. */
  editedAt: string | null;
  /**
   * When the idea last moved into a `done` status from one that is not (ISO 8601): its ship
   * date. Moving between `done` statuses keeps it; moving out of `done` clears it (`null`), and
   * shipping again sets the new date.
   */
  shippedAt: string | null;
}

/** A reply under a post. */
export interface Comment {
  id: string;
  postId: string;
  body: string;
  author: Author;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** When the body last changed (ISO 8601); `null` when never edited. */
  editedAt: string | null;
}

/** What is left after a comment was deleted: the post's exact new comment count. */
export interface CommentDeletion {
  commentId: string;
  postId: string;
  commentCount: number;
}

/** The state of one visitor's vote on one post after a vote or unvote. */
export interface VoteResult {
  postId: string;
  voted: boolean;
  voteCount: number;
}

/**
 * How a board list is ordered: `top` by votes, `new` by creation time,
 * `trending` by votes weighted toward recent ones.
 */
export type PostSort = 'top' | 'new' | 'trending';

/** The sort orders every adapter supports, in the order a toolbar shows them. */
export const POST_SORTS: readonly PostSort[] = ['top', 'new', 'trending'];

/**
 * The orders `listPosts` accepts: the board sorts, and `shipped`, the changelog's order: newest
 * ship date first (`shippedAt`, `createdAt` for ideas without one), paged by keyset like `new`.
 */
export type PostListSort = PostSort | 'shipped';

/** What a notification tells its recipient: an idea they asked for shipped, or a new reply. */
export type NotificationKind = 'shipped' | 'reply';

/**
 * Something that happened for one visitor: an idea they voted for or wrote was shipped, or
 * someone replied under an idea they wrote or commented on. It carries what a list needs to
 * show it, so rendering a page of them needs no further requests.
 */
export interface Notification {
  id: string;
  kind: NotificationKind;
  /** The idea it is about, as it is now. */
  post: { id: string; board: string; title: string };
  /** The reply, for `reply`; `null` for `shipped`. */
  comment: { id: string; author: Author } | null;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** When the recipient marked it read (ISO 8601); `null` while unread. */
  readAt: string | null;
}

/** One page of the visitor's notifications, newest first, and how many are unread in all. */
export interface NotificationPage extends Page<Notification> {
  /** Unread notifications of the visitor, over every page. */
  unreadCount: number;
}

/** Which notifications to mark read: some of the visitor's own by id, or all of them. */
export type NotificationSelection = { ids: string[] } | { all: true };

/** One page of a longer list; pass `nextCursor` back to get the next page. */
export interface Page<T> {
  items: T[];
  /** Opaque; `null` on the last page. */
  nextCursor: string | null;
}

/** What a visitor types to submit an idea. */
export interface NewPost {
  title: string;
  body: string;
}

/** A change to an idea's text; fields left out stay as they are. */
export interface PostEdit {
  title?: string;
  body?: string;
}

/** How a board list is narrowed; every filter given must match. */
export interface PostFilters {
  /** Only posts in this status (a status key of the board). */
  status?: string;
  /** Only posts with this tag (a tag slug of the board). */
  tag?: string;
  /**
   * Full-text search over title and body, 1–200 characters. Adapters match every word; how
   * words match (stemming, phrases, `-exclusions`) depends on the adapter.
   */
  q?: string;
}

/** Limits every adapter and the server enforce on user text. */
export const LIMITS = {
  titleMin: 3,
  titleMax: 140,
  bodyMax: 10_000,
  commentMax: 5_000,
  tagNameMax: 40,
  searchMax: 200,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Shortest text (trimmed) worth looking for similar ideas with; shorter finds nothing. */
  similarTextMin: 3,
  /** Longest text a similar-ideas lookup reads; adapters send only this much. */
  similarTextMax: 1_000,
  similarDefault: 5,
  similarMax: 10,
} as const;
