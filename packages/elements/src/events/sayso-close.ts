/** How a visitor closed a panel: Escape, a click outside it, its trigger, or its close button. */
export type SaysoCloseReason = 'escape' | 'outside' | 'trigger' | 'close-button';

/** Fired by `<sayso-feedback-button>` when a visitor closes its panel (never when code sets `open`). */
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
