import { assertMayChange as assertMayChangeRule } from '@sayso/core';
import type { Actor } from '../db/identity.js';

/**
 * Core's rule for changing what someone wrote (its author or an admin), with the server's
 * identities: authors are compared by their private key, as the users table records them.
 */
export function assertMayChange(actor: Actor, authorKey: string | null, what: string): void {
  assertMayChangeRule({ id: actor.key, admin: actor.admin }, authorKey, what);
}
