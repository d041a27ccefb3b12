import type { EventName } from '@lit/react';
import type {
  SaysoCloseEvent,
  SaysoCommentEvent,
  SaysoOpenEvent,
  SaysoOpenPostEvent,
  SaysoSubmitEvent,
  SaysoVoteEvent,
} from '@sayso/elements';

// Each constant is the React prop name of one `sayso-*` event, typed with its event class, so a
// component's `events: { onSaysoVote }` gives it an `onSaysoVote(event: SaysoVoteEvent)` prop.

/** `sayso-vote`: a visitor's vote (or its removal) was saved; `detail` is the `VoteResult`. */
export const onSaysoVote = 'sayso-vote' as EventName<SaysoVoteEvent>;

/** `sayso-submit`: a visitor's idea was posted; `detail.post` is the new idea. */
export const onSaysoSubmit = 'sayso-submit' as EventName<SaysoSubmitEvent>;

/** `sayso-open`: the visitor opened the feedback panel (never when code sets `open`). */
export const onSaysoOpen = 'sayso-open' as EventName<SaysoOpenEvent>;

/** `sayso-close`: the visitor closed the feedback panel; `detail.reason` says how. */
export const onSaysoClose = 'sayso-close' as EventName<SaysoCloseEvent>;

/** `sayso-open-post`: the visitor asked to open an idea; `preventDefault()` to route it yourself. */
export const onSaysoOpenPost = 'sayso-open-post' as EventName<SaysoOpenPostEvent>;

/** `sayso-comment`: a visitor's comment was posted; `detail.comment` is the new comment. */
export const onSaysoComment = 'sayso-comment' as EventName<SaysoCommentEvent>;
