import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES, statusName, trendingScore } from './defaults.js';

describe('statusName', () => {
  const board = { slug: 'b', name: 'B', description: '', anonymous: 'votes-and-posts' as const, statuses: [...DEFAULT_STATUSES] };

  it('uses the board\'s own name for the status', () => {
    expect(statusName(board, 'in-progress')).toBe('In progress');
  });

  it('makes an unknown key readable', () => {
    expect(statusName(undefined, 'needs_design')).toBe('Needs design');
    expect(statusName(board, 'waiting-on-legal')).toBe('Waiting on legal');
  });
});

describe('trendingScore', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

  it('ranks a fresh idea with a few votes above an old one with many', () => {
    expect(trendingScore(5, hoursAgo(2), now)).toBeGreaterThan(trendingScore(50, hoursAgo(24 * 30), now));
  });

  it('grows with votes at the same age and is zero without votes', () => {
    expect(trendingScore(10, hoursAgo(5), now)).toBeGreaterThan(trendingScore(9, hoursAgo(5), now));
    expect(trendingScore(0, hoursAgo(5), now)).toBe(0);
  });
});
