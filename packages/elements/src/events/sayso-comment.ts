import type { Comment } from '@sayso/core';

/** Fired by `<sayso-post-detail>` once a visitor's comment has been posted. */
export class SaysoCommentEvent extends CustomEvent<{ comment: Comment }> {
  constructor(detail: { comment: Comment }) {
    super('sayso-comment', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-comment': SaysoCommentEvent;
  }
}
