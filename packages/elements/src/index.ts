// Classes, events and controllers, with no side effects: nothing is registered by importing this.
// Register elements with `@sayso/elements/sayso` (all of them) or one component's `<name>.js`.
export { SaysoBoard } from './components/sayso-board/sayso-board.component.js';
export { SaysoFollow, followFailureMessage } from './components/sayso-follow/sayso-follow.component.js';
export { SaysoFeedbackButton } from './components/sayso-feedback-button/sayso-feedback-button.component.js';
export { SaysoIdeaForm } from './components/sayso-idea-form/sayso-idea-form.component.js';
export { SaysoPostCard } from './components/sayso-post-card/sayso-post-card.component.js';
export { SaysoProvider } from './components/sayso-provider/sayso-provider.component.js';
export { SaysoVoteButton } from './components/sayso-vote-button/sayso-vote-button.component.js';
export { BoardViewController } from './controllers/board-view.js';
export { ViewController } from './controllers/view.js';
export type { LoadableView, ViewControllerOptions } from './controllers/view.js';
export { ClientController, saysoClientContext } from './controllers/client.js';
export type { ClientHost } from './controllers/client.js';
export { CustomStatesController } from './controllers/custom-states.js';
export { DismissController } from './controllers/dismiss.js';
export type { DismissReason } from './controllers/dismiss.js';
export { FloatingController } from './controllers/floating.js';
export type { FloatingOptions, Placement } from './controllers/floating.js';
export { FocusTrapController } from './controllers/focus-trap.js';
export { PopoverController, returnsFocus } from './controllers/popover.js';
export type { PopoverHost, PopoverPanel } from './controllers/popover.js';
export { PopoverPanelController } from './controllers/popover-panel.js';
export type { PopoverPanelOptions } from './controllers/popover-panel.js';
export { StoreController } from './controllers/store.js';
export { SaysoCloseEvent } from './events/sayso-close.js';
export type { SaysoCloseReason } from './events/sayso-close.js';
export { SaysoOpenEvent } from './events/sayso-open.js';
export { SaysoSubmitEvent } from './events/sayso-submit.js';
export { SaysoVoteEvent } from './events/sayso-vote.js';
export { SaysoElement } from './internal/sayso-element.js';
export { SaysoRoadmap, parseStatuses } from './components/sayso-roadmap/sayso-roadmap.component.js';
export { SaysoChangelog, changelogFailureMessage, unreadLabel } from './components/sayso-changelog/sayso-changelog.component.js';
export { postHref } from './internal/post-href.js';
export { SaysoPostDetail, commentFailureMessage } from './components/sayso-post-detail/sayso-post-detail.component.js';
export { SaysoCommentEvent } from './events/sayso-comment.js';
export { SaysoOpenPostEvent } from './events/sayso-open-post.js';
export {
  SaysoNotifications,
  bellLabel,
  notificationText,
  notificationsFailureMessage,
} from './components/sayso-notifications/sayso-notifications.component.js';
export { RefreshController } from './controllers/refresh.js';
export type { RefreshOptions, RefreshableView } from './controllers/refresh.js';
export { plainExcerpt } from './internal/plain-text.js';
export { DRAFT_SAVE_DELAY_MS, IdeaDraftController } from './controllers/idea-draft.js';
export { Sayso, init } from './init.js';
export { SAYSO_LOCALES, SOURCE_LOCALE, getLocale, resolveLocale, setLocale } from './localization.js';
export type { SaysoLocale } from './localization.js';
export type { SaysoInitOptions, SaysoInstance } from './init.js';
export { markdown, renderMarkdown } from './internal/markdown.js';
