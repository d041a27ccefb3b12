import type { VoteResult } from '@sayso/core';

/** Fired by `<sayso-vote-button>` once a visitor's vote (or its removal) has been saved. */
export class SaysoVoteEvent extends CustomEvent<VoteResult> {
  constructor(detail: VoteResult) {
    super('sayso-vote', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-vote': SaysoVoteEvent;
  }
}
