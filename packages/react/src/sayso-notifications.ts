import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoNotifications as SaysoNotificationsElement } from '@sayso/elements/components/sayso-notifications/sayso-notifications.js';
import { onSaysoClose, onSaysoOpen, onSaysoOpenPost } from './events.js';

/**
 * `<sayso-notifications>`: a bell with the visitor's unread count that opens their
 * notifications ("your request shipped", new replies). Choosing one fires `onSaysoOpenPost`
 * with the idea's id, for the host to show it; `onSaysoOpen` and `onSaysoClose` (with the reason)
 * follow the visitor opening and closing the list.
 */
export const SaysoNotifications = createComponent({
  react: React,
  tagName: 'sayso-notifications',
  elementClass: SaysoNotificationsElement,
  events: { onSaysoOpenPost, onSaysoOpen, onSaysoClose },
  displayName: 'SaysoNotifications',
});
