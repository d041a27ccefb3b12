import { SaysoError } from '@sayso/core';
import type { Actor } from '../db/identity.js';

/** The one rule for changing what someone wrote: its author or an admin. */
export function assertMayChange(actor: Actor, authorKey: string | null, what: string): void {
  if (!actor.admin && actor.key !== authorKey) {
    throw new SaysoError('forbidden', `Only its author or an admin may change this ${what}.`);
  }
}
