import { atom, type ReadableAtom } from 'nanostores';
import type { SaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import { isEmailAddress } from '../rules/followers.js';
import type { EmailPreferences, Subscription } from '../types.js';
import { createEmailPreferencesView, hasEmailAddress } from './email-preferences.js';
import { joinedLoad } from './joined-load.js';
import { saveOptimistically, type SavingState } from './optimistic-save.js';
import type { LoadStatus } from './paged-loads.js';

/** Whether the visitor follows one idea, as a follow button shows it. */
export interface SubscriptionState extends SavingState {
  postId: string;
  status: LoadStatus;
  /** `null` until loaded. */
  subscription: Subscription | null;
  /** Why loading failed; `null` when it did not. */
  error: SaysoError | null;
}

/** The visitor's subscription to one idea (`client.view(createSubscriptionView, { postId })`). */
export interface SubscriptionView {
  readonly $state: ReadableAtom<SubscriptionState>;
  /** Fetches the subscription (again); a call while one is under way joins it. */
  load(): Promise<void>;
  /**
   * Fetches the subscription quietly, keeping what is shown meanwhile and on failure: after a
   * vote or comment (which make the visitor follow), and whenever an element shows the view again.
   */
  refresh(): Promise<void>;
  /** An element started showing the view: {@link refresh}. */
  shown(): void;
  /**
   * Follows the idea or stops following it, at once in the UI, then asks the adapter; a refusal
   * restores what was shown and is kept in `saveError`. Resolves to whether it was saved.
   */
  setSubscribed(subscribed: boolean): Promise<boolean>;
  /**
   * "Tell me when this ships": follows the idea and leaves `email` for an anonymous visitor.
   * A malformed address is refused here, without a request, as `invalid_input` on `email` in
   * `saveError`. Once saved, the visitor's email settings are fetched again (the address now
   * waits for its confirmation link).
   */
  followByEmail(email: string): Promise<boolean>;
}

/** The message of an address refused before it is sent (elements show their own words for it). */
export const INVALID_EMAIL_MESSAGE = 'That email address does not look right.';

/**
 * What a follow control offers: the Follow toggle to a visitor Sayso can reach (an address is
 * known, they follow already and the bell tells them, or they are a signed-in user, whose bell
 * always can), and a field for an address ("tell me when this ships") to an anonymous visitor
 * Sayso has none for: alone when they do not follow yet, beside the toggle when they do (an
 * anonymous voter may still want the news by email). Unknown settings count as no address.
 */
export function followControl(subscription: Subscription | null, preferences: EmailPreferences | null): { toggle: boolean; address: boolean } {
  const address = !hasEmailAddress(preferences) && (preferences?.mayLeaveAddress ?? true);
  return { toggle: subscription?.subscribed === true || !address, address };
}

export function createSubscriptionView(client: SaysoClient, options: { postId: string }): SubscriptionView {
  const { postId } = options;
  const $state = atom<SubscriptionState>({ postId, status: 'idle', subscription: null, error: null, saving: false, saveError: null });
  const load = joinedLoad($state, async () => {
    const subscription = await client.adapter.getSubscription({ postId });
    return { ...$state.get(), subscription };
  });

  // Shown at once: following, with the reason the visitor gave (or none when they stop).
  const optimistic = (subscribed: boolean, emailPending: boolean): Subscription => ({
    postId: $state.get().subscription?.postId ?? postId,
    subscribed,
    reason: subscribed ? ($state.get().subscription?.reason ?? 'explicit') : null,
    emailPending,
  });

  const refresh = async () => {
    try {
      const subscription = await client.adapter.getSubscription({ postId });
      // A change being saved answers for itself.
      if (!$state.get().saving) $state.set({ ...$state.get(), subscription, status: 'ready', error: null });
    } catch {
      // What is shown stays; the next refresh or change tries again.
    }
  };

  const setSubscribed = (subscribed: boolean) =>
    saveOptimistically($state, 'subscription', optimistic(subscribed, $state.get().subscription?.emailPending ?? false), () =>
      client.adapter.setSubscription({ postId, subscribed }),
    );

  const followByEmail = async (email: string) => {
    const address = email.trim();
    if (!isEmailAddress(address)) {
      const problem = { field: 'email', message: INVALID_EMAIL_MESSAGE };
      $state.set({ ...$state.get(), saveError: new SaysoError('invalid_input', INVALID_EMAIL_MESSAGE, { field: 'email', problems: [problem] }) });
      return false;
    }
    const saved = await saveOptimistically($state, 'subscription', optimistic(true, true), () =>
      client.adapter.setSubscription({ postId, subscribed: true, email: address }),
    );
    if (saved) void client.view(createEmailPreferencesView, {}).load();
    return saved;
  };

  return { $state, load, refresh, shown: () => void refresh(), setSubscribed, followByEmail };
}
