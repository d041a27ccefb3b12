// Decisions every backend makes the same way: pure functions, no storage, no I/O.
export { idempotentReplay, isReplayableStatus } from './idempotent-replay.js';
export type { IdempotentReplayDecision } from './idempotent-replay.js';
export { assertMayChange, mayChange } from './may-change.js';
export type { ChangeActor, ChangeDecision } from './may-change.js';
export { newIdeaStatus } from './new-idea-status.js';
export { noticeRecipients, replyRecipients } from './notice-recipients.js';
export { checkPageLimit } from './page-limit.js';
export {
  compareIds,
  compareInstants,
  isAfterKeyset,
  isPostListSort,
  newestFirst,
  pagesByKeyset,
  postKeysetPosition,
  postOrder,
} from './post-order.js';
export type { KeysetSort, OrderedPost } from './post-order.js';
export { statusChangeEffect } from './status-change.js';
export type { StatusChangeEffect } from './status-change.js';
export { compareTags } from './tag-order.js';
export { assertMayMerge, assertStatusMayChange, canonicalOf, duplicateStatus, suggestedCanonical } from './merge.js';
export type { CanonicalCandidate, MergeablePost } from './merge.js';
export {
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
} from './demand.js';
export type { PersonValue } from './demand.js';
export {
  AUDIENCE_LIST_DEFAULT,
  DEFAULT_NOTIFY_KINDS,
  NOTIFIABLE_KINDS,
  checkChangelogEntry,
  checkNotifyKinds,
  followersOf,
  isEmailAddress,
  statusChangeNotifies,
} from './followers.js';
export type { FollowRow } from './followers.js';
export {
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
} from './feedback.js';
export { BOARD_LIMITS, BOARD_SLUG_PATTERN, checkBoardFields, checkNewBoard, newBoardWorkflow, planWorkflow } from './board-settings.js';
export type { BoardChange, NewBoardSettings, WorkflowPlan, WorkflowStatus } from './board-settings.js';
export { CHANGED_SINCE_MESSAGE, assertUnchangedSince } from './unchanged-since.js';
