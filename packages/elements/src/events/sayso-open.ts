/**
 * Fired by `<sayso-feedback-button>` and `<sayso-notifications>` when a visitor opens the panel
 * (never when code sets `open`).
 */
export class SaysoOpenEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('sayso-open', { bubbles: true, composed: true, cancelable: false, detail: {} });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-open': SaysoOpenEvent;
  }
}
