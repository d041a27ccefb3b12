import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoBoard as SaysoBoardElement } from '@sayso/elements/components/sayso-board/sayso-board.js';
import { onSaysoComment, onSaysoOpenPost, onSaysoSubmit, onSaysoVote } from './events.js';

/**
 * `<sayso-board>`: the ideas of one `board` with sort, status, tag and search controls, paging,
 * a detail view with comments, and a form to suggest a new idea.
 *
 * @example
 * ```tsx
 * <SaysoBoard board="demo" onSaysoSubmit={(event) => toast(`Thanks for “${event.detail.post.title}”`)} />
 * ```
 */
export const SaysoBoard = createComponent({
  react: React,
  tagName: 'sayso-board',
  elementClass: SaysoBoardElement,
  events: { onSaysoVote, onSaysoSubmit, onSaysoOpenPost, onSaysoComment },
  displayName: 'SaysoBoard',
});
