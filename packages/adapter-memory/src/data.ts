import {
  DEFAULT_PRIORITY_INPUTS,
  type BacklogItem,
  type CapacitySettings,
  DEFAULT_STATUSES,
  canonicalOf,
  newIdeaStatus,
  tagSlug,
  type ApiKey,
  type ApiKeyKind,
  type Board,
  type ChangelogEntry,
  type Comment,
  type CustomerRequest,
  type Delivery,
  type EmailPreferences,
  type FeedbackItem,
  type SubscriptionReason,
  type WebhookEndpoint,
  type NotificationKind,
  type Post,
  type PriorityFormula,
  type PriorityInputs,
  type PostRef,
  type SavedView,
  type StatusKind,
  type Tag,
} from '@sayso/core';

/**
 * A post as kept: who voted (private ids), the slugs of its tags and where it is merged, rather
 * than counts, names and chains, which are worked out when it is read.
 */
export interface StoredPost extends Omit<Post, 'voted' | 'voteCount' | 'peopleCount' | 'commentCount' | 'tags' | 'mergedInto' | 'mergedFrom'> {
  voters: Set<string>;
  /** Slugs of the post's tags; names come from the board's tags. */
  tagSlugs: Set<string>;
  /** The idea it is merged into directly; `null` when it stands on its own. */
  mergedInto: string | null;
  /** Its status before it was merged, taken back on unmerge; `null` while not merged. */
  statusBeforeMerge: string | null;
  /** The tags its merge put onto the canonical of the time (those it lacked), taken off it on unmerge. */
  tagsAddedByMerge: { onto: string; slugs: Set<string> } | null;
  /** Customer requests recorded on it, by requester key (core's `requesterKey`). */
  requests: Map<string, CustomerRequest>;
  priorityInputs: Required<PriorityInputs>;
}

/** A notification as kept: for whom (a visitor's private id) and about what. */
export interface StoredNotification {
  id: string;
  recipient: string;
  kind: NotificationKind;
  /** The idea it is about; for `fixed`, the first of the item's ideas the recipient asked for, or `null`. */
  postId: string | null;
  /** For `fixed`: the backlog item done. */
  backlogItemId: string | null;
  commentId: string | null;
  /** For `merged`: the idea the recipient asked for, merged into `postId`. */
  mergedFromId: string | null;
  /** For `shipped` by a changelog entry: the entry. */
  changelogId: string | null;
  /** For `shipped` and `status`: the status moved to, named as then. */
  status: { id: string; name: string } | null;
  /** The admin's note on the status change, if any. */
  note: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A feedback item as kept: with the customer request its link stands on, if its author is named. */
export interface StoredFeedbackItem extends FeedbackItem {
  /** The requester key (core's `requesterKey`) of the request on `postId` that counts its author; `null` when unlinked or nameless. */
  requestKey: string | null;
}

/** A backlog item as kept: its evidence by id, and when its people were told it is done (once). */
export interface StoredBacklogItem extends Omit<BacklogItem, 'demand' | 'priority' | 'vague' | 'stale'> {
  /** Its evidence, oldest linked first. */
  evidence: StoredBacklogEvidence[];
  /** When everyone behind it was told it is done; set the first time it is, never again. */
  toldAt: string | null;
}

/** One piece of evidence behind a backlog item: an idea or a feedback item. */
export interface StoredBacklogEvidence {
  id: string;
  postId: string | null;
  feedbackItemId: string | null;
  addedAt: string;
}

/** A changelog entry as kept: the ideas it ships by id. */
export interface StoredChangelogEntry extends Omit<ChangelogEntry, 'posts'> {
  postIds: string[];
}

/** A visitor's email settings as kept: what they may do is the adapter's (`mayLeaveAddress`). */
export type StoredEmailSettings = Omit<EmailPreferences, 'mayLeaveAddress'>;

/** Boards, posts, votes, comments and tags held in memory, shared by the adapters made over it. */
export interface MemoryData {
  boards: Map<string, Board>;
  posts: Map<string, StoredPost>;
  comments: Map<string, Comment[]>;
  /** Visitors' public ids, so a voter's private id never appears in what others read. */
  authors: Map<string, string>;
  /** Admins' labels by private id, so history and requests say who did what ("Grace (support)"), as the server's key labels do. */
  adminLabels: Map<string, string>;
  /** When each vote was cast, by `voteKey(postId, voter)`, for demand over time; seeded votes date from their idea. */
  voteTimes: Map<string, string>;
  /** Each board's tags by slug, keyed by board slug. */
  tags: Map<string, Map<string, Tag>>;
  /** What happened to posts, oldest first: the memory counterpart of the server's post_events. */
  events: MemoryEvent[];
  /** Every visitor's notifications, oldest first: the memory counterpart of the server's table. */
  notifications: StoredNotification[];
  /**
   * First answers to calls made with an `idempotencyKey`, by visitor, operation and key, with
   * the input they answered and whether the answer is in yet, so a repeat answers as the first
   * call did.
   */
  idempotent: Map<string, { input: string; answered: boolean; answer: Promise<unknown> }>;
  /** Identity traits (`company`, `mrr`, `plan`) by visitor, for customer value. */
  traits: Map<string, Readonly<Record<string, unknown>>>;
  /** Each board's priority formula, once an admin set one. */
  priorityFormulas: Map<string, PriorityFormula>;
  /**
   * The ideas merged directly into each idea, by its id: the other way round of `mergedInto`, so
   * reading an idea with what is merged into it never scans the whole store.
   */
  mergedChildren: Map<string, Set<string>>;
  /** Dismissed duplicate pairs by `pairKey`, with both ideas' text when dismissed. */
  dismissals: Map<string, string>;
  /** Who follows each idea (by post id, then visitor), and why; `subscribed: false` once they stopped. */
  follows: Map<string, Map<string, { subscribed: boolean; reason: SubscriptionReason }>>;
  /** Visitors' email settings; a visitor without an entry has no address and email on. */
  emailPreferences: Map<string, StoredEmailSettings>;
  /** The status kinds each board tells of, once an admin set them. */
  notifyKinds: Map<string, StatusKind[]>;
  /** Changelog entries by id, in the order written. */
  changelog: Map<string, StoredChangelogEntry>;
  /** Webhook endpoints by id with their secrets. The memory adapter calls no URL: it keeps the registry. */
  webhooks: Map<string, WebhookEndpoint & { secret: string }>;
  /** The delivery log: one `in_app` delivery per notification made (memory sends nothing else). */
  deliveries: Delivery[];
  /** Active API keys by id, without their secrets (which are never kept). */
  apiKeys: Map<string, ApiKey & { kind: ApiKeyKind }>;
  /** Feedback from every channel by id, in the order received by the store. */
  feedback: Map<string, StoredFeedbackItem>;
  /** The ids of customer requests a link of feedback made: unlinking the last item on one removes it. */
  requestsFromFeedback: Set<string>;
  /** The admins' saved views of the ideas list, by id, in the order saved. */
  savedViews: Map<string, SavedView>;
  /** Engineering backlog items by id, in the order created. */
  backlog: Map<string, StoredBacklogItem>;
  /** Each board's capacity settings, once an admin set them (else core's `DEFAULT_CAPACITY_SETTINGS`). */
  capacitySettings: Map<string, CapacitySettings>;
  /** Told after every call of any adapter over the data: each `watch()` looks for what changed. */
  watchers: Set<() => void>;
}

/** A change to a post, with the acting visitor's private id. */
export type MemoryEvent = { postId: string; actor: string; at: string } & (
  | { kind: 'status_changed'; from: string; to: string }
  | { kind: 'edited' }
  /** `into`: the idea merged into (or out of); `people`: the duplicate's people moved. */
  | { kind: 'merged' | 'unmerged'; into: string; people: number }
);

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
    adminLabels: new Map(),
    voteTimes: new Map(),
    tags: new Map(),
    events: [],
    notifications: [],
    idempotent: new Map(),
    traits: new Map(),
    priorityFormulas: new Map(),
    mergedChildren: new Map(),
    dismissals: new Map(),
    follows: new Map(),
    emailPreferences: new Map(),
    notifyKinds: new Map(),
    changelog: new Map(),
    webhooks: new Map(),
    deliveries: [],
    apiKeys: new Map(),
    feedback: new Map(),
    requestsFromFeedback: new Set(),
    savedViews: new Map(),
    backlog: new Map(),
    capacitySettings: new Map(),
    watchers: new Set(),
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
      author: { id: 'seed', name: null },
      createdAt,
      editedAt: null,
      shippedAt: post.shippedAt ?? (statusKindOf(data, post.board, status) === 'done' ? createdAt : null),
      ...newPostParts(voters),
      tagSlugs,
    });
  });
  return data;
}

/** What a new post starts with besides its text: its voters, and nothing merged, tagged or weighed. */
export function newPostParts(
  voters: Set<string>,
): Pick<StoredPost, 'voters' | 'tagSlugs' | 'mergedInto' | 'statusBeforeMerge' | 'tagsAddedByMerge' | 'requests' | 'priorityInputs'> {
  return {
    voters,
    tagSlugs: new Set(),
    mergedInto: null,
    statusBeforeMerge: null,
    tagsAddedByMerge: null,
    requests: new Map(),
    priorityInputs: { ...DEFAULT_PRIORITY_INPUTS },
  };
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
 * A time later than every post's creation and ship time, every comment and every notification,
 * so `new`, `shipped`, comments (a canonical's own and its duplicates' together) and the
 * notification lists follow the order things happened in, even within a millisecond.
 */
export function nextTime(data: MemoryData): string {
  let latest = Date.now();
  for (const post of data.posts.values()) {
    latest = Math.max(latest, Date.parse(post.createdAt) + 1, post.shippedAt ? Date.parse(post.shippedAt) + 1 : 0);
  }
  for (const comments of data.comments.values()) {
    for (const comment of comments) latest = Math.max(latest, Date.parse(comment.createdAt) + 1);
  }
  const lastNotice = data.notifications[data.notifications.length - 1];
  if (lastNotice) latest = Math.max(latest, Date.parse(lastNotice.createdAt) + 1);
  return new Date(latest).toISOString();
}

/** The idea a post's people count on: the end of its merge chain (core's `canonicalOf`). */
export function canonicalPost(data: MemoryData, post: StoredPost): StoredPost {
  return canonicalOf(post, (id) => data.posts.get(id)!);
}

/** Every idea merged into `post`, at any depth, nearest first. */
export function mergedBelow(data: MemoryData, post: StoredPost): StoredPost[] {
  const below: StoredPost[] = [];
  for (let level = [post.id]; level.length > 0; ) {
    const next = level.flatMap((id) => [...(data.mergedChildren.get(id) ?? [])].map((child) => data.posts.get(child)!));
    below.push(...next);
    level = next.map((child) => child.id);
  }
  return below;
}

/** Links a post to the idea it is merged into directly, or cuts the link (`into` null). */
export function setMergedInto(data: MemoryData, post: StoredPost, into: string | null): void {
  if (post.mergedInto !== null) data.mergedChildren.get(post.mergedInto)?.delete(post.id);
  if (into !== null) data.mergedChildren.set(into, (data.mergedChildren.get(into) ?? new Set()).add(post.id));
  post.mergedInto = into;
}

/** An idea with everything merged into it: the ideas whose people and comments it shows. */
export function mergeTree(data: MemoryData, post: StoredPost): StoredPost[] {
  return [post, ...mergedBelow(data, post)];
}

/** Enough of a post to name it and link to it. */
export function refOf(post: StoredPost): PostRef {
  return { id: post.id, title: post.title };
}

/** The people of the idea itself: its voters (private ids) and the people recorded as asking for it. */
/** The key of a vote in `MemoryData.voteTimes`. */
export const voteKey = (postId: string, voter: string) => `${postId} ${voter}`;

export function directPeople(post: StoredPost): string[] {
  return [...post.voters, ...[...post.requests.keys()].map((key) => `request:${key}`)];
}
