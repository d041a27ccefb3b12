import {
  INBOX_SIMILAR_LIMIT,
  SaysoError,
  checkFeedbackIds,
  checkInboxFilters,
  checkNewFeedbackItem,
  checkNewPost,
  feedbackContent,
  feedbackIdeaDraft,
  feedbackRequest,
  newestFirst,
  normalizedFeedback,
  requesterKey,
  type Author,
  type FeedbackItem,
  type FeedbackSource,
  type InboxItem,
  type NewFeedbackItem,
  type SaysoAdapter,
  type SaysoAdminApi,
} from '@sayso/core';
import { canonicalPost, mergeTree, nextTime, type MemoryData, type StoredFeedbackItem, type StoredPost } from './data.js';
import { recordRequest } from './demand.js';
import { follow } from './follows.js';
import { keysetPage } from './paging.js';
import { createStoredPost } from './posts.js';
import { similarPosts } from './similar.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** The admin who links seed feedback. */
const SEED_ADMIN: Author = { id: 'seed', name: null };

/** An item as read: without what the store keeps on the side. */
const itemView = ({ requestKey: _requestKey, ...item }: StoredFeedbackItem): FeedbackItem => item;

/** The position of an item in newest-received-first lists (the inbox, an idea's feedback). */
const receivedPosition = (item: FeedbackItem) => ({ at: item.receivedAt, id: item.id });

/**
 * Keeps an item a channel handed over, unless the same one is kept already (same source id,
 * else the same content, from the same source): then that one answers, `created: false`.
 * Refuses bad input with `invalid_input`; an unknown board is `not_found`.
 */
export function receiveFeedback(data: MemoryData, source: FeedbackSource, input: NewFeedbackItem): { item: StoredFeedbackItem; created: boolean } {
  refuse(checkNewFeedbackItem(input));
  const board = input.board ?? data.boards.keys().next().value;
  if (board === undefined || !data.boards.has(board)) throw new SaysoError('not_found', board ? `There is no board "${board}".` : 'There is no board to take feedback yet.');
  const createdAt = nextTime(data);
  const kept = normalizedFeedback(input, createdAt);
  const content = feedbackContent(kept);
  const earlier = [...data.feedback.values()].find(
    (item) => item.source === source && (kept.sourceId === null ? item.sourceId === null && feedbackContent(item) === content : item.sourceId === kept.sourceId),
  );
  if (earlier) return { item: earlier, created: false };
  const item: StoredFeedbackItem = {
    id: `feedback-${data.feedback.size + 1}-${Math.random().toString(36).slice(2, 8)}`,
    board,
    source,
    ...kept,
    state: 'new',
    postId: null,
    public: false,
    createdAt,
    requestKey: null,
  };
  data.feedback.set(item.id, item);
  return { item, created: true };
}

/**
 * Makes an item evidence for an idea (its canonical): its author, when named, counts as a request
 * on their behalf (unless they asked already) and follows the idea. An item linked elsewhere moves.
 */
export function linkItem(data: MemoryData, item: StoredFeedbackItem, post: StoredPost, addedBy: Author): void {
  const canonical = canonicalPost(data, post);
  if (item.postId === canonical.id) return;
  unlinkItem(data, item);
  const asked = feedbackRequest(item);
  if (asked) {
    const { request, created } = recordRequest(data, canonical, asked, addedBy);
    if (created) data.requestsFromFeedback.add(request.id);
    item.requestKey = requesterKey(asked);
    follow(data, canonical.id, `request:${item.requestKey}`, 'request');
  }
  Object.assign(item, { state: 'linked', postId: canonical.id });
}

/** Takes an item back to `new`: the request its link made goes unless another linked item stands on it. */
export function unlinkItem(data: MemoryData, item: StoredFeedbackItem): void {
  if (item.postId === null) return;
  const post = data.posts.get(item.postId);
  const request = item.requestKey === null ? undefined : post?.requests.get(item.requestKey);
  const othersOnIt = [...data.feedback.values()].some((other) => other !== item && other.postId === item.postId && other.requestKey === item.requestKey);
  if (post && request && data.requestsFromFeedback.has(request.id) && !othersOnIt) {
    post.requests.delete(item.requestKey!);
    data.requestsFromFeedback.delete(request.id);
  }
  Object.assign(item, { state: 'new', postId: null, requestKey: null });
}

/** A feedback item seeded into demo data, linked to the seed idea `post` (1-based, as `seed-<n>`) if given. */
export interface SeedFeedback extends NewFeedbackItem {
  source: FeedbackSource;
  post?: number;
  public?: boolean;
}

/** Adds feedback to seeded data (after its boards and ideas), so demo ideas show their evidence. */
export function seedMemoryFeedback(data: MemoryData, seeds: SeedFeedback[]): void {
  for (const { source, post, public: shown, ...input } of seeds) {
    const { item } = receiveFeedback(data, source, input);
    if (post !== undefined) linkItem(data, item, data.posts.get(`seed-${post}`)!, SEED_ADMIN);
    item.public = shown ?? false;
  }
}

/** An idea posted through the widget is feedback too: kept as linked evidence, its author already counted by their vote. */
export function recordWidgetFeedback(data: MemoryData, post: StoredPost): void {
  const { item } = receiveFeedback(data, 'widget', { board: post.board, sourceId: post.id, title: post.title, text: post.body.trim() || post.title });
  Object.assign(item, { state: 'linked', postId: post.id });
}

/** The feedback shown on an idea: every item for admins, the public ones for anyone else. */
export function feedbackOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'listPostFeedback'> {
  const { data, isAdmin, settle, postOf } = visitor;
  return {
    listPostFeedback: ({ postId, cursor, limit }) =>
      settle(() => {
        const tree = new Set(mergeTree(data, postOf(postId)).map((idea) => idea.id));
        const items = [...data.feedback.values()]
          .filter((item) => item.postId !== null && tree.has(item.postId) && (isAdmin || item.public))
          .map(itemView)
          // A visitor reads what was said and by whom, never the author's address.
          .map((item) => (isAdmin ? item : { ...item, author: { ...item.author, email: null } }))
          .sort((a, b) => newestFirst(receivedPosition(a), receivedPosition(b)));
        return keysetPage(items, receivedPosition, cursor, limit, 'feedback list');
      }),
  };
}

/** The inbox: feedback from every channel, triaged into ideas as evidence, or put aside. */
export function inboxOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'submitFeedback' | 'listInbox' | 'linkFeedback' | 'unlinkFeedback' | 'createPostFromFeedback' | 'archiveFeedback' | 'setFeedbackPublic'> {
  const { data, voterId, settle, commit, boardOf, postOf } = visitor;
  const admin = (): Author => visitor.actorOf(voterId);
  const itemOf = (itemId: string) => {
    const item = data.feedback.get(itemId);
    if (!item) throw new SaysoError('not_found', `There is no feedback item "${itemId}".`);
    return item;
  };
  /** The items an action takes, all found before any changes: all or nothing. */
  const itemsOf = (itemIds: string[]) => {
    refuse(checkFeedbackIds(itemIds));
    return [...new Set(itemIds)].map(itemOf);
  };
  const inboxItem = (item: StoredFeedbackItem): InboxItem => ({
    ...itemView(item),
    similar: similarPosts(visitor, item.board, [item.title, item.text].filter(Boolean).join('\n'), INBOX_SIMILAR_LIMIT),
  });

  return {
    submitFeedback: (input) => commit(() => itemView(receiveFeedback(data, 'api', input).item)),

    listInbox: ({ cursor, limit, ...filters } = {}) =>
      settle(() => {
        refuse(checkInboxFilters(filters));
        if (filters.board !== undefined) boardOf(filters.board);
        // As the server's ILIKE: the words as written, in any one of the fields.
        const q = filters.q?.toLowerCase();
        const matches = (item: StoredFeedbackItem) =>
          !q || [item.title, item.text, item.author.name, item.author.email, item.author.company].some((field) => field?.toLowerCase().includes(q));
        const items = [...data.feedback.values()]
          .filter((item) => item.state === (filters.state ?? 'new'))
          .filter((item) => (item.filtered !== null) === (filters.filtered === true))
          .filter((item) => filters.source === undefined || item.source === filters.source)
          .filter((item) => filters.board === undefined || item.board === filters.board)
          .filter(matches)
          .sort((a, b) => newestFirst(receivedPosition(a), receivedPosition(b)));
        const page = keysetPage(items, receivedPosition, cursor, limit, 'inbox');
        return { items: page.items.map(inboxItem), nextCursor: page.nextCursor };
      }),

    linkFeedback: ({ itemIds, postId }) =>
      commit(() => {
        const items = itemsOf(itemIds);
        const post = postOf(postId);
        for (const item of items) linkItem(data, item, post, admin());
        return items.map(itemView);
      }),

    unlinkFeedback: ({ itemIds }) =>
      commit(() => {
        const items = itemsOf(itemIds);
        for (const item of items) unlinkItem(data, item);
        return items.map(itemView);
      }),

    createPostFromFeedback: ({ itemId, board, title, body }) =>
      commit(() => {
        const item = itemOf(itemId);
        const draft = feedbackIdeaDraft(item, { title, body });
        refuse(checkNewPost(draft));
        const post = createStoredPost(visitor, board ?? item.board, draft);
        linkItem(data, item, post, admin());
        return { post: visitor.view(post), item: itemView(item) };
      }),

    archiveFeedback: ({ itemIds, archived = true }) =>
      commit(() => {
        if (typeof archived !== 'boolean') throw invalid('archived must be true or false.', { field: 'archived' });
        const items = itemsOf(itemIds);
        for (const item of items) {
          if (archived) {
            unlinkItem(data, item);
            item.state = 'archived';
          } else if (item.state === 'archived') item.state = 'new';
        }
        return items.map(itemView);
      }),

    setFeedbackPublic: ({ itemId, public: shown }) =>
      commit(() => {
        if (typeof shown !== 'boolean') throw invalid('public must be true or false.', { field: 'public' });
        const item = itemOf(itemId);
        item.public = shown;
        return itemView(item);
      }),
  };
}
