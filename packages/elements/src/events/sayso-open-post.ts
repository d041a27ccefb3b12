/**
 * Fired by `<sayso-post-card>` when the visitor asks to open an idea (its title was activated),
 * and by `<sayso-notifications>` when they choose a notification about one.
 * `<sayso-board>` opens the idea's detail view; call `preventDefault()` to handle it yourself
 * (e.g. with your own router). `board` is the slug of the idea's board, for a host with several
 * boards to show the right one.
 */
export class SaysoOpenPostEvent extends CustomEvent<{ postId: string; board: string }> {
  constructor(detail: { postId: string; board: string }) {
    super('sayso-open-post', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-open-post': SaysoOpenPostEvent;
  }
}
