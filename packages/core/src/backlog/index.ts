export * from './types.js';
export {
  BACKLOG_CATEGORY_NAMES,
  BACKLOG_ITEM_DEFAULTS,
  BACKLOG_LIMITS,
  BACKLOG_STATUS_NAMES,
  DEFAULT_CAPACITY_SETTINGS,
  backlogItemView,
  backlogPriority,
  capacityReport,
  capacityWindowStart,
  checkBacklogItem,
  checkCapacitySettings,
  compareBacklogRank,
  isBacklogCategory,
  isBacklogStatus,
  isStale,
  isVague,
  publicBacklog,
  trackerIssueOf,
} from './rules.js';
export type { BacklogItemRecord, DoneWork, TrackerIssue } from './rules.js';
export { backlogExport, spreadsheetSafe } from './export.js';
