import { describe, expect, it } from 'vitest';
import type { SaysoAdapter } from '../adapter.js';
import { SaysoError } from '../errors.js';
import { adminRouteHash, parseAdminRoute } from './route.js';
import { ADMIN_CREDENTIAL_KEY, createAdminSession, type CredentialStorage } from './session.js';

const memoryStorage = (): CredentialStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
};

/** An adapter whose admin part knows one good key. */
const connect = (credential: string) =>
  ({
    admin: {
      whoAmI: async () => {
        if (credential !== 'good-key') throw new SaysoError('unauthorized', 'The admin key is not valid, or it was revoked.');
        return { via: 'admin_key', label: 'Grace' };
      },
    },
  }) as unknown as SaysoAdapter;

describe('admin session', () => {
  it('keeps a key only once the server accepted it, and forgets it on sign-out', async () => {
    const storage = memoryStorage();
    const session = createAdminSession({ connect, storage });
    expect(await session.signIn('wrong')).toBe(false);
    expect(session.$state.get()).toMatchObject({ status: 'signed-out', error: { code: 'unauthorized' } });
    expect(storage.items.size).toBe(0);

    expect(await session.signIn('  good-key ')).toBe(true);
    expect(session.$state.get()).toMatchObject({ status: 'signed-in', identity: { label: 'Grace' } });
    expect(storage.items.get(ADMIN_CREDENTIAL_KEY)).toBe('good-key');

    const again = createAdminSession({ connect, storage });
    expect(await again.resume()).toBe(true);
    again.signOut();
    expect(again.$state.get()).toEqual({ status: 'signed-out', error: null });
    expect(storage.items.size).toBe(0);
    expect(await again.resume()).toBe(false);
  });

  it('refuses an empty key without asking, and a revoked kept key signs out', async () => {
    const storage = memoryStorage();
    const session = createAdminSession({ connect, storage });
    expect(await session.signIn('   ')).toBe(false);
    expect(session.$state.get()).toMatchObject({ status: 'signed-out', error: { code: 'invalid_input' } });
    storage.setItem(ADMIN_CREDENTIAL_KEY, 'revoked-key');
    expect(await session.resume()).toBe(false);
    expect(storage.items.size).toBe(0);
  });
});

describe('admin routes', () => {
  it('reads and writes the screen and its parameters in the hash', () => {
    expect(parseAdminRoute('#/inbox?source=email&state=new')).toEqual({ screen: 'inbox', params: { source: 'email', state: 'new' } });
    expect(parseAdminRoute('')).toEqual({ screen: 'ideas', params: {} });
    expect(parseAdminRoute('#/nowhere')).toEqual({ screen: 'ideas', params: {} });
    expect(adminRouteHash({ screen: 'ideas', params: { sort: 'people', board: 'main', q: '' } })).toBe('#/ideas?board=main&sort=people');
    const route = { screen: 'idea' as const, params: { id: 'a b&c' } };
    expect(parseAdminRoute(adminRouteHash(route))).toEqual(route);
  });
});
