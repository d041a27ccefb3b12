import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoVoteButton as SaysoVoteButtonElement } from '@sayso/elements/components/sayso-vote-button/sayso-vote-button.js';
import { onSaysoVote } from './events.js';

/**
 * `<sayso-vote-button>`: how many visitors want the idea `postId`, and a toggle to add or take
 * back the visitor's vote. `onSaysoVote` fires once the server saved it.
 */
export const SaysoVoteButton = createComponent({
  react: React,
  tagName: 'sayso-vote-button',
  elementClass: SaysoVoteButtonElement,
  events: { onSaysoVote },
  displayName: 'SaysoVoteButton',
});
