import { describe, expect, it } from 'vitest';
import { checkChangelogEntry, checkNotifyKinds, followersOf, isEmailAddress, statusChangeNotifies } from './followers.js';

describe('followersOf', () => {
  it('lists each person once with every reason, over all ideas of the tree', () => {
    const followers = followersOf([
      { person: 'ann', subscribed: true, reason: 'author' },
      { person: 'bo', subscribed: true, reason: 'vote' },
      { person: 'ann', subscribed: true, reason: 'vote' },
      { person: 'ann', subscribed: true, reason: 'vote' },
    ]);
    expect([...followers]).toEqual([
      ['ann', ['author', 'vote']],
      ['bo', ['vote']],
    ]);
  });

  it('leaves out whoever stopped following any idea of the tree, and the actor', () => {
    const followers = followersOf(
      [
        { person: 'ann', subscribed: true, reason: 'vote' },
        { person: 'ann', subscribed: false, reason: 'explicit' },
        { person: 'bo', subscribed: true, reason: 'comment' },
        { person: 'cy', subscribed: true, reason: 'request' },
      ],
      'cy',
    );
    expect([...followers.keys()]).toEqual(['bo']);
  });
});

describe('which status changes notify', () => {
  it('tells of shipping only the first time, and of other kinds only when the board says so', () => {
    expect(statusChangeNotifies({ toKind: 'done', ships: true, notifyKinds: ['done'] })).toBe(true);
    expect(statusChangeNotifies({ toKind: 'done', ships: false, notifyKinds: ['done'] })).toBe(false);
    expect(statusChangeNotifies({ toKind: 'active', ships: false, notifyKinds: ['done'] })).toBe(false);
    expect(statusChangeNotifies({ toKind: 'active', ships: false, notifyKinds: ['done', 'active'] })).toBe(true);
    expect(statusChangeNotifies({ toKind: 'open', ships: false, notifyKinds: ['done', 'active'] })).toBe(false);
  });

  it('refuses notify kinds without done or with kinds that cannot notify, naming the field', () => {
    expect(checkNotifyKinds(['done', 'active'])).toEqual([]);
    expect(checkNotifyKinds(['active'])).toEqual([{ field: 'notifyKinds', message: 'Shipping (done) always notifies.' }]);
    expect(checkNotifyKinds(['done', 'duplicate'])[0]!.message).toMatch(/not duplicate/);
  });
});

describe('input checks', () => {
  it('accepts plausible addresses only', () => {
    expect(isEmailAddress('ann@example.com')).toBe(true);
    expect(isEmailAddress('ann.lee+ideas@mail.example.co.uk')).toBe(true);
    for (const bad of ['ann', 'ann@example', 'ann @example.com', '@example.com', 'ann@@example.com', `${'a'.repeat(250)}@x.io`]) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });

  it('checks a changelog entry\'s title and body as given', () => {
    expect(checkChangelogEntry({ title: 'Dark mode is here', body: 'Finally.' })).toEqual([]);
    expect(checkChangelogEntry({})).toEqual([]);
    expect(checkChangelogEntry({ title: ' a ' }).map((p) => p.field)).toEqual(['title']);
    expect(checkChangelogEntry({ body: 'x'.repeat(20_001) }).map((p) => p.field)).toEqual(['body']);
  });
});
