import { LIMITS, type StatusKind, type SubscriptionReason } from '../types.js';
import type { InputProblem } from '../validation.js';

/** One person's following of one idea of a merge tree, as a backend stores it. */
export interface FollowRow<Person> {
  person: Person;
  subscribed: boolean;
  reason: SubscriptionReason;
}

/**
 * Who follows an idea: the people following it or any idea merged into it, each once with every
 * reason they have, leaving out whoever stopped following any idea of the tree (an unsubscribe
 * sticks, whichever of the merged ideas they asked on). Never `actor`, who made the change.
 */
export function followersOf<Person>(rows: Iterable<FollowRow<Person>>, actor?: Person): Map<Person, SubscriptionReason[]> {
  const stopped = new Set<Person>();
  const followers = new Map<Person, SubscriptionReason[]>();
  for (const row of rows) {
    if (!row.subscribed) {
      stopped.add(row.person);
      continue;
    }
    const reasons = followers.get(row.person) ?? [];
    if (!reasons.includes(row.reason)) reasons.push(row.reason);
    followers.set(row.person, reasons);
  }
  for (const person of [...stopped, actor]) if (person !== undefined) followers.delete(person);
  return followers;
}

/** The status kinds a board may tell its followers of; `done` always is one. */
export const NOTIFIABLE_KINDS: readonly StatusKind[] = ['active', 'done'];

/** What a board tells of when it says nothing else: shipping. */
export const DEFAULT_NOTIFY_KINDS: readonly StatusKind[] = ['done'];

/** Checks the kinds a board notifies of: known notifiable kinds, `done` among them. */
export function checkNotifyKinds(kinds: readonly string[]): InputProblem[] {
  const unknown = kinds.filter((kind) => !(NOTIFIABLE_KINDS as readonly string[]).includes(kind));
  const problems: InputProblem[] = [];
  if (unknown.length > 0) {
    problems.push({ field: 'notifyKinds', message: `Only ${NOTIFIABLE_KINDS.join(', ')} can notify; not ${unknown.join(', ')}.` });
  }
  if (!kinds.includes('done')) problems.push({ field: 'notifyKinds', message: 'Shipping (done) always notifies.' });
  return problems;
}

/**
 * Whether a status change tells the idea's followers: shipping it does (the first move into
 * `done`, see statusChangeEffect); moving into another status of a kind the board notifies of
 * (say "Planned" or "In progress" when `active` notifies) does too.
 */
export function statusChangeNotifies(change: { toKind: StatusKind; ships: boolean; notifyKinds: readonly StatusKind[] }): boolean {
  if (change.toKind === 'done') return change.ships;
  return change.notifyKinds.includes(change.toKind);
}

/** The audience listed by a dry run when the caller says nothing: enough to read, small to send. */
export const AUDIENCE_LIST_DEFAULT = 100;

/** Longest address accepted (RFC 5321's path limit). */
const EMAIL_MAX = 254;

/**
 * Whether an address looks deliverable enough to send a confirmation to: one `@`, a dotted
 * domain, no spaces. The confirmation link is the real check.
 */
export function isEmailAddress(text: string): boolean {
  return text.length <= EMAIL_MAX && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text);
}

/** Checks a changelog entry as written (fields left out are not checked): an idea's title limits, a longer body. */
export function checkChangelogEntry(entry: { title?: string; body?: string }): InputProblem[] {
  const problems: InputProblem[] = [];
  if (entry.title !== undefined) {
    const title = entry.title.trim();
    if (title.length < LIMITS.titleMin || title.length > LIMITS.titleMax) {
      problems.push({ field: 'title', message: `A title needs ${LIMITS.titleMin} to ${LIMITS.titleMax} characters.` });
    }
  }
  if (entry.body !== undefined && entry.body.length > LIMITS.changelogBodyMax) {
    problems.push({ field: 'body', message: `The text can be at most ${LIMITS.changelogBodyMax.toLocaleString('en')} characters.` });
  }
  return problems;
}
