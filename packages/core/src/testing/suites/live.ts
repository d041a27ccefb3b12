import type { LiveChange, SaysoAdapter } from '@sayso/core';
import { expect, it, vi } from 'vitest';
import { newVisitors, type SuiteArea } from '../suite.js';

// Core is typed without the DOM or Node, but every runtime the suite runs in has timers.
const sleep = (ms: number) => new Promise((resolve) => (globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown }).setTimeout(() => resolve(undefined), ms));

/** How long a change may take to arrive: a server reads its log every second. */
const ARRIVES_WITHIN_MS = 5000;

/** Watches as `adapter` until the test ends; the changes received so far. */
function watching(adapter: SaysoAdapter, board: string | undefined, stops: Array<() => void>): LiveChange[] {
  const changes: LiveChange[] = [];
  stops.push(adapter.watch!({ board, onChange: (change) => changes.push(change) }));
  return changes;
}

const arrives = (changes: LiveChange[], expected: Partial<LiveChange>) =>
  vi.waitFor(() => expect(changes).toContainEqual(expect.objectContaining(expected)), { timeout: ARRIVES_WITHIN_MS, interval: 20 });

/**
 * Live changes (issue 11): `watch` tells a board's visitors of ideas created, voted on and moved
 * by others, and a visitor of their unread count, without their asking, until they stop.
 */
export const live: SuiteArea = {
  name: 'live changes',
  needs: ['realtime'],
  tests: (suite) => {
    it('says it pushes changes', () => {
      expect(suite.visitors().alice.capabilities?.realtime).toBe(true);
    });

    it('tells a watcher of a board what others create and vote on there, and nothing once stopped', async () => {
      const { board } = await suite.freshBoard();
      const { watcher, author, voter } = newVisitors(suite, ['watcher', 'author', 'voter']);
      const stops: Array<() => void> = [];
      try {
        const changes = watching(watcher, board, stops);
        // A stream takes a moment to open: ideas are posted until one is seen.
        const first = await vi.waitFor(
          async () => {
            const idea = await author.createPost({ board, title: `Warm-up ${changes.length}`, body: '' });
            await vi.waitFor(() => expect(changes).toContainEqual(expect.objectContaining({ postId: idea.id, change: 'created' })), { timeout: 1000 });
            return idea;
          },
          { timeout: ARRIVES_WITHIN_MS * 2, interval: 0 },
        );
        await voter.vote({ postId: first.id });
        await arrives(changes, { type: 'post', board, postId: first.id, change: 'votes' });
        stops.pop()!();
        const seen = changes.length;
        await author.createPost({ board, title: 'After stopping', body: '' });
        await sleep(300);
        expect(changes).toHaveLength(seen);
      } finally {
        stops.forEach((stop) => stop());
      }
    });

    it('tells a visitor of their unread count as others reply, and when they read', async () => {
      const { board } = await suite.freshBoard();
      const { author, replier } = newVisitors(suite, ['author', 'replier']);
      const idea = await author.createPost({ board, title: 'Keyboard shortcuts', body: '' });
      const stops: Array<() => void> = [];
      try {
        const changes = watching(author, undefined, stops);
        await vi.waitFor(
          async () => {
            await replier.addComment({ postId: idea.id, body: `Yes ${changes.length}` });
            await vi.waitFor(() => expect(changes.some((change) => change.type === 'notifications' && change.unreadCount > 0)).toBe(true), { timeout: 1000 });
          },
          { timeout: ARRIVES_WITHIN_MS * 2, interval: 0 },
        );
        await author.markNotificationsRead({ all: true });
        await arrives(changes, { type: 'notifications', unreadCount: 0 });
        expect(changes.every((change) => change.type === 'notifications')).toBe(true);
      } finally {
        stops.forEach((stop) => stop());
      }
    });
  },
};
