import { SaysoError } from '../errors.js';

/** Who asks to change something: their id (as authors are recorded) and whether they are an admin. */
export interface ChangeActor {
  id: string;
  admin: boolean;
}

/** Whether a change is allowed, else why not: no identity at all, or someone else's text. */
export type ChangeDecision = 'allowed' | 'unauthorized' | 'forbidden';

/**
 * The one rule for changing what someone wrote (an idea's text, a comment): its author may, an
 * admin may, nobody else. `actor` is `null` for a caller without identity; `authorId` `null`
 * for text whose author is unknown (only an admin may change it).
 */
export function mayChange(actor: ChangeActor | null, authorId: string | null): ChangeDecision {
  if (!actor) return 'unauthorized';
  return actor.admin || actor.id === authorId ? 'allowed' : 'forbidden';
}

/**
 * {@link mayChange} as a guard: throws the `SaysoError` both backends answer with when the
 * change is refused. `what` names the thing in the message ("idea", "comment").
 */
export function assertMayChange(actor: ChangeActor | null, authorId: string | null, what: string): asserts actor is ChangeActor {
  const decision = mayChange(actor, authorId);
  if (decision === 'unauthorized') throw new SaysoError('unauthorized', `Say who you are to change this ${what}.`);
  if (decision === 'forbidden') throw new SaysoError('forbidden', `Only its author or an admin may change this ${what}.`);
}
