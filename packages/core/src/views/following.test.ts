import { describe, expect, it, vi } from 'vitest';
import type { SaysoAdapter } from '../adapter.js';
import { createSaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import type { ChangelogEntry, EmailPreferences, Subscription } from '../types.js';
import { changelogSeenKey, type SeenStorage } from './changelog-seen.js';
import { createChangelogEntriesView } from './changelog-entries.js';
import { createEmailPreferencesView } from './email-preferences.js';
import { createSubscriptionView, followControl } from './subscription.js';

const following: Subscription = { postId: 'p1', subscribed: true, reason: 'vote', emailPending: false };
const notFollowing: Subscription = { postId: 'p1', subscribed: false, reason: null, emailPending: false };
const withAddress: EmailPreferences = { email: 'ana@example.com', confirmed: true, emailOff: false, mayLeaveAddress: true };
const noAddress: EmailPreferences = { email: null, confirmed: false, emailOff: false, mayLeaveAddress: true };
const signedInWithoutAddress: EmailPreferences = { ...noAddress, mayLeaveAddress: false };

/** A client over an adapter with only the given methods (the views under test call no others). */
const clientWith = (methods: Partial<SaysoAdapter>) => createSaysoClient({ adapter: methods as SaysoAdapter });

describe('createSubscriptionView', () => {
  it('shows a change at once and keeps the answer', async () => {
    let answer!: (s: Subscription) => void;
    const setSubscription = vi.fn(() => new Promise<Subscription>((resolve) => (answer = resolve)));
    const client = clientWith({ getSubscription: async () => following, setSubscription });
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();

    const saving = view.setSubscribed(false);
    expect(view.$state.get()).toMatchObject({ saving: true, subscription: { subscribed: false, reason: null } });
    answer(notFollowing);
    expect(await saving).toBe(true);
    expect(view.$state.get()).toMatchObject({ saving: false, saveError: null, subscription: notFollowing });
    expect(setSubscription).toHaveBeenCalledWith({ postId: 'p1', subscribed: false });
  });

  it('refreshes quietly, keeping what is shown when that fails', async () => {
    let answer: () => Promise<Subscription> = async () => notFollowing;
    const client = clientWith({ getSubscription: () => answer() });
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();
    answer = async () => following;
    const refreshing = view.refresh();
    expect(view.$state.get().status, 'no loading state').toBe('ready');
    await refreshing;
    expect(view.$state.get().subscription).toEqual(following);
    answer = () => Promise.reject(new SaysoError('network', 'offline'));
    await view.refresh();
    expect(view.$state.get()).toMatchObject({ status: 'ready', subscription: following, error: null });
  });

  it('rolls back a refused change and keeps why', async () => {
    const client = clientWith({
      getSubscription: async () => following,
      setSubscription: () => Promise.reject(new SaysoError('network', 'offline')),
    });
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();
    expect(await view.setSubscribed(false)).toBe(false);
    expect(view.$state.get().subscription).toEqual(following);
    expect(view.$state.get().saveError?.code).toBe('network');
  });

  it('refuses a malformed address without asking the adapter', async () => {
    const setSubscription = vi.fn();
    const client = clientWith({ getSubscription: async () => notFollowing, setSubscription });
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();
    expect(await view.followByEmail('not an address')).toBe(false);
    expect(setSubscription).not.toHaveBeenCalled();
    expect(view.$state.get().saveError).toMatchObject({ code: 'invalid_input', details: { field: 'email' } });
    expect(view.$state.get().subscription).toEqual(notFollowing);
  });

  it('leaves a trimmed address, then fetches the email settings again', async () => {
    const pending: EmailPreferences = { email: 'ana@example.com', confirmed: false, emailOff: false, mayLeaveAddress: true };
    let preferences = noAddress;
    const setSubscription = vi.fn(async () => {
      preferences = pending;
      return { ...following, reason: 'explicit' as const, emailPending: true };
    });
    const client = clientWith({ getSubscription: async () => notFollowing, setSubscription, getEmailPreferences: async () => preferences });
    const settings = client.view(createEmailPreferencesView, {});
    await settings.load();
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();

    expect(await view.followByEmail('  ana@example.com ')).toBe(true);
    expect(setSubscription).toHaveBeenCalledWith({ postId: 'p1', subscribed: true, email: 'ana@example.com' });
    expect(view.$state.get().subscription).toMatchObject({ subscribed: true, emailPending: true });
    await vi.waitFor(() => expect(settings.$state.get().preferences).toEqual(pending));
  });

  it('keeps the subscription shown when the server refuses the address', async () => {
    const refusal = new SaysoError('invalid_input', 'That domain takes no mail.', { problems: [{ field: 'email', message: 'That domain takes no mail.' }] });
    const client = clientWith({ getSubscription: async () => notFollowing, setSubscription: () => Promise.reject(refusal) });
    const view = client.view(createSubscriptionView, { postId: 'p1' });
    await view.load();
    expect(await view.followByEmail('ana@example.invalid')).toBe(false);
    expect(view.$state.get()).toMatchObject({ subscription: notFollowing, saveError: refusal });
  });
});

describe('followControl', () => {
  it('offers the toggle to whoever Sayso can reach, and the address field to anonymous visitors without one', () => {
    const toggle = { toggle: true, address: false };
    expect(followControl(notFollowing, withAddress)).toEqual(toggle);
    expect(followControl(following, withAddress)).toEqual(toggle);
    // A signed-in user without an address from their host: the bell tells them; no field, which the server would refuse.
    expect(followControl(notFollowing, signedInWithoutAddress)).toEqual(toggle);
    expect(followControl(notFollowing, noAddress)).toEqual({ toggle: false, address: true });
    expect(followControl(null, null)).toEqual({ toggle: false, address: true });
    // An anonymous voter follows by their vote and may still ask for an email.
    expect(followControl(following, noAddress)).toEqual({ toggle: true, address: true });
  });
});

describe('createEmailPreferencesView', () => {
  it('turns email off at once and rolls back when refused', async () => {
    const client = clientWith({
      getEmailPreferences: async () => withAddress,
      setEmailPreferences: () => Promise.reject(new SaysoError('server', 'boom')),
    });
    const view = client.view(createEmailPreferencesView, {});
    await view.load();
    const saving = view.setEmailOff(true);
    expect(view.$state.get().preferences?.emailOff).toBe(true);
    expect(await saving).toBe(false);
    expect(view.$state.get()).toMatchObject({ preferences: withAddress, saving: false, saveError: { code: 'server' } });
  });

  it('keeps the answer of a saved change', async () => {
    const setEmailPreferences = vi.fn(async ({ emailOff }: { emailOff: boolean }) => ({ ...withAddress, emailOff }));
    const client = clientWith({ getEmailPreferences: async () => withAddress, setEmailPreferences });
    const view = client.view(createEmailPreferencesView, {});
    await view.load();
    expect(await view.setEmailOff(true)).toBe(true);
    expect(setEmailPreferences).toHaveBeenCalledWith({ emailOff: true });
    expect(view.$state.get().preferences).toEqual({ ...withAddress, emailOff: true });
  });
});

describe('createChangelogEntriesView', () => {
  const entry = (id: string): ChangelogEntry => ({
    id,
    board: 'demo',
    title: `Release ${id}`,
    body: '',
    posts: [],
    publishedAt: '2026-01-01T00:00:00Z',
    createdAt: '2026-01-01T00:00:00Z',
  });
  const memoryStorage = (): SeenStorage & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
  };

  it('pages through the entries and remembers which were read with the shipped ideas', async () => {
    const pages: Record<string, { items: ChangelogEntry[]; nextCursor: string | null }> = {
      first: { items: [entry('e3'), entry('e2')], nextCursor: 'c1' },
      c1: { items: [entry('e2'), entry('e1')], nextCursor: null },
    };
    const listChangelogEntries = vi.fn(async ({ cursor }: { cursor?: string | null }) => pages[cursor ?? 'first']!);
    const storage = memoryStorage();
    storage.setItem(changelogSeenKey('demo'), JSON.stringify(['shipped-idea', 'e2']));
    const view = createChangelogEntriesView(clientWith({ listChangelogEntries }), { board: 'demo', storage, limit: 2 });

    await view.load();
    expect(listChangelogEntries).toHaveBeenCalledWith({ board: 'demo', cursor: null, limit: 2 });
    expect(view.$unread.get()).toEqual(['e3']);
    await view.loadMore();
    expect(view.$state.get().items.map((e) => e.id)).toEqual(['e3', 'e2', 'e1']);
    expect(view.$state.get().nextCursor).toBeNull();
    expect(view.$unread.get()).toEqual(['e3', 'e1']);

    view.markAllRead();
    expect(view.$unread.get()).toEqual([]);
    expect(JSON.parse(storage.data.get(changelogSeenKey('demo'))!)).toEqual(['e3', 'e2', 'e1', 'shipped-idea']);
  });
});
