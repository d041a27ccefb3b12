/**
 * How a visitor closed a panel: Escape, a click outside it, its trigger, its close button, or by
 * choosing an item in it (a notification, which fires `sayso-open-post` too).
 */
export type SaysoCloseReason = 'escape' | 'outside' | 'trigger' | 'close-button' | 'choice';

/**
 * Fired by `<sayso-feedback-button>` and `<sayso-notifications>` when a visitor closes the panel
 * (never when code sets `open`).
 */
export class SaysoCloseEvent extends CustomEvent<{ reason: SaysoCloseReason }> {
  constructor(detail: { reason: SaysoCloseReason }) {
    super('sayso-close', { bubbles: true, composed: true, cancelable: false, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-close': SaysoCloseEvent;
  }
}
