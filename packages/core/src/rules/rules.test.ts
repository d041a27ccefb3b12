import { describe, expect, it } from 'vitest';
import {
  checkPageLimit,
  idempotentReplay,
  isReplayableStatus,
  noticeRecipients,
  replyRecipients,
  statusChangeEffect,
} from './index.js';

describe('statusChangeEffect', () => {
  const now = '2026-12-05T10:00:00.000Z';
  const earlier = '2026-11-01T10:00:00.000Z';
  it('ships an idea moved into done, now', () => {
    expect(statusChangeEffect({ fromKind: 'active', toKind: 'done', shippedAt: null, now })).toEqual({ shippedAt: now, ships: true });
  });
  it('keeps the first ship date between done statuses and tells nobody again', () => {
    expect(statusChangeEffect({ fromKind: 'done', toKind: 'done', shippedAt: earlier, now })).toEqual({ shippedAt: earlier, ships: false });
  });
  it('takes the ship date away when the idea leaves done', () => {
    expect(statusChangeEffect({ fromKind: 'done', toKind: 'open', shippedAt: earlier, now })).toEqual({ shippedAt: null, ships: false });
  });
});

describe('noticeRecipients', () => {
  it('tells each person once, never the actor nor those already told', () => {
    expect(noticeRecipients({ people: ['a', 'b', 'a', undefined, 'me', 'c'], actor: 'me', alreadyTold: new Set(['c']) })).toEqual(['a', 'b']);
  });
  it('tells of a reply the idea\'s author and earlier commenters, never the writer', () => {
    expect(replyRecipients({ postAuthor: 'author', earlierCommenters: ['c1', 'writer', 'c1', 'author'], writer: 'writer' })).toEqual(['author', 'c1']);
    expect(replyRecipients({ postAuthor: 'writer', earlierCommenters: [], writer: 'writer' })).toEqual([]);
    // A seed author (no visitor behind it) is nobody to tell.
    expect(replyRecipients({ postAuthor: undefined, earlierCommenters: ['c1'], writer: 'writer' })).toEqual(['c1']);
  });
});

describe('idempotentReplay', () => {
  it('runs a new key, replays an answered one, waits for a running one, refuses other input', () => {
    expect(idempotentReplay(undefined, 'x').action).toBe('run');
    expect(idempotentReplay({ fingerprint: 'x', answered: true }, 'x').action).toBe('replay');
    expect(idempotentReplay({ fingerprint: 'x', answered: false }, 'x').action).toBe('wait');
    expect(idempotentReplay({ fingerprint: 'x', answered: true }, 'y').action).toBe('refuse');
  });
  it('keeps answers that say what happened, not throttling nor server failures', () => {
    expect([200, 201, 404, 422, 429, 500, 503].map(isReplayableStatus)).toEqual([true, true, true, true, false, false, false]);
  });
});

describe('checkPageLimit', () => {
  it('takes whole numbers from 1 to the page size maximum', () => {
    expect([1, 20, 100].flatMap(checkPageLimit)).toEqual([]);
    for (const limit of [0, 101, 1.5, Number.NaN]) {
      expect(checkPageLimit(limit)).toEqual([{ field: 'limit', message: 'limit must be a whole number from 1 to 100.' }]);
    }
  });
});
