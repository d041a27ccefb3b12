import { SaysoError, type EmailPreferences, type Subscription } from '@sayso/core';
import type { EmailLinks } from '../channels/email/email-links.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, findUserId, type Actor } from '../db/identity.js';
import { canonicalIdOf } from '../db/people.js';
import { noSuchPost } from '../db/posts.js';
import {
  chooseSubscription,
  confirmAddress,
  followedBy,
  leaveAddress,
  mailSettingsOf,
  setEmailOff,
  subscriptionRow,
  type MailSettingsRow,
} from '../db/subscriptions.js';
import { record } from './record.js';

// Who follows what, and each person's email settings: the visitor's own (the API, by their
// credentials) and, from an email's signed links, the person the mail went to (email pages).

const canonicalOf = async (db: Queryable, postId: string) => {
  const canonicalId = await canonicalIdOf(db, postId);
  if (!canonicalId) throw noSuchPost(postId);
  return canonicalId;
};

/** An address a visitor left and has not confirmed yet. */
const pending = (person: MailSettingsRow | undefined) =>
  person !== undefined && person.key.startsWith('visitor:') && person.email !== null && person.email_confirmed_at === null;

/** The caller's subscription to an idea (to its canonical); a caller without a users row follows nothing. */
export async function subscriptionOf(db: Queryable, params: { postId: string; viewer: string | null }): Promise<Subscription> {
  const postId = await canonicalOf(db, params.postId);
  const userId = await findUserId(db, params.viewer);
  if (!userId) return { postId, subscribed: false, reason: null, emailPending: false };
  const row = await subscriptionRow(db, postId, userId);
  return { postId, ...row, emailPending: pending(await mailSettingsOf(db, userId)) };
}

/**
 * Follows an idea or stops following it (on its canonical; stopping sticks), in one transaction
 * recording `subscription.changed`. An anonymous visitor may leave an address: a new one waits
 * for its confirmation link, sent by the outbox (`email.confirmation_requested`), and gets
 * nothing else until it is followed. Identified users' mail goes to the address their host signed.
 */
export async function changeSubscription(
  db: Database,
  params: { postId: string; actor: Actor; subscribed: boolean; email?: string },
): Promise<Subscription> {
  if (params.email !== undefined && !mayLeaveAddress(params.actor.key)) {
    const message = 'Only anonymous visitors leave an address here; a signed-in user\'s mail goes to the address their sign-in gives.';
    throw new SaysoError('invalid_input', message, { problems: [{ field: 'email', message }] });
  }
  await db.transaction(async (tx) => {
    const postId = await canonicalOf(tx, params.postId);
    const userId = await ensureUser(tx, params.actor.key);
    await chooseSubscription(tx, postId, userId, params.subscribed);
    await record(tx, { type: 'subscription.changed', subject: { type: 'post', id: postId }, actorId: userId, payload: { subscribed: params.subscribed } });
    if (params.email !== undefined && (await leaveAddress(tx, userId, params.email))) {
      await record(tx, {
        type: 'email.confirmation_requested',
        subject: { type: 'user', id: userId },
        actorId: userId,
        payload: { email: params.email, postId },
      });
    }
  });
  return subscriptionOf(db, { postId: params.postId, viewer: params.actor.key });
}

/** Only anonymous visitors (and callers not yet known, who become one) leave an address here. */
const mayLeaveAddress = (viewer: string | null) => viewer === null || viewer.startsWith('visitor:');

const preferencesOf = (person: MailSettingsRow | undefined, viewer: string | null): EmailPreferences => ({
  email: person?.email ?? null,
  confirmed: person !== undefined && person.email !== null && (person.key.startsWith('user:') || person.email_confirmed_at !== null),
  emailOff: person?.email_off ?? false,
  mayLeaveAddress: mayLeaveAddress(viewer),
});

/** The caller's email settings; a caller without a users row has none. */
export async function emailPreferencesOf(db: Queryable, viewer: string | null): Promise<EmailPreferences> {
  const userId = await findUserId(db, viewer);
  return preferencesOf(userId ? await mailSettingsOf(db, userId) : undefined, viewer);
}

/** Turns the caller's email off or on again; records `email.preferences_changed`. */
export async function changeEmailPreferences(db: Database, params: { actor: Actor; emailOff: boolean }): Promise<EmailPreferences> {
  return db.transaction(async (tx) => {
    const userId = await ensureUser(tx, params.actor.key);
    await turnEmailOff(tx, userId, params.emailOff);
    return preferencesOf(await mailSettingsOf(tx, userId), params.actor.key);
  });
}

async function turnEmailOff(tx: Queryable, userId: string, off: boolean): Promise<void> {
  await setEmailOff(tx, userId, off);
  await record(tx, { type: 'email.preferences_changed', subject: { type: 'user', id: userId }, actorId: userId, payload: { emailOff: off } });
}

/** What a confirmation link did: confirmed the address, or nothing (a forged link, or one for an address since replaced). */
export async function confirmEmail(db: Database, links: EmailLinks, token: string): Promise<{ confirmed: boolean; email?: string }> {
  const link = await links.read(token);
  if (link?.purpose !== 'confirm') return { confirmed: false };
  return db.transaction(async (tx) => {
    if (!(await confirmAddress(tx, link.userId, link.email))) return { confirmed: false };
    await record(tx, { type: 'email.confirmed', subject: { type: 'user', id: link.userId }, actorId: link.userId, payload: {} });
    return { confirmed: true, email: link.email };
  });
}

/** The person and idea of an unsubscribe link; `undefined` for a link this deployment did not sign. */
export async function unsubscribeLink(links: EmailLinks, token: string) {
  const link = await links.read(token);
  return link?.purpose === 'unsubscribe' ? link : undefined;
}

/** How many followed ideas a subscriptions page lists. */
const FOLLOWED_LISTED = 100;

/** What the subscriptions page of an unsubscribe link shows: the ideas the person follows, and their email settings. */
export async function subscriptionsPage(db: Queryable, userId: string) {
  const [followed, person] = await Promise.all([followedBy(db, userId, FOLLOWED_LISTED), mailSettingsOf(db, userId)]);
  return { followed, emailOff: person?.email_off ?? false };
}

/**
 * What an email's links do for the person it went to: stop following an idea (the one-click of
 * RFC 8058, or a button of the subscriptions page), or turn all email off or on again. The
 * one-click of a mail about no idea turns email off: it is the only list such a mail is on.
 */
export async function unsubscribeByLink(db: Database, params: { userId: string; postId: string | null; emailOff?: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    if (params.emailOff !== undefined || params.postId === null) return turnEmailOff(tx, params.userId, params.emailOff ?? true);
    const postId = await canonicalIdOf(tx, params.postId);
    if (!postId) return;
    await chooseSubscription(tx, postId, params.userId, false);
    await record(tx, { type: 'subscription.changed', subject: { type: 'post', id: postId }, actorId: params.userId, payload: { subscribed: false } });
  });
}
