/**
 * Fired by `<sayso-post-card>` when the visitor asks to open an idea (its title was activated),
 * and by `<sayso-notifications>` when they choose a notification about one.
 * `<sayso-board>` opens the idea's detail view; call `preventDefault()` to handle it yourself
 * (e.g. with your own router).
 */
export class SaysoOpenPostEvent extends CustomEvent<{ postId: string }> {
  constructor(detail: { postId: string }) {
    super('sayso-open-post', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-open-post': SaysoOpenPostEvent;
  }
}
