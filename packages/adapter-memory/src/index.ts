import type { SaysoAdapter } from '@sayso/core';
import { adminOperations } from './admin.js';
import { publicBacklogOperations } from './backlog.js';
import { boardOperations } from './boards.js';
import { changelogOperations } from './changelog.js';
import { commentOperations } from './comments.js';
import { createMemoryData } from './data.js';
import { demandOperations } from './demand.js';
import { feedbackOperations } from './feedback.js';
import { followOperations } from './follows.js';
import { liveOperations } from './live.js';
import { notificationOperations } from './notifications.js';
import { postOperations } from './posts.js';
import { similarOperations } from './similar.js';
import { tagOperations } from './tags.js';
import { createVisitor, type MemoryAdapterOptions } from './visitor.js';
import { voteOperations } from './votes.js';

export { addMemoryBoard, createMemoryData } from './data.js';
export type { MemoryData, SeedPost } from './data.js';
export { seedMemoryFeedback } from './feedback.js';
export type { SeedFeedback } from './feedback.js';
export type { MemoryAdapterOptions } from './visitor.js';

/**
 * An adapter acting for one visitor over in-memory data: for prototypes, stories and unit
 * tests. It follows the same contract as the HTTP adapter (the conformance suite checks both),
 * including copies on every read so callers can never change stored data by accident, and
 * makes the reference server's decisions by calling the same rules in `@sayso/core`.
 *
 * Search (`q`) differs from the reference server's PostgreSQL full text: every word must occur
 * in the title or body, case-insensitively, as written (no stemming, no phrases or `-word`).
 */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): SaysoAdapter {
  const visitor = createVisitor(options, options.data ?? createMemoryData());
  return {
    capabilities: visitor.isAdmin ? { realtime: true, admin: true } : { realtime: true },
    ...boardOperations(visitor),
    ...postOperations(visitor),
    ...demandOperations(visitor),
    ...voteOperations(visitor),
    ...commentOperations(visitor),
    ...tagOperations(visitor),
    ...similarOperations(visitor),
    ...feedbackOperations(visitor),
    ...notificationOperations(visitor),
    ...followOperations(visitor),
    ...changelogOperations(visitor),
    ...publicBacklogOperations(visitor),
    ...liveOperations(visitor),
    ...(visitor.isAdmin ? { admin: adminOperations(visitor) } : {}),
  };
}
