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
  /** Number of distinct voters of this post itself, never an estimate. */
  voteCount: number;
  /**
   * Distinct people who want this idea: its voters, the people an admin recorded as asking for
   * it (on behalf of customers), and the people of every idea merged into it (chains included),
   * each person once. The number a board shows as the idea's demand; never an estimate.
   */
  peopleCount: number;
  /** Comments shown under the idea: its own and those of every idea merged into it. */
  commentCount: number;
  /** Whether the current visitor is among the idea's people (voted for it or for an idea merged into it). */
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
  /**
   * Set on an idea an admin merged into another: the idea its people now count on (the end of
   * the chain when that one was merged further). `null` for an idea that stands on its own.
   */
  mergedInto: PostRef | null;
  /**
   * Set only on the answer to `getPost` for an idea merged into this one: the idea that was
   * asked for, so a link to it can say "merged into this idea". `null` everywhere else.
   */
  mergedFrom: PostRef | null;
}

/** Enough of an idea to name it and link to it. */
export interface PostRef {
  id: string;
  title: string;
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
  /**
   * Set on a comment listed under an idea other than the one it was written under: the merged
   * idea it came from ("merged from …"). `null` for the idea's own comments.
   */
  mergedFrom: PostRef | null;
  /** Written by an admin as the team, so it shows as from the team; left out on other comments. */
  team?: true;
  /**
   * An internal note of the team: listed to admins only, never to visitors, left out of
   * `commentCount`, and telling nobody. Left out on other comments.
   */
  internal?: true;
}

/** What is left after a comment was deleted: the post's exact new comment count. */
export interface CommentDeletion {
  commentId: string;
  postId: string;
  commentCount: number;
}

/**
 * The state of one visitor's vote on one post after a vote or unvote. A vote on an idea merged
 * into another counts on that other idea: `postId` is then the idea the vote counts on.
 */
export interface VoteResult {
  postId: string;
  voted: boolean;
  voteCount: number;
  peopleCount: number;
}

/**
 * How a board list is ordered: `top` by votes, `new` by creation time,
 * `trending` by votes weighted toward recent ones.
 */
export type PostSort = 'top' | 'new' | 'trending';

/** The sort orders every adapter supports, in the order a toolbar shows them. */
export const POST_SORTS: readonly PostSort[] = ['top', 'new', 'trending'];

/**
 * The orders `listPosts` accepts: the board sorts; `shipped`, the changelog's order: newest
 * ship date first (`shippedAt`, `createdAt` for ideas without one), paged by keyset like `new`;
 * and `priority`, for admins only (`forbidden` for others): highest priority score first (see
 * {@link PriorityFormula}).
 */
export type PostListSort = PostSort | 'shipped' | 'priority';

/**
 * What a notification tells its recipient: an idea they asked for shipped, a new reply, an idea
 * they asked for was merged into another (where their vote now counts), or moved to another
 * status of a kind its board tells of (e.g. "Planned").
 */
export type NotificationKind = 'shipped' | 'reply' | 'merged' | 'status' | 'fixed';

/**
 * Something that happened for one visitor: an idea they voted for or wrote was shipped, or
 * someone replied under an idea they wrote or commented on. It carries what a list needs to
 * show it, so rendering a page of them needs no further requests.
 */
export interface Notification {
  id: string;
  kind: NotificationKind;
  /** The idea it is about, as it is now (for `merged`, the idea the vote now counts on); see `backlogItem` for `fixed`. */
  post: { id: string; board: string; title: string } | null;
  /** The reply, for `reply`; `null` otherwise. */
  comment: { id: string; author: Author } | null;
  /** For `merged`: the idea the recipient asked for, merged into `post`; `null` otherwise. */
  mergedFrom: PostRef | null;
  /**
   * For `shipped` by a published changelog entry: the entry (one notification per person
   * however many of its ideas they asked for; `post` is the first of them); `null` otherwise.
   */
  changelog: { id: string; title: string } | null;
  /** For `shipped` and `status`: the status the idea moved to, named as when it moved; `null` otherwise. */
  status: { id: string; name: string } | null;
  /** For `shipped` and `status`: the admin's note on the change, when they wrote one. */
  note: string | null;
  /**
   * For `fixed`: the engineering work done that fixes what the recipient reported (`post` is
   * then the first of its ideas they asked for, or `null` when only their feedback backs it);
   * `null` otherwise.
   */
  backlogItem: { id: string; title: string } | null;
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

/**
 * An idea's text and status as an editor saw them, sent with an edit (`expected`): the edit is
 * refused with `conflict` when a field given differs from the idea now (someone else changed
 * it since), instead of overwriting that change. Give the fields the edit was made over.
 */
export interface IdeaSnapshot {
  title?: string;
  body?: string;
  status?: string;
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
  /** A changelog entry's markdown: longer than an idea's, it tells of several. */
  changelogBodyMax: 20_000,
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
  /** A feedback item's words: long enough for a support ticket or an email, quoted replies taken out. */
  feedbackTextMax: 20_000,
  /** A feedback item's title, source id, author fields and link. */
  feedbackFieldMax: 500,
  /** The shared people an idea comparison names. */
  comparedNamesMax: 50,
} as const;

/** What an admin makes of a duplicate: both ideas as they are after the merge or unmerge. */
export interface MergeResult {
  /** The idea merged (or unmerged); while merged, its `mergedInto` names the canonical. */
  duplicate: Post;
  /** The idea its people count on while merged (the canonical, at the end of the chain). */
  canonical: Post;
}

/**
 * Where an idea's people come from: `direct` (voted for, or recorded as asking for, the idea
 * itself) and `viaMerged` (the people of the ideas merged into it, at any depth), `inBoth`
 * counted in each; `total = direct + viaMerged − inBoth`, each person once.
 */
export interface PeopleBreakdown {
  total: number;
  direct: number;
  viaMerged: number;
  inBoth: number;
}

/** How much a customer needs an idea, as an admin recorded it. */
export type RequestImportance = 'nice-to-have' | 'important' | 'blocker';

/** Every importance, least pressing first. */
export const REQUEST_IMPORTANCES: readonly RequestImportance[] = ['nice-to-have', 'important', 'blocker'];

/**
 * An admin's record that a person or company asked for an idea elsewhere (a sales call, a support
 * ticket): it counts in demand like a vote, and the person hears when the idea ships.
 */
export interface CustomerRequest {
  id: string;
  /** The idea it was recorded on (it counts on the canonical while that idea is merged). */
  postId: string;
  /** Who asked: a name, an email, or both. */
  person: { name: string | null; email: string | null };
  company: string | null;
  /** Where the request was heard (a ticket, a call note), when given. */
  sourceUrl: string | null;
  note: string | null;
  importance: RequestImportance;
  /** The admin who recorded it. */
  addedBy: Author;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/**
 * What an admin types to record a request. A name or an email is required. Recording the same
 * person (same email, else same name, case-insensitive) on the same idea again changes nothing
 * and answers with the first record.
 */
export interface NewCustomerRequest {
  name?: string;
  email?: string;
  company?: string;
  sourceUrl?: string;
  note?: string;
  /** Defaults to `important`. */
  importance?: RequestImportance;
}

/**
 * What the people behind an idea are worth, from their identity traits (`company`, `mrr`,
 * `plan`) and recorded requests: each company once, its MRR counted once.
 */
export interface CustomerValue {
  /** Distinct companies asking, highest MRR first. */
  companies: Array<{ name: string; mrr: number; people: number }>;
  /** Sum of the companies' MRR, each company once. */
  mrr: number;
  /** People, companies and MRR per plan (`null`: people without a plan trait). */
  segments: Array<{ plan: string | null; people: number; companies: number; mrr: number }>;
}

/**
 * A board's priority formula, in the spirit of RICE:
 * `score = (people × peopleWeight + MRR × mrrWeight) × impact ÷ effort`, where people and MRR
 * come from demand and impact and effort are set per idea by an admin (both default to 1).
 */
export interface PriorityFormula {
  peopleWeight: number;
  mrrWeight: number;
}

/** What an admin sets on one idea for its priority; fields left out stay as they are. */
export interface PriorityInputs {
  /** How much shipping it moves things for each person reached, e.g. 0.25 (minimal) to 3 (massive). */
  impact?: number;
  /** What it costs to build, in any unit the team uses consistently (e.g. person-weeks); above 0. */
  effort?: number;
}

/** An idea's priority score and why: each term with its value, so it can explain where it ranks. */
export interface PriorityExplanation {
  score: number;
  /** The formula with the board's weights written in, e.g. `(people × 1 + MRR × 0.01) × impact ÷ effort`. */
  formula: string;
  terms: Array<{ name: 'people' | 'mrr' | 'impact' | 'effort'; value: number; weight: number | null; contribution: number }>;
}

/**
 * The true demand behind one idea. The people breakdown and the merged ideas are public; the
 * customer parts (requests, companies, MRR, priority) are for admins and `null` for others.
 */
export interface Demand {
  postId: string;
  people: PeopleBreakdown;
  /** Ideas merged into this one at any depth, each with its own distinct people. */
  merged: Array<PostRef & { people: number }>;
  requests: CustomerRequest[] | null;
  customers: CustomerValue | null;
  priority: PriorityExplanation | null;
  /** The feedback linked to the idea and its merged ideas, per source, most people first: "12 people via email". */
  evidence: EvidenceCount[];
}

/** One day (UTC) on which people first wanted an idea, for the demand-over-time chart. */
export interface DemandDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** People who first wanted it that day (a vote, a request, feedback linked), each person once ever. */
  added: number;
  /** Its people up to and including that day. */
  total: number;
}

/**
 * How the demand behind an idea (the canonical, for a merged one) grew: the days someone first
 * wanted it, oldest first, over the people it has now (the last `total` is its people count).
 */
export interface DemandHistory {
  postId: string;
  days: DemandDay[];
}

/**
 * Where a piece of feedback came from: the widget, the API, inbound email, Slack, a CSV import,
 * or a support tool's webhook (`webhook:intercom`, `webhook:zendesk`, `webhook:<any name>`).
 */
export type FeedbackSource = 'widget' | 'api' | 'email' | 'slack' | 'csv' | `webhook:${string}`;

/** Where a feedback item stands in triage: waiting (`new`), evidence for an idea (`linked`), or put aside (`archived`). */
export type FeedbackState = 'new' | 'linked' | 'archived';

/** Why an item accepted by a channel is kept out of the inbox: an automatic reply, or bulk or list mail. */
export type FeedbackFiltered = 'auto_reply' | 'bulk';

/** Who wrote a piece of feedback, as far as its channel knows. */
export interface FeedbackAuthor {
  name: string | null;
  email: string | null;
  company: string | null;
}

/** A file that came with a piece of feedback: named, never stored. */
export interface FeedbackAttachment {
  name: string;
  contentType: string;
  size: number;
}

/**
 * One piece of feedback as a channel received it, kept as evidence: the raw words, who wrote
 * them, where and when. Linked to an idea, its author counts in that idea's demand.
 */
export interface FeedbackItem {
  id: string;
  /** The board it is triaged on. */
  board: string;
  source: FeedbackSource;
  /** The item's id in its source (a Message-ID, a Slack message, a ticket, a CSV column), when it has one. */
  sourceId: string | null;
  /** A subject or title, when the source has one. */
  title: string | null;
  /** The words themselves, quoted replies and signatures taken out. */
  text: string;
  author: FeedbackAuthor;
  /** A link back to where it was said, when the source has one. */
  link: string | null;
  attachments: FeedbackAttachment[];
  state: FeedbackState;
  /** Kept out of the inbox (still recorded), and why. */
  filtered: FeedbackFiltered | null;
  /** The idea it is evidence for (`state: 'linked'`). */
  postId: string | null;
  /** Shown to visitors on its idea; admins only otherwise. */
  public: boolean;
  /** When the source received it (ISO 8601). */
  receivedAt: string;
  /** When Sayso recorded it (ISO 8601). */
  createdAt: string;
}

/** What a channel hands over for a new feedback item. */
export interface NewFeedbackItem {
  /** Defaults to the first board. */
  board?: string;
  sourceId?: string | null;
  title?: string | null;
  text: string;
  author?: Partial<FeedbackAuthor>;
  link?: string | null;
  attachments?: FeedbackAttachment[];
  filtered?: FeedbackFiltered | null;
  /** Defaults to now. */
  receivedAt?: string;
}

/** A feedback item in the inbox, with the existing ideas it may be about. */
export interface InboxItem extends FeedbackItem {
  /** The ideas of its board most like it (as `findSimilarPosts` finds them), most similar first. */
  similar: Post[];
}

/** Narrows the inbox; `state` defaults to `new`, and items kept out (`filtered`) show only when asked for. */
export interface InboxFilters {
  source?: FeedbackSource;
  state?: FeedbackState;
  board?: string;
  /** Words the item's title, text or author contains. */
  q?: string;
  filtered?: boolean;
}

/** How many distinct people and items of one source back an idea (its own and its merged ideas'). */
export interface EvidenceCount {
  source: FeedbackSource;
  people: number;
  items: number;
}

/** A pair of ideas of one board that may say the same thing, for an admin to merge or dismiss. */
export interface DuplicateCandidate {
  /** The two ideas, the suggested canonical first. */
  posts: [Post, Post];
  /** Similarity of the two, 0–1, higher is closer. */
  score: number;
  /** The idea to keep (more people, then more comments, then older): `posts[0].id`. */
  suggestedCanonical: string;
}

/**
 * Two ideas side by side, for an admin deciding whether they say the same thing: each with its
 * evidence, and the people they share (votes and recorded requests on each idea and the ideas
 * merged into it, each person once).
 */
export interface IdeaComparison {
  /** Both ideas, in the order asked. */
  ideas: [ComparedIdea, ComparedIdea];
  /** How many people are among both ideas' people. */
  sharedPeople: number;
  /**
   * The shared people's names, where known (a signed-in name or email, else what a recorded
   * request names), alphabetical, at most {@link LIMITS.comparedNamesMax}; the rest are anonymous.
   */
  sharedNames: string[];
}

/** One side of an {@link IdeaComparison}. */
export interface ComparedIdea {
  post: Post;
  /** Its people who are not among the other idea's. */
  onlyHere: number;
  /** The feedback backing it (and the ideas merged into it), per source, most people first. */
  evidence: EvidenceCount[];
}

/** One entry of an idea's history, for admins: what happened, who did it, and when. */
export interface PostHistoryEntry {
  id: string;
  /** The domain event's type, e.g. `post.created`, `post.status_changed`, `post.merged`, `post.unmerged`. */
  type: string;
  actor: Author | null;
  /** ISO 8601 timestamp. */
  occurredAt: string;
  /** What the event recorded (for a merge: both ideas and the counts moved). */
  details: Record<string, unknown>;
}

/**
 * Who an admin adapter acts as, for the console's "signed in as" and the event log: an admin key
 * created through the API (by its label), a key from the server's environment, or a host app's
 * sign-in token whose claims grant admin (by the person's name or address).
 */
export interface AdminIdentity {
  via: 'admin_key' | 'server_key' | 'host_token';
  /** A key's label, or the token's name (else email, else subject). */
  label: string;
}

/** The kinds of API key: `admin` may do anything; `ingestion` may only send feedback (`POST /feedback`). */
export type ApiKeyKind = 'admin' | 'ingestion';

/** An API key as it is listed: never its secret, which is shown only when it is created. */
export interface ApiKey {
  id: string;
  /** What the key is for, 1–100 characters. */
  label: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** A key just created, with its secret `key`: the only time it is shown (only its hash is kept). */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** How a person hears about an idea: the bell in the widget, an email, or (for systems) a webhook. */
export type DeliveryChannel = 'in_app' | 'email' | 'webhook';

/**
 * Why a person follows an idea: they wrote it, voted, commented, were recorded as asking for it
 * (a customer request), or subscribed themselves. Identified people are subscribed by the first
 * four; an explicit unsubscribe sticks (voting again does not subscribe them again).
 */
export type SubscriptionReason = 'author' | 'vote' | 'comment' | 'request' | 'explicit';

/** The visitor's subscription to one idea (on a merged idea: to its canonical). */
export interface Subscription {
  postId: string;
  subscribed: boolean;
  /** Why they follow it; `null` when they do not. */
  reason: SubscriptionReason | null;
  /**
   * For an anonymous visitor who left an address: the address still waits for its confirmation
   * link to be followed, and nothing else is sent to it until then.
   */
  emailPending: boolean;
}

/** The visitor's own email settings. */
export interface EmailPreferences {
  /** Where mail goes: a signed-in user's address from the host's token, or the one a visitor left; `null` when none. */
  email: string | null;
  /** The address may be written to (a host's address, or a visitor's confirmed by its link). */
  confirmed: boolean;
  /** Email is turned off entirely for this person (the in-app bell still works). */
  emailOff: boolean;
  /**
   * The visitor may leave an address (`setSubscription`'s `email`): an anonymous visitor may; a
   * signed-in user's mail goes to the address their host's sign-in gives, or nowhere.
   */
  mayLeaveAddress: boolean;
}

/** A published note of what shipped: a title, a markdown body, and the ideas it ships. */
export interface ChangelogEntry {
  id: string;
  board: string;
  title: string;
  /** Markdown source; render it only through a sanitising path. */
  body: string;
  /** The ideas it ships, as they are now. */
  posts: PostRef[];
  /** ISO 8601 timestamp; `null` for a draft (drafts are listed to admins only). */
  publishedAt: string | null;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** What an admin writes for a changelog entry; `postIds` are ideas of the same board. */
export interface NewChangelogEntry {
  title: string;
  body?: string;
  postIds?: string[];
}

/** One person who would be told of a change, and through which channels. */
export interface AudienceMember {
  person: Author & { email: string | null };
  channels: Array<Exclude<DeliveryChannel, 'webhook'>>;
  /** Why they are told (each reason once), over the idea and every idea merged into it. */
  reasons: SubscriptionReason[];
}

/**
 * Who a status change or a changelog entry would tell (a dry run: nothing is sent): how many
 * messages per channel (`webhook`: endpoints called), and the people, up to `limit` of them.
 */
export interface NotificationAudience {
  counts: Record<DeliveryChannel, number>;
  people: AudienceMember[];
  /** More people than listed. */
  truncated: boolean;
}

/** What a webhook endpoint can be called for. */
export type WebhookEventType =
  | 'idea.created'
  | 'idea.status_changed'
  | 'idea.merged'
  | 'comment.added'
  | 'changelog.published'
  | 'feedback.received';

/** Every webhook event type, in the order admins see them. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'idea.created',
  'idea.status_changed',
  'idea.merged',
  'comment.added',
  'changelog.published',
  'feedback.received',
];

/** A URL the server calls, signed, when one of `events` happens. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  active: boolean;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** An endpoint as created: with its signing secret, shown this once. */
export interface CreatedWebhookEndpoint extends WebhookEndpoint {
  /** `whsec_…`: the receiver checks `Sayso-Signature` with it. */
  secret: string;
}

/** What an admin gives to register an endpoint. */
export interface NewWebhookEndpoint {
  url: string;
  events: WebhookEventType[];
}

/**
 * Where one message stands: waiting (`pending`), being sent (`sending`), delivered (`sent`),
 * failed and waiting for its next try (`failed`), or given up after the last try (`dead`).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/** One message to one person (or one endpoint) through one channel, as admins see it in the delivery log. */
export interface Delivery {
  id: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  /** The change it tells of: the domain event's type (e.g. `post.status_changed`) and when it happened. */
  event: { type: string; occurredAt: string };
  /** The idea it is about, when it is about one. */
  post: PostRef | null;
  /** The person told, for `in_app` and `email`. */
  person: (Author & { email: string | null }) | null;
  /** The endpoint called, for `webhook`. */
  endpoint: { id: string; url: string } | null;
  attempts: number;
  /** The last failure, as the channel reported it. */
  lastError: string | null;
  /** For `webhook`: the HTTP status the endpoint answered. */
  responseStatus: number | null;
  /** ISO 8601 timestamps. */
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** Which deliveries to list: those of an idea, of a person, of an endpoint, or in a state. */
export interface DeliveryFilters {
  postId?: string;
  personId?: string;
  endpointId?: string;
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
}

/**
 * Something that changed on the server, pushed to an adapter with `capabilities.realtime`:
 * the visitor's unread notifications, or an idea of a board (re-read it to show the change).
 */
export type LiveChange =
  | { type: 'notifications'; unreadCount: number }
  | { type: 'post'; board: string; postId: string; change: 'created' | 'updated' | 'status' | 'votes' | 'merged' | 'unmerged' };
