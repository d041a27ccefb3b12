import type { Board, Status } from './types.js';

/** The workflow a new board starts with; the first `open` status is where new ideas land. */
export const DEFAULT_STATUSES: readonly Status[] = [
  { id: 'open', name: 'Open', kind: 'open', position: 0 },
  { id: 'under-review', name: 'Under review', kind: 'open', position: 1 },
  { id: 'planned', name: 'Planned', kind: 'active', position: 2 },
  { id: 'in-progress', name: 'In progress', kind: 'active', position: 3 },
  { id: 'shipped', name: 'Shipped', kind: 'done', position: 4 },
  { id: 'declined', name: 'Declined', kind: 'declined', position: 5 },
  { id: 'merged', name: 'Merged', kind: 'duplicate', position: 6 },
];

/**
 * Trending weighs votes against age, so a fresh idea with a few votes can pass an old one
 * with many (Hacker News' gravity formula). Adapters order `trending` by this, highest first.
 */
export function trendingScore(voteCount: number, createdAt: Date, now: Date = new Date()): number {
  const hours = Math.max(0, (now.getTime() - createdAt.getTime()) / 3_600_000);
  return voteCount / Math.pow(hours + 2, 1.5);
}

/**
 * The name to show for a post's status: what its board calls it, else the key made readable
 * (`needs-design` → "Needs design"), so a card never shows a raw key while the board loads.
 */
export function statusName(board: Board | undefined, statusKey: string): string {
  const named = board?.statuses.find((status) => status.id === statusKey);
  if (named) return named.name;
  const words = statusKey.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
