import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoProvider as SaysoProviderElement } from '@sayso/elements/components/sayso-provider/sayso-provider.js';
import { onSaysoClose, onSaysoComment, onSaysoOpen, onSaysoOpenPost, onSaysoSubmit, onSaysoVote } from './events.js';

/**
 * `<sayso-provider>`: gives every Sayso component inside it one shared client. Pass `apiUrl`
 * (a Sayso server's API, e.g. `"/api/v1"`), an `adapter` object or a ready `client`; objects
 * are set as properties, never stringified.
 *
 * Every `sayso-*` event bubbles through the provider, so its `onSayso…` props hear the events
 * of all the components inside it: one place for analytics.
 *
 * @example
 * ```tsx
 * <SaysoProvider apiUrl="/api/v1" onSaysoVote={(event) => track('vote', event.detail.postId)}>
 *   <SaysoBoard board="demo" />
 * </SaysoProvider>
 * ```
 */
export const SaysoProvider = createComponent({
  react: React,
  tagName: 'sayso-provider',
  elementClass: SaysoProviderElement,
  events: { onSaysoVote, onSaysoSubmit, onSaysoOpen, onSaysoClose, onSaysoOpenPost, onSaysoComment },
  displayName: 'SaysoProvider',
});
