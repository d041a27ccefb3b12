import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoIdeaForm as SaysoIdeaFormElement } from '@sayso/elements/components/sayso-idea-form/sayso-idea-form.js';
import { onSaysoSubmit } from './events.js';

/**
 * `<sayso-idea-form>`: a form to suggest an idea on `board`. `onSaysoSubmit` fires once the
 * idea was posted, with the new `Post` as `event.detail.post`.
 */
export const SaysoIdeaForm = createComponent({
  react: React,
  tagName: 'sayso-idea-form',
  elementClass: SaysoIdeaFormElement,
  events: { onSaysoSubmit },
  displayName: 'SaysoIdeaForm',
});
