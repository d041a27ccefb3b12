// One React component per Sayso element. Each lives in its own module, which registers only its
// own element: with "sideEffects": false, a bundler leaves out the elements an app never renders.
export { SaysoBoard } from './sayso-board.js';
export { SaysoChangelog } from './sayso-changelog.js';
export { SaysoFeedbackButton } from './sayso-feedback-button.js';
export { SaysoIdeaForm } from './sayso-idea-form.js';
export { SaysoNotifications } from './sayso-notifications.js';
export { SaysoPostCard } from './sayso-post-card.js';
export { SaysoPostDetail } from './sayso-post-detail.js';
export { SaysoProvider } from './sayso-provider.js';
export { SaysoRoadmap } from './sayso-roadmap.js';
export { SaysoVoteButton } from './sayso-vote-button.js';
export { onSaysoClose, onSaysoComment, onSaysoOpen, onSaysoOpenPost, onSaysoSubmit, onSaysoVote } from './events.js';
export type {
  SaysoCloseEvent,
  SaysoCloseReason,
  SaysoCommentEvent,
  SaysoOpenEvent,
  SaysoOpenPostEvent,
  SaysoSubmitEvent,
  SaysoVoteEvent,
} from '@sayso/elements';
