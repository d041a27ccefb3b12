import type { StatusKind } from '../types.js';

/** What moving an idea from one status to another does, decided the same way by every backend. */
export interface StatusChangeEffect {
  /** The idea's ship date after the change. */
  shippedAt: string | null;
  /** True when this change ships the idea: everyone who asked for it is told. */
  ships: boolean;
}

/**
 * Into a `done` status: shipped now, and the people who asked are told. Between two `done`
 * statuses: still shipped when it first got there, nobody told again. Out of `done`: not
 * shipped (any more).
 */
export function statusChangeEffect(change: {
  fromKind: StatusKind;
  toKind: StatusKind;
  shippedAt: string | null;
  now: string;
}): StatusChangeEffect {
  if (change.toKind !== 'done') return { shippedAt: null, ships: false };
  if (change.fromKind === 'done') return { shippedAt: change.shippedAt, ships: false };
  return { shippedAt: change.now, ships: true };
}
