import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoFeedbackButton as SaysoFeedbackButtonElement } from '@sayso/elements/components/sayso-feedback-button/sayso-feedback-button.js';
import { onSaysoClose, onSaysoOpen, onSaysoSubmit, onSaysoVote } from './events.js';

/**
 * `<sayso-feedback-button>`: a launcher that opens a panel with the idea form and, on a second
 * tab, the `board`. The form and board are loaded the first time the panel shows them.
 * `onSaysoOpen`/`onSaysoClose` fire when the visitor opens or closes it (not when `open` is set).
 *
 * @example
 * ```tsx
 * <SaysoFeedbackButton board="demo" placement="top-end" onSaysoClose={(event) => log(event.detail.reason)} />
 * ```
 */
export const SaysoFeedbackButton = createComponent({
  react: React,
  tagName: 'sayso-feedback-button',
  elementClass: SaysoFeedbackButtonElement,
  events: { onSaysoOpen, onSaysoClose, onSaysoSubmit, onSaysoVote },
  displayName: 'SaysoFeedbackButton',
});
