/** Fired by `<sayso-admin-sign-in>` when the admin submits a key; the console checks it. */
export class SaysoSignInEvent extends CustomEvent<{ credential: string }> {
  constructor(credential: string) {
    super('sayso-sign-in', { bubbles: true, composed: true, detail: { credential } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-sign-in': SaysoSignInEvent;
  }
}
