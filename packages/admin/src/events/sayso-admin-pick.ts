import type { PostRef } from '@sayso/core';

/** Fired by `<sayso-admin-idea-picker>` when the admin picks an idea (Enter or a click on it). */
export class SaysoAdminPickEvent extends CustomEvent<PostRef> {
  constructor(idea: PostRef) {
    super('sayso-admin-pick', { bubbles: true, composed: true, detail: idea });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'sayso-admin-pick': SaysoAdminPickEvent;
  }
}
