import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoChangelog as SaysoChangelogElement } from '@sayso/elements/components/sayso-changelog/sayso-changelog.js';

/**
 * `<sayso-changelog>`: what shipped on `board`, newest first, with a badge counting the updates
 * this visitor has not read yet. It fires no events.
 */
export const SaysoChangelog = createComponent({
  react: React,
  tagName: 'sayso-changelog',
  elementClass: SaysoChangelogElement,
  displayName: 'SaysoChangelog',
});
