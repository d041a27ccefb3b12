// Classes, events and controllers, with no side effects: nothing is registered by importing this.
// Register the elements with `@sayso/admin/sayso-admin` (all of them) or one component's `<name>.js`.
export { SaysoAdminConsole } from './components/sayso-admin-console/sayso-admin-console.component.js';
export { SaysoAdminDuplicates } from './components/sayso-admin-duplicates/sayso-admin-duplicates.component.js';
export { SaysoAdminInbox } from './components/sayso-admin-inbox/sayso-admin-inbox.component.js';
export { SaysoAdminIdeas } from './components/sayso-admin-ideas/sayso-admin-ideas.component.js';
export { SaysoAdminIdea } from './components/sayso-admin-idea/sayso-admin-idea.component.js';
export { SaysoAdminShortcuts } from './components/sayso-admin-shortcuts/sayso-admin-shortcuts.component.js';
export { SaysoAdminSignIn, signInFailureMessage } from './components/sayso-admin-sign-in/sayso-admin-sign-in.component.js';
export { RowCursorController } from './controllers/row-cursor.js';
export { ShortcutsController } from './controllers/shortcuts.js';
export type { Shortcut } from './controllers/shortcuts.js';
export { SaysoAdminNavigateEvent } from './events/sayso-admin-navigate.js';
export { SaysoSignInEvent } from './events/sayso-sign-in.js';
export { ADMIN_NAVIGATION, ADMIN_SCREEN_TAGS } from './internal/admin-screen.js';
export type { AdminScreenElement } from './internal/admin-screen.js';
export { adminStyles } from './styles/admin.styles.js';
export { SaysoAdminCapacity } from './components/sayso-admin-capacity/sayso-admin-capacity.component.js';
export { SaysoAdminChangelog, changelogEditFailureMessage } from './components/sayso-admin-changelog/sayso-admin-changelog.component.js';
export { IDEA_SEARCH_DELAY_MS, SaysoAdminIdeaPicker } from './components/sayso-admin-idea-picker/sayso-admin-idea-picker.component.js';
export { SaysoAdminPickEvent } from './events/sayso-admin-pick.js';
export { SaysoAdminSettings, settingsFailureMessage } from './components/sayso-admin-settings/sayso-admin-settings.component.js';
export { audienceSummary } from './internal/audience.js';
export { SaysoAdminBacklog } from './components/sayso-admin-backlog/sayso-admin-backlog.component.js';
