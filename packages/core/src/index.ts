export type { AdapterCapabilities, BoardNotificationSettings, SaysoAdapter, SaysoAdminApi } from './adapter.js';
export { createSaysoClient } from './client.js';
export type { BoardState, BoardView, CommentsState, CommentsView, LoadStatus, PostState, PostView, SaysoClient } from './client.js';
export {
  HTTP_STATUS_BY_ERROR_CODE,
  SAYSO_ERROR_CODES,
  SaysoError,
  errorCodeForHttpStatus,
  toSaysoError,
} from './errors.js';
export type { SaysoErrorCode } from './errors.js';
export { ANONYMOUS_POLICIES, LIMITS, POST_SORTS, REQUEST_IMPORTANCES, WEBHOOK_EVENT_TYPES } from './types.js';
export type {
  AnonymousPolicy,
  AudienceMember,
  Author,
  Board,
  ChangelogEntry,
  Comment,
  CommentDeletion,
  CreatedWebhookEndpoint,
  CustomerRequest,
  Delivery,
  DeliveryChannel,
  DeliveryFilters,
  DeliveryStatus,
  EmailPreferences,
  EvidenceCount,
  FeedbackAttachment,
  FeedbackAuthor,
  FeedbackFiltered,
  FeedbackItem,
  FeedbackSource,
  FeedbackState,
  InboxFilters,
  InboxItem,
  LiveChange,
  NewChangelogEntry,
  NewFeedbackItem,
  NewWebhookEndpoint,
  NotificationAudience,
  Subscription,
  SubscriptionReason,
  WebhookEndpoint,
  WebhookEventType,
  CustomerValue,
  Demand,
  DuplicateCandidate,
  ComparedIdea,
  IdeaComparison,
  MergeResult,
  NewCustomerRequest,
  PeopleBreakdown,
  PostHistoryEntry,
  AdminIdentity,
  ApiKey,
  ApiKeyKind,
  CreatedApiKey,
  PostRef,
  PriorityExplanation,
  PriorityFormula,
  PriorityInputs,
  RequestImportance,
  NewPost,
  Page,
  Post,
  PostEdit,
  IdeaSnapshot,
  DemandDay,
  DemandHistory,
  PostFilters,
  PostListSort,
  PostSort,
  Notification,
  NotificationKind,
  NotificationPage,
  NotificationSelection,
  Status,
  StatusKind,
  Tag,
  VoteResult,
} from './types.js';
export { FEEDBACK_SOURCE, checkCommentBody, checkNewFeedbackItem, checkNewPost, checkPostEdit, checkSearchQuery, checkTagName, tagSlug } from './validation.js';
export type { InputProblem } from './validation.js';
export { DEFAULT_STATUSES, statusName, trendingScore } from './defaults.js';
export { decodeKeysetCursor, decodeOffsetCursor, encodeKeysetCursor, encodeOffsetCursor } from './cursor.js';
export type { KeysetPosition } from './cursor.js';
export { createDemandView } from './views/demand.js';
export type { DemandOptions, DemandState, DemandView } from './views/demand.js';
export { boardWorkflow, createRoadmapView, roadmapStatuses } from './views/roadmap.js';
export type { RoadmapColumn, RoadmapColumnState, RoadmapOptions, RoadmapState, RoadmapView } from './views/roadmap.js';
export { createChangelogView, shippedOrCreated } from './views/changelog.js';
export type { ChangelogOptions, ChangelogState, ChangelogView } from './views/changelog.js';
export { CHANGELOG_SEEN_MAX, changelogSeenKey } from './views/changelog-seen.js';
export type { SeenStorage } from './views/changelog-seen.js';
export { createChangelogEntriesView } from './views/changelog-entries.js';
export type { ChangelogEntriesOptions, ChangelogEntriesState, ChangelogEntriesView } from './views/changelog-entries.js';
export { createEmailPreferencesView, hasEmailAddress } from './views/email-preferences.js';
export type { EmailPreferencesState, EmailPreferencesView } from './views/email-preferences.js';
export { INVALID_EMAIL_MESSAGE, createSubscriptionView, followControl } from './views/subscription.js';
export type { SubscriptionState, SubscriptionView } from './views/subscription.js';
export type { SavingState } from './views/optimistic-save.js';
export { createSubmission } from './submission.js';
export type { Submission, SubmissionOptions, SubmissionState, SubmissionStatus } from './submission.js';
export { clearIdeaDraft, ideaDraftKey, readIdeaDraft, saveIdeaDraft } from './idea-draft.js';
export { newIdempotencyKey } from './idempotency-key.js';
export { createMemoryOutboxStorage, isRetryableSendError, wasQueued } from './outbox.js';
export type {
  AnyOutboxKind,
  Outbox,
  OutboxChangeKind,
  OutboxChanges,
  OutboxChannel,
  OutboxCreatePost,
  OutboxEntry,
  OutboxKind,
  OutboxLock,
  OutboxOptions,
  OutboxSetVote,
  OutboxSettlement,
  OutboxStorage,
} from './outbox.js';
export type { DraftStorage, IdeaDraft } from './idea-draft.js';
export { NOTIFICATIONS_REFRESH_MS, createNotificationsView } from './views/notifications.js';
export type { NotificationsState, NotificationsView, Scheduler } from './views/notifications.js';
export {
  DUPLICATE_PAIR_THRESHOLD,
  SIMILAR_IDEA_MIN_SCORE,
  SimilarityIndex,
  findSimilarHits,
  findSimilarIds,
  similarLimit,
  similarLookupText,
  tokenize,
} from './similarity/index.js';
export type { SimilarityDocument, SimilarityHit } from './similarity/index.js';
export { createSimilarIdeasView } from './views/similar-ideas.js';
export type { SimilarIdeasState, SimilarIdeasView } from './views/similar-ideas.js';
export {
  assertMayChange,
  checkPageLimit,
  compareIds,
  compareInstants,
  compareTags,
  idempotentReplay,
  isAfterKeyset,
  isPostListSort,
  isReplayableStatus,
  mayChange,
  newIdeaStatus,
  newestFirst,
  noticeRecipients,
  pagesByKeyset,
  postKeysetPosition,
  postOrder,
  replyRecipients,
  statusChangeEffect,
  assertMayMerge,
  assertStatusMayChange,
  canonicalOf,
  duplicateStatus,
  suggestedCanonical,
  DEFAULT_PRIORITY_FORMULA,
  DEFAULT_PRIORITY_INPUTS,
  checkCustomerRequest,
  checkPriorityFormula,
  checkPriorityInputs,
  customerValue,
  demandDays,
  peopleBreakdown,
  personValueFromTraits,
  priorityScore,
  requesterKey,
  AUDIENCE_LIST_DEFAULT,
  DEFAULT_NOTIFY_KINDS,
  NOTIFIABLE_KINDS,
  checkChangelogEntry,
  checkNotifyKinds,
  followersOf,
  isEmailAddress,
  statusChangeNotifies,
  FEEDBACK_BULK_MAX,
  INBOX_SIMILAR_LIMIT,
  checkFeedbackIds,
  checkInboxFilters,
  evidenceCounts,
  feedbackContent,
  feedbackIdeaDraft,
  feedbackPersonKey,
  feedbackRequest,
  normalizedFeedback,
  BOARD_LIMITS,
  BOARD_SLUG_PATTERN,
  checkBoardFields,
  checkNewBoard,
  newBoardWorkflow,
  planWorkflow,
  CHANGED_SINCE_MESSAGE,
  assertUnchangedSince,
} from './rules/index.js';
export type {
  FollowRow,
  CanonicalCandidate,
  MergeablePost,
  PersonValue,
  ChangeActor,
  ChangeDecision,
  IdempotentReplayDecision,
  KeysetSort,
  OrderedPost,
  StatusChangeEffect,
  BoardChange,
  NewBoardSettings,
  WorkflowPlan,
  WorkflowStatus,
} from './rules/index.js';
export * from './admin/index.js';
export * from './backlog/index.js';
