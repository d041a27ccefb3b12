import type { Post } from '@sayso/core';

/** Fired by `<sayso-idea-form>` once a visitor's idea has been posted. */
export class SaysoSubmitEvent extends CustomEvent<{ post: Post }> {
  constructor(detail: { post: Post }) {
    super('sayso-submit', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-submit': SaysoSubmitEvent;
  }
}
