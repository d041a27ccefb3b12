import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoNotifications as SaysoNotificationsElement } from '@sayso/elements/components/sayso-notifications/sayso-notifications.js';
import { onSaysoOpenPost } from './events.js';

/**
 * `<sayso-notifications>`: a bell with the visitor's unread count that opens their
 * notifications ("your request shipped", new replies). Choosing one fires `onSaysoOpenPost`
 * with the idea's id, for the host to show it.
 */
export const SaysoNotifications = createComponent({
  react: React,
  tagName: 'sayso-notifications',
  elementClass: SaysoNotificationsElement,
  events: { onSaysoOpenPost },
  displayName: 'SaysoNotifications',
});
