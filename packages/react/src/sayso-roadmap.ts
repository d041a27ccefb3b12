import { createComponent } from '@lit/react';
import * as React from 'react';
import { SaysoRoadmap as SaysoRoadmapElement } from '@sayso/elements/components/sayso-roadmap/sayso-roadmap.js';
import { onSaysoVote } from './events.js';

/**
 * `<sayso-roadmap>`: one column per status of `board` (by default Planned, In progress and
 * Shipped; `statuses="planned, in-progress"` picks others), most wanted ideas first.
 */
export const SaysoRoadmap = createComponent({
  react: React,
  tagName: 'sayso-roadmap',
  elementClass: SaysoRoadmapElement,
  events: { onSaysoVote },
  displayName: 'SaysoRoadmap',
});
