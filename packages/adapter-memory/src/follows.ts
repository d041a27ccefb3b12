import {
  AUDIENCE_LIST_DEFAULT,
  checkPageLimit,
  followersOf,
  isEmailAddress,
  type EmailPreferences,
  type NotificationAudience,
  type SaysoAdapter,
  type Subscription,
  type SubscriptionReason,
  type WebhookEventType,
} from '@sayso/core';
import { canonicalPost, mergeTree, type MemoryData, type StoredEmailSettings, type StoredPost } from './data.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** No address, email on: a visitor's settings until they change them. */
const NO_EMAIL: StoredEmailSettings = { email: null, confirmed: false, emailOff: false };

/**
 * Makes `person` follow an idea for `reason` unless they have a say on it already (they follow
 * it, or stopped following it: that sticks), as posting, voting and commenting do.
 */
export function follow(data: MemoryData, postId: string, person: string, reason: SubscriptionReason): void {
  const followers = data.follows.get(postId) ?? new Map();
  if (!followers.has(person)) followers.set(person, { subscribed: true, reason });
  data.follows.set(postId, followers);
}

/**
 * Takes back what a vote made: someone who takes back their vote no longer asks for the idea, so
 * they stop following the ideas of its tree they followed only because they voted.
 */
export function unfollowVote(data: MemoryData, tree: StoredPost[], person: string): void {
  for (const idea of tree) {
    const row = data.follows.get(idea.id)?.get(person);
    if (row?.subscribed && row.reason === 'vote') data.follows.get(idea.id)!.delete(person);
  }
}

/**
 * Who hears of a change to these ideas (core's `followersOf` over each one's merge tree), each
 * person once with their reasons, in the order of the ideas; never `actor`.
 */
export function audienceOf(data: MemoryData, posts: StoredPost[], actor?: string): Map<string, { reasons: SubscriptionReason[]; postId: string }> {
  const audience = new Map<string, { reasons: SubscriptionReason[]; postId: string }>();
  for (const post of posts) {
    const rows = mergeTree(data, post).flatMap((idea) => [...(data.follows.get(idea.id) ?? [])].map(([person, row]) => ({ person, ...row })));
    for (const [person, reasons] of followersOf(rows, actor)) {
      const earlier = audience.get(person);
      if (earlier) earlier.reasons = [...new Set([...earlier.reasons, ...reasons])];
      else audience.set(person, { reasons, postId: post.id });
    }
  }
  return audience;
}

/** Whether mail may go to a person: a confirmed address, email not turned off. */
const mayEmail = (preferences: StoredEmailSettings | undefined) => preferences !== undefined && preferences.confirmed && !preferences.emailOff;

/** A dry run's answer: who would be told and how (the memory adapter sends no mail, but says who would get it). */
export function audienceAnswer(
  visitor: MemoryVisitor,
  audience: Map<string, { reasons: SubscriptionReason[] }>,
  eventType: WebhookEventType,
  limit: number = AUDIENCE_LIST_DEFAULT,
): NotificationAudience {
  refuse(checkPageLimit(limit));
  const { data } = visitor;
  const people = [...audience].map(([person, { reasons }]) => {
    const preferences = data.emailPreferences.get(person);
    const channels: Array<'in_app' | 'email'> = mayEmail(preferences) ? ['in_app', 'email'] : ['in_app'];
    return { person: { id: visitor.publicIdOf(person), name: null, email: preferences?.email ?? null }, channels, reasons };
  });
  const webhooks = [...data.webhooks.values()].filter((endpoint) => endpoint.active && endpoint.events.includes(eventType)).length;
  return {
    counts: { in_app: people.length, email: people.filter((member) => member.channels.includes('email')).length, webhook: webhooks },
    people: people.slice(0, limit),
    truncated: people.length > limit,
  };
}

/** The visitor's subscriptions and email settings. */
export function followOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'getSubscription' | 'setSubscription' | 'getEmailPreferences' | 'setEmailPreferences'> {
  const { data, voterId, settle, commit, postOf } = visitor;
  // As on the server: anonymous visitors leave an address; a signed-in user's is their host's.
  const mayLeaveAddress = !visitor.signedIn && !visitor.isAdmin;
  const preferencesOf = (settings: StoredEmailSettings | undefined): EmailPreferences => ({ ...(settings ?? NO_EMAIL), mayLeaveAddress });

  const subscriptionOf = (post: StoredPost): Subscription => {
    const canonical = canonicalPost(data, post);
    const follower = audienceOf(data, [canonical]).get(voterId);
    const preferences = data.emailPreferences.get(voterId);
    return {
      postId: canonical.id,
      subscribed: follower !== undefined,
      reason: follower ? (data.follows.get(canonical.id)?.get(voterId)?.reason ?? follower.reasons[0]!) : null,
      emailPending: preferences !== undefined && preferences.email !== null && !preferences.confirmed,
    };
  };

  return {
    getSubscription: ({ postId }) => settle(() => subscriptionOf(postOf(postId))),

    setSubscription: ({ postId, subscribed, email }) =>
      commit(() => {
        const canonical = canonicalPost(data, postOf(postId));
        if (email !== undefined) {
          if (!mayLeaveAddress) {
            refuse([{ field: 'email', message: "Only anonymous visitors leave an address here; a signed-in user's mail goes to the address their sign-in gives." }]);
          }
          const address = email.trim();
          if (!isEmailAddress(address)) throw invalid('That email address does not look right.', { field: 'email' });
          // The memory adapter sends no confirmation: the address stays pending.
          data.emailPreferences.set(voterId, { ...(data.emailPreferences.get(voterId) ?? NO_EMAIL), email: address, confirmed: false });
        }
        const followers = data.follows.get(canonical.id) ?? new Map();
        data.follows.set(canonical.id, followers);
        if (subscribed) {
          // Following again undoes every stop on the ideas of its tree.
          for (const idea of mergeTree(data, canonical)) {
            const row = data.follows.get(idea.id)?.get(voterId);
            if (row && !row.subscribed) row.subscribed = true;
          }
          const row = followers.get(voterId);
          if (!row) followers.set(voterId, { subscribed: true, reason: 'explicit' });
        } else {
          followers.set(voterId, { subscribed: false, reason: followers.get(voterId)?.reason ?? 'explicit' });
        }
        return subscriptionOf(canonical);
      }),

    getEmailPreferences: () => settle(() => preferencesOf(data.emailPreferences.get(voterId))),

    setEmailPreferences: ({ emailOff }) =>
      commit(() => {
        if (typeof emailOff !== 'boolean') throw invalid('emailOff must be true or false.', { field: 'emailOff' });
        const settings = { ...(data.emailPreferences.get(voterId) ?? NO_EMAIL), emailOff };
        data.emailPreferences.set(voterId, settings);
        return preferencesOf(settings);
      }),
  };
}
