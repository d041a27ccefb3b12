import type { AdminRoute } from '@sayso/core';

/**
 * Fired by a console screen to go elsewhere: another screen, or the same one with other
 * parameters (a filter, a sort, the idea to open). `<sayso-admin-console>` follows it and keeps
 * the route in the address; a host embedding a screen alone handles it (`preventDefault()` is
 * not needed: nothing else acts on it).
 */
export class SaysoAdminNavigateEvent extends CustomEvent<AdminRoute> {
  constructor(route: AdminRoute) {
    super('sayso-admin-navigate', { bubbles: true, composed: true, detail: route });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-admin-navigate': SaysoAdminNavigateEvent;
  }
}
