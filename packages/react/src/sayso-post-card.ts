import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoPostCard as SaysoPostCardElement } from '@sayso/elements/components/sayso-post-card/sayso-post-card.js';
import { onSaysoOpenPost, onSaysoVote } from './events.js';

/**
 * `<sayso-post-card>`: one idea (`post`, a `Post` object) with its status, comment count and a
 * vote button. With `openable`, activating the title fires `onSaysoOpenPost`.
 */
export const SaysoPostCard = createComponent({
  react: React,
  tagName: 'sayso-post-card',
  elementClass: SaysoPostCardElement,
  events: { onSaysoVote, onSaysoOpenPost },
  displayName: 'SaysoPostCard',
});
