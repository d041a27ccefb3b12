import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoPostDetail as SaysoPostDetailElement } from '@sayso/elements/components/sayso-post-detail/sayso-post-detail.js';
import { onSaysoComment, onSaysoVote } from './events.js';

/**
 * `<sayso-post-detail>`: one idea (`postId`) in full, with its details as markdown, tags, a
 * vote button, its comments, and a form to add one.
 */
export const SaysoPostDetail = createComponent({
  react: React,
  tagName: 'sayso-post-detail',
  elementClass: SaysoPostDetailElement,
  events: { onSaysoVote, onSaysoComment },
  displayName: 'SaysoPostDetail',
});
