import type { BoardChange, NewBoardSettings } from './rules/board-settings.js';
import type { AdminIdeaQuery, AdminIdeaRow, SavedView } from './admin/ideas-query.js';
import type {
  BacklogEvidence,
  BacklogExport,
  BacklogExportFormat,
  BacklogFilters,
  BacklogItem,
  BacklogItemFields,
  BacklogItemSnapshot,
  BacklogSuggestions,
  CapacityReport,
  CapacitySettings,
  PublicBacklogItem,
} from './backlog/types.js';
import type {
  AdminIdentity,
  ApiKey,
  ApiKeyKind,
  CreatedApiKey,
  Board,
  ChangelogEntry,
  CreatedWebhookEndpoint,
  Delivery,
  DeliveryFilters,
  EmailPreferences,
  FeedbackItem,
  IdeaSnapshot,
  InboxFilters,
  InboxItem,
  LiveChange,
  NewFeedbackItem,
  NewChangelogEntry,
  NewWebhookEndpoint,
  NotificationAudience,
  StatusKind,
  Subscription,
  WebhookEndpoint,
  Comment,
  CommentDeletion,
  CustomerRequest,
  Demand,
  DemandHistory,
  DuplicateCandidate,
  IdeaComparison,
  MergeResult,
  NewCustomerRequest,
  PostHistoryEntry,
  PriorityFormula,
  PriorityInputs,
  NewPost,
  Page,
  Post,
  PostEdit,
  PostFilters,
  PostListSort,
  NotificationPage,
  NotificationSelection,
  Tag,
  VoteResult,
} from './types.js';

/** Optional parts of the contract an adapter may implement. */
export interface AdapterCapabilities {
  /** Pushes changes made by others as they happen: the adapter has {@link SaysoAdapter.watch}. */
  realtime?: boolean;
  /** True exactly when the adapter has {@link SaysoAdapter.admin}: triage as a board admin. */
  admin?: boolean;
}

/**
 * Triage operations, present on an adapter that acts as a board admin. Every method refuses a
 * caller who is not an admin with `forbidden` (or `unauthorized` when the caller's admin
 * credentials are missing or revoked).
 */
export interface SaysoAdminApi {
  /**
   * Who these admin credentials act as: the console checks a typed key with it before keeping
   * it, and shows the answer. A wrong or revoked key is `unauthorized`.
   */
  whoAmI(params?: Record<string, never>): Promise<AdminIdentity>;

  /**
   * Moves an idea to another status of its board and records the change in the post's history.
   * Setting the status it already has changes nothing. An unknown status key is `invalid_input`.
   * With `expected` (see {@link IdeaSnapshot}), `conflict` when the idea changed since it was seen.
   */
  setPostStatus(params: { postId: string; status: string; note?: string; expected?: IdeaSnapshot }): Promise<Post>;

  /**
   * Who moving an idea to `status` would tell, through which channels, without changing or
   * sending anything (a dry run): on a status of a kind the board notifies of (see
   * {@link BoardNotificationSettings}), everyone following the idea or an idea merged into it,
   * each person once; nobody otherwise. `limit` (default 100) caps the people listed.
   */
  previewStatusChange(params: { postId: string; status: string; limit?: number }): Promise<NotificationAudience>;

  /** Which status kinds of a board tell the ideas' followers (`done` always). */
  getNotificationSettings(params: { board: string }): Promise<BoardNotificationSettings>;

  /** Sets which status kinds notify; `done` cannot be left out (`invalid_input`). */
  setNotificationSettings(params: { board: string } & BoardNotificationSettings): Promise<BoardNotificationSettings>;

  /** Writes a draft changelog entry; `postIds` must be ideas of the board (`invalid_input` otherwise). */
  createChangelogEntry(params: { board: string } & NewChangelogEntry): Promise<ChangelogEntry>;

  /** Changes an entry's title, body or ideas; fields left out stay. A published entry's ideas stay as published (`conflict`). */
  updateChangelogEntry(params: { entryId: string } & Partial<NewChangelogEntry>): Promise<ChangelogEntry>;

  /** Deletes a draft; a published entry is `conflict`. */
  deleteChangelogEntry(params: { entryId: string }): Promise<void>;

  /**
   * Publishes an entry: each idea it ships moves to the board's first status of kind `done`
   * (ideas already done stay where they are), and everyone following any of them is told once,
   * with the entry in the message, however many of its ideas they asked for. Publishing again
   * is `conflict`.
   */
  publishChangelogEntry(params: { entryId: string }): Promise<ChangelogEntry>;

  /** Who publishing the entry would tell, without publishing (a dry run). */
  previewChangelogEntry(params: { entryId: string; limit?: number }): Promise<NotificationAudience>;

  /**
   * Registers a webhook endpoint; its secret is answered this once. A URL that is not https or
   * http, or whose host resolves to a loopback, private or link-local address (unless the
   * server allows them), is `invalid_input`.
   */
  createWebhookEndpoint(params: NewWebhookEndpoint): Promise<CreatedWebhookEndpoint>;

  listWebhookEndpoints(params?: Record<string, never>): Promise<WebhookEndpoint[]>;

  /** Changes an endpoint's URL, events, or pauses it (`active: false`). */
  updateWebhookEndpoint(params: { endpointId: string } & Partial<NewWebhookEndpoint> & { active?: boolean }): Promise<WebhookEndpoint>;

  /** Removes an endpoint; its deliveries stay in the log. */
  deleteWebhookEndpoint(params: { endpointId: string }): Promise<void>;

  /** The delivery log, newest first, one page at a time, narrowed by any filters. */
  listDeliveries(params?: DeliveryFilters & { cursor?: string | null; limit?: number }): Promise<Page<Delivery>>;

  /** Sends a webhook delivery again, as a new delivery of the same call (same body, new signature). */
  replayDelivery(params: { deliveryId: string }): Promise<Delivery>;

  /**
   * Creates a tag; its slug is derived from the name (`tagSlug`). A name whose slug or
   * (case-insensitive) name is already taken on the board is a `conflict`.
   */
  createTag(params: { board: string; name: string }): Promise<Tag>;

  /** Renames a tag; its slug stays the same. `not_found` for an unknown tag. */
  renameTag(params: { board: string; tag: string; name: string }): Promise<Tag>;

  /** Deletes a tag and takes it off every post that had it. `not_found` for an unknown tag. */
  deleteTag(params: { board: string; tag: string }): Promise<void>;

  /** Puts a tag (slug, of the post's board) on a post; idempotent. Resolves to the post. */
  addPostTag(params: { postId: string; tag: string }): Promise<Post>;

  /** Takes a tag off a post; idempotent. Resolves to the post. */
  removePostTag(params: { postId: string; tag: string }): Promise<Post>;

  /**
   * Merges a duplicate into another idea of the same board; nothing is moved or deleted. The
   * duplicate takes the board's first status of kind `duplicate` (`conflict` when the board has
   * none) and from then on counts on `into` (or on the idea `into` was itself merged into): its
   * people, comments, tags and customer requests show there, a vote on it counts there, its
   * people hear once, in-app, where their vote now counts. Merging an idea into itself, into an
   * idea merged into it, or across boards is `invalid_input`; merging an idea already merged is
   * a `conflict` (unmerge it first), so of two admins merging the same idea at once one wins.
   */
  mergePost(params: { postId: string; into: string }): Promise<MergeResult>;

  /**
   * Undoes a merge exactly: the duplicate's status, and every count, voter, comment, tag and
   * subscription of both ideas, are as they were before it. `conflict` for an idea not merged.
   */
  unmergePost(params: { postId: string }): Promise<MergeResult>;

  // detail (the idea screen)
  /**
   * Writes a comment as the team (`team: true`, shown as from the team): a reply tells the
   * conversation as any comment does; with `internal: true` it is an internal note instead, which
   * only admins ever see (visitors' `listComments` leaves it out, `commentCount` does not count
   * it) and which tells nobody. Same limits as any comment.
   */
  addTeamComment(params: { postId: string; body: string; internal?: boolean }): Promise<Comment>;

  /** How the idea's demand grew, day by day (see {@link DemandHistory}); for a merged idea, its canonical's. */
  getDemandHistory(params: { postId: string }): Promise<DemandHistory>;

  /** Records that someone asked for an idea (see {@link NewCustomerRequest}); idempotent per person and idea. */
  addCustomerRequest(params: { postId: string } & NewCustomerRequest): Promise<CustomerRequest>;

  /** The board's priority formula (defaults: `peopleWeight` 1, `mrrWeight` 0.01). */
  getPriorityFormula(params: { board: string }): Promise<PriorityFormula>;

  /** Sets the board's priority formula; weights are finite and ≥ 0, else `invalid_input`. */
  setPriorityFormula(params: { board: string } & PriorityFormula): Promise<PriorityFormula>;

  /**
   * Sets an idea's impact and effort (finite, impact ≥ 0, effort > 0) and answers its demand.
   * `expected`: the inputs as the admin saw them (defaults included); `conflict` when they changed since.
   */
  setPriorityInputs(params: { postId: string; expected?: PriorityInputs } & PriorityInputs): Promise<Demand>;

  /**
   * Pairs of ideas of a board that may be duplicates (similarity above the adapter's threshold),
   * most similar first, leaving out pairs dismissed and ideas already merged or closed as
   * duplicates. Accept a pair with {@link mergePost}.
   */
  listDuplicateCandidates(params: { board: string; limit?: number }): Promise<DuplicateCandidate[]>;

  /** Dismisses a pair for good: it is not listed again unless either idea's text changes. */
  dismissDuplicateCandidate(params: { postIds: [string, string] }): Promise<void>;

  // Triage (the console's duplicates and inbox screens)

  /**
   * Two ideas side by side with the people they share (see {@link IdeaComparison}), for deciding
   * whether to merge them. The same idea twice is `invalid_input`; an unknown idea `not_found`.
   */
  compareIdeas(params: { postIds: [string, string] }): Promise<IdeaComparison>;

  /** An idea's history, oldest first: creation, edits, status changes, merges and unmerges. */
  listPostHistory(params: { postId: string }): Promise<PostHistoryEntry[]>;

  /**
   * Records feedback as the API channel (`source: 'api'`). The same `sourceId`, or without one
   * the same text from the same author, recorded again creates nothing and answers the first item.
   */
  submitFeedback(params: NewFeedbackItem): Promise<FeedbackItem>;

  /**
   * Feedback from every channel, newest received first, one page at a time, each with the ideas
   * it may be about. Without filters: the `new` items of every board, items kept out (auto-replies,
   * bulk mail) left out.
   */
  listInbox(params?: InboxFilters & { cursor?: string | null; limit?: number }): Promise<Page<InboxItem>>;

  /**
   * Makes items evidence for an idea (its canonical while merged): each author counts among the
   * idea's people as a request on their behalf and follows it, to be told when it ships. Linking an
   * item already linked elsewhere moves it. Answers the items as they are now.
   */
  linkFeedback(params: { itemIds: string[]; postId: string }): Promise<FeedbackItem[]>;

  /** Takes items back to `new`: a request their link added is removed unless another item still backs it. */
  unlinkFeedback(params: { itemIds: string[] }): Promise<FeedbackItem[]>;

  /** A new idea from an item (its title and text unless others are given), the item linked to it as evidence. */
  createPostFromFeedback(params: { itemId: string; board?: string; title?: string; body?: string }): Promise<{ post: Post; item: FeedbackItem }>;

  /** Puts items aside (`archived`), or back to `new` with `archived: false`; a linked item is unlinked first. */
  archiveFeedback(params: { itemIds: string[]; archived?: boolean }): Promise<FeedbackItem[]>;

  /** Shows an item to visitors on its idea, or hides it again. */
  setFeedbackPublic(params: { itemId: string; public: boolean }): Promise<FeedbackItem>;

  // publish (the console's settings): boards
  /**
   * Creates a board (its slug never changes) with the default workflow or the one given. A slug
   * taken is `conflict`; a bad slug, name or workflow (see `planWorkflow`) is `invalid_input`.
   */
  createBoard(params: NewBoardSettings): Promise<Board>;

  /**
   * Changes a board's name, description, anonymous policy or workflow; fields left out stay.
   * `statuses` is the whole workflow in order: existing statuses by `id` (renamed, moved, of
   * another kind), new ones without. Leaving a status out, or a workflow without an `open` or a
   * `done` status, is `invalid_input`; changing the kind of a status that holds ideas is `conflict`.
   */
  updateBoard(params: { board: string } & BoardChange): Promise<Board>;

  // publish (the console's settings): API keys
  /** The active keys of a kind, oldest first, without their secrets (keys from the server's environment are not listed). */
  listApiKeys(params: { kind: ApiKeyKind }): Promise<ApiKey[]>;

  /** Creates a key; its secret is answered this once. A label empty after trimming, or over 100 characters, is `invalid_input`. */
  createApiKey(params: { kind: ApiKeyKind; label: string }): Promise<CreatedApiKey>;

  /** Revokes a key: from then on it is refused. `not_found` for an unknown or already revoked key. */
  revokeApiKey(params: { kind: ApiKeyKind; keyId: string }): Promise<ApiKey>;

  // ideas — the admins' list of every board's ideas (sayso-admin-ideas)

  /**
   * Every board's ideas (canonicals; ideas merged into others are left out), narrowed by the
   * filters, sorted by any column (default most people first; ties by id in the same direction),
   * one keyset page at a time: a cursor belongs to the sort it came from (`invalid_input` for
   * another), and a page starts strictly after the last row seen.
   */
  listIdeas(params?: AdminIdeaQuery): Promise<Page<AdminIdeaRow>>;

  /** The deployment's saved views of the ideas list, by name. */
  listSavedViews(params?: Record<string, never>): Promise<SavedView[]>;

  /** Names the list's present params for every admin; a name taken (case-insensitive) is `conflict`. */
  saveView(params: { name: string; params: Record<string, string> }): Promise<SavedView>;

  /** Deletes a saved view; `not_found` for an unknown one. */
  deleteView(params: { viewId: string }): Promise<void>;

  // backlog — the engineering backlog (sayso-admin-backlog, sayso-admin-capacity)

  /**
   * A board's engineering backlog, narrowed by the filters, ranked by priority (core's
   * `compareBacklogRank`: score, then people, then oldest). Each item carries its demand (the
   * distinct people behind all its evidence), priority with every term, and vague/stale flags.
   */
  listBacklog(params: { board: string } & BacklogFilters): Promise<BacklogItem[]>;

  /** One item; `not_found` for an unknown one. */
  getBacklogItem(params: { itemId: string }): Promise<BacklogItem>;

  /** Adds an item (status `proposed` unless given); fields checked by core's `checkBacklogItem` (`invalid_input`). */
  createBacklogItem(params: { board: string } & BacklogItemFields): Promise<BacklogItem>;

  /**
   * Changes an item; fields left out stay. With `expected`, `conflict` when it changed since it
   * was seen. Moving it to `done` records when and tells everyone behind its evidence once
   * (notification kind `fixed`, in the bell and by email, as their preferences allow); moving
   * it out of done and back tells nobody again.
   */
  updateBacklogItem(params: { itemId: string; expected?: BacklogItemSnapshot } & Partial<BacklogItemFields>): Promise<BacklogItem>;

  /** Deletes an item and its evidence links (the ideas and feedback stay). */
  deleteBacklogItem(params: { itemId: string }): Promise<void>;

  /** An item's evidence, newest linked first. */
  listBacklogEvidence(params: { itemId: string }): Promise<BacklogEvidence[]>;

  /**
   * Links ideas and/or feedback items (of any board) to an item as evidence; linking one already
   * linked changes nothing. An idea counts with all its people (its canonical's, when merged);
   * a feedback item with its author. Unknown ids are `invalid_input` and link nothing. Answers
   * the item as it is now.
   */
  linkBacklogEvidence(params: { itemId: string; postIds?: string[]; feedbackItemIds?: string[] }): Promise<BacklogItem>;

  /** Removes one piece of evidence; `not_found` when it is not the item's. Answers the item as it is now. */
  unlinkBacklogEvidence(params: { itemId: string; evidenceId: string }): Promise<BacklogItem>;

  /**
   * Ideas and feedback that look like the item (its title, description and next step), not linked
   * yet, for one-click linking. Feedback is suggested while untriaged (`new`): an item already
   * linked to an idea comes with that idea, which is suggested itself.
   */
  suggestBacklogEvidence(params: { itemId: string; limit?: number }): Promise<BacklogSuggestions>;

  /** A board's capacity: its targets beside the actual shares of effort done in the window. */
  getCapacity(params: { board: string }): Promise<CapacityReport>;

  /** Sets a board's capacity targets and backlog settings (fields left out stay; core's `checkCapacitySettings`). */
  setCapacitySettings(params: { board: string } & Partial<CapacitySettings>): Promise<CapacityReport>;

  /** The ranked backlog as a CSV or JSON file (core's `backlogExport`: spreadsheet-safe cells). */
  exportBacklog(params: { board: string; format: BacklogExportFormat } & BacklogFilters): Promise<BacklogExport>;
}

/** Which status kinds of a board tell the people following its ideas. */
export interface BoardNotificationSettings {
  /** Always holds `done`; `active` (e.g. "Planned", "In progress") when the board tells of that too. */
  notifyKinds: StatusKind[];
}

/**
 * The one interface every Sayso component talks to. Implement it to plug in any backend.
 *
 * Rules every implementation follows (the conformance suite in `@sayso/core/testing` checks them):
 * - one plain object argument per method, a Promise of plain JSON-safe data back;
 * - failures reject with a {@link SaysoError}, never with a raw fetch or driver error;
 * - the adapter acts for one visitor (its identity is configured when it is created), so
 *   `Post.voted` and vote calls are about that visitor;
 * - `vote` and `unvote` are idempotent: repeating one changes nothing and reports the same result;
 * - edits and deletions are allowed to the author and to admins; anyone else gets `forbidden`.
 */
export interface SaysoAdapter {
  readonly capabilities?: AdapterCapabilities;

  /** All boards the visitor can see. */
  listBoards(params?: Record<string, never>): Promise<Board[]>;

  /** One board with its workflow; `not_found` for an unknown board. */
  getBoard(params: { board: string }): Promise<Board>;

  /**
   * Posts of a board, in the given order (default `top`), narrowed by any filters, one page at a
   * time. Ideas merged into others are left out (their people count on the canonical), except
   * when the `status` filter asks for a status of kind `duplicate`. Cursors are opaque and belong to the sort they came from. For `new` and `shipped`
   * (newest `shippedAt` first, `createdAt` for ideas never shipped: the changelog's order), a page
   * never repeats a post of an earlier page even when posts are added between the calls.
   */
  listPosts(
    params: {
      board: string;
      sort?: PostListSort;
      cursor?: string | null;
      limit?: number;
    } & PostFilters,
  ): Promise<Page<Post>>;

  /**
   * One idea. Asked for an idea merged into another, it answers with the canonical one (the end
   * of the chain), its `mergedFrom` naming the idea asked for.
   */
  getPost(params: { postId: string }): Promise<Post>;

  /**
   * The demand behind an idea: its distinct people and where they come from, the ideas merged
   * into it, and for admins the customer requests, companies, MRR and priority. Asked for a
   * merged idea, it answers for the canonical one.
   */
  getDemand(params: { postId: string }): Promise<Demand>;

  /**
   * Submits an idea as the current visitor; it starts in the board's first `open` status.
   *
   * With an `idempotencyKey` (1–255 printable ASCII characters, e.g. a UUID), a repeat with the
   * same key and input creates nothing more and answers as the first call did, so a caller that
   * never heard the answer may safely ask again (the outbox does).
   */
  createPost(params: { board: string; idempotencyKey?: string } & NewPost): Promise<Post>;

  /**
   * Changes an idea's title and/or body, with the same limits as a new idea; sets `editedAt`
   * when the text changed. Allowed to the author and to admins; `forbidden` for anyone else.
   * With `expected` (see {@link IdeaSnapshot}), `conflict` when the idea changed since it was seen.
   */
  updatePost(params: { postId: string; expected?: IdeaSnapshot } & PostEdit): Promise<Post>;

  /**
   * Adds the visitor's vote. On an idea merged into another it counts on the canonical (the
   * result's `postId`); a visitor already among the canonical's people (through an idea merged
   * into it) changes nothing. With an `idempotencyKey`, a repeat with the same key changes
   * nothing and answers as the first call did.
   */
  vote(params: { postId: string; idempotencyKey?: string }): Promise<VoteResult>;

  /**
   * Takes the visitor's vote back: from the canonical and every idea merged into it, so the
   * visitor is no longer among its people (`voted` is false). With an `idempotencyKey`, a
   * repeat with the same key changes nothing and answers as the first call did.
   */
  unvote(params: { postId: string; idempotencyKey?: string }): Promise<VoteResult>;

  /** Comments of a post, oldest first, one page at a time; the team's internal notes only for admins. */
  listComments(params: { postId: string; cursor?: string | null; limit?: number }): Promise<Page<Comment>>;

  addComment(params: { postId: string; body: string }): Promise<Comment>;

  /** Changes a comment's body (author or admin; `forbidden` otherwise); sets `editedAt`. */
  updateComment(params: { commentId: string; body: string }): Promise<Comment>;

  /**
   * Deletes a comment for good (author or admin; `forbidden` otherwise) and reports the post's
   * exact new comment count. A comment already deleted is `not_found`.
   */
  deleteComment(params: { commentId: string }): Promise<CommentDeletion>;

  /** A board's tags, ordered by name; `not_found` for an unknown board. */
  listTags(params: { board: string }): Promise<Tag[]>;

  /**
   * Ideas of a board that say what `text` says, best first, ranked by the core similarity engine
   * (`SimilarityIndex`): what a visitor sees while typing a new idea, so they can vote instead of
   * posting a duplicate. Ideas closed as duplicates (status kind `duplicate`) are left out.
   *
   * `text` is a title, optionally followed by details; only its first `LIMITS.similarTextMax`
   * characters are read, and a text shorter than `LIMITS.similarTextMin` once trimmed (or with no
   * content words) finds nothing. `limit` defaults to `LIMITS.similarDefault` and is capped at
   * `LIMITS.similarMax`. `not_found` for an unknown board.
   */
  findSimilarPosts(params: { board: string; text: string; limit?: number }): Promise<Post[]>;

  /**
   * The feedback linked to an idea and to the ideas merged into it, newest received first: every
   * item for admins, the items made public for anyone else.
   */
  listPostFeedback(params: { postId: string; cursor?: string | null; limit?: number }): Promise<Page<FeedbackItem>>;

  /**
   * The visitor's own notifications, newest first, one page at a time, with the visitor's
   * unread count over all pages. An idea that moves into a `done` status (or a kind the board
   * notifies of) notifies its followers and those of the ideas merged into it, once each (see
   * {@link SaysoAdapter.getSubscription}); a comment notifies the idea's author and earlier commenters.
   * Nobody is notified of what they did themselves. A visitor without identity has none.
   */
  listNotifications(params?: { cursor?: string | null; limit?: number }): Promise<NotificationPage>;

  /**
   * Marks notifications of the visitor as read, by id or all of them, and resolves to the
   * unread count left. Ids that are not the visitor's, or already read, change nothing.
   */
  markNotificationsRead(params: NotificationSelection): Promise<{ unreadCount: number }>;

  /**
   * The visitor's subscription to an idea (on a merged idea: to its canonical). Identified
   * visitors follow what they wrote, voted for or commented on; a visitor without identity
   * follows nothing.
   */
  getSubscription(params: { postId: string }): Promise<Subscription>;

  /**
   * Follows an idea (`subscribed: true`) or stops following it, which sticks: voting or
   * commenting later does not subscribe again. An anonymous visitor may leave an `email`
   * ("tell me when this ships"): a confirmation link is sent to it, and nothing else until it
   * is followed. A malformed address is `invalid_input`.
   */
  setSubscription(params: { postId: string; subscribed: boolean; email?: string }): Promise<Subscription>;

  /** The visitor's email settings. */
  getEmailPreferences(params?: Record<string, never>): Promise<EmailPreferences>;

  /** Turns email off (or on again) for the visitor entirely. */
  setEmailPreferences(params: { emailOff: boolean }): Promise<EmailPreferences>;

  /**
   * A board's published changelog entries, newest first, one page at a time (admins also see
   * drafts, dated by when they were written). `not_found` for an unknown board.
   */
  listChangelogEntries(params: { board: string; cursor?: string | null; limit?: number }): Promise<Page<ChangelogEntry>>;

  /**
   * With `capabilities.realtime`: calls `onChange` for each change made by anyone on `board`
   * (when given) and for the visitor's notifications, until the returned function is called.
   * Changes missed while disconnected are delivered on reconnection when the backend can.
   */
  watch?(params: { board?: string; onChange: (change: LiveChange) => void }): () => void;

  /**
   * The engineering items of a board the team marked public (not dropped), for the roadmap:
   * read-only, without their evidence or anything about who asked.
   */
  listPublicBacklog?(params: { board: string }): Promise<PublicBacklogItem[]>;

  /** Triage operations; present only when the adapter acts as an admin (`capabilities.admin`). */
  readonly admin?: SaysoAdminApi;
}
