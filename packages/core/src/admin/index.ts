// The admin console's state and rules (packages/admin renders them).
export { ADMIN_CREDENTIAL_KEY, createAdminSession } from './session.js';
export type { AdminSession, AdminSessionOptions, AdminSessionState, CredentialStorage } from './session.js';
export { ADMIN_SCREENS, adminRouteHash, parseAdminRoute } from './route.js';
export type { AdminRoute, AdminScreen } from './route.js';
// triage: the duplicates and inbox screens
export { createDuplicatesView, createInboxView } from './triage.js';
export type { DuplicateComparisonState, DuplicatesState, DuplicatesView, InboxState, InboxView } from './triage.js';
// publish: the changelog and settings screens
export { IDEA_SUGGESTIONS, adminApiOf } from './admin-api.js';
export { createAdminChangelogView } from './changelog.js';
export type { AdminChangelogListState, AdminChangelogView, ChangelogDraft } from './changelog.js';
export { DELIVERY_LOG_SIZE, createAdminSettingsView } from './settings.js';
export type { AdminSettingsView, BoardSettings, Loaded, Outcome } from './settings.js';
// capacity: the engineering capacity screen (issue 14)
export { capacityBars, capacityDraftOf, capacityGapWords, capacityScale, capacitySettingsOfDraft, capacityVerdict, createAdminCapacityView, effortWords } from './capacity.js';
export type { AdminCapacityView, CapacityBar, CapacityDraft, CapacitySaveState } from './capacity.js';
export {
  ADMIN_IDEA_COLUMNS,
  DEFAULT_ADMIN_IDEA_SORT,
  SAVED_VIEW_NAME_MAX,
  checkAdminIdeaQuery,
  checkSavedView,
  createdBound,
  decodeAdminIdeaCursor,
  encodeAdminIdeaCursor,
} from './ideas-query.js';
export type {
  AdminIdeaColumn,
  AdminIdeaFilters,
  AdminIdeaPosition,
  AdminIdeaQuery,
  AdminIdeaRow,
  AdminIdeaSort,
  SavedView,
  SortDirection,
} from './ideas-query.js';
export { createAdminIdeasView, ideasQueryFromParams, ideasQueryParams } from './ideas.js';
export type { AdminIdeasListQuery, AdminIdeasState, AdminIdeasView, BulkOutcome } from './ideas.js';
export { createAdminIdeaView } from './idea.js';
export type { AdminIdeaOptions, AdminIdeaState, AdminIdeaView } from './idea.js';
// backlog: the engineering backlog screen
export { backlogFiltersFromParams, backlogFiltersParams, createAdminBacklogView } from './backlog.js';
export type { AdminBacklogItemState, AdminBacklogListState, AdminBacklogView } from './backlog.js';
