import { LIMITS, SaysoError, type IdeaComparison } from '@sayso/core';
import type { Database, Queryable } from '../db/database.js';
import { insertDismissal } from '../db/duplicates.js';
import { evidenceOf } from '../db/feedback-items.js';
import { peopleOverlap } from '../db/people.js';
import { findPostsInOrder } from '../db/posts.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/**
 * An admin says two ideas are not duplicates: the pair leaves the queue until either idea's text
 * changes. Idempotent (dismissing again renews the texts it holds for). `not_found` when either
 * idea does not exist, `invalid_input` for the same idea twice or ideas of two boards.
 */
export async function dismissDuplicatePair(db: Database, params: { postIds: [string, string]; actor: Actor }): Promise<void> {
  const [first, second] = params.postIds;
  if (first === second) throw new SaysoError('invalid_input', 'A pair of ideas needs two different ideas.', { field: 'postIds' });
  await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const dismissed = await insertDismissal(tx, { postIds: params.postIds, actorId });
    if (dismissed === null) throw new SaysoError('not_found', 'There is no such pair of ideas: one of them does not exist.');
    if (dismissed === 'different boards') {
      throw new SaysoError('invalid_input', 'Ideas of different boards are never duplicates of each other.', { field: 'postIds' });
    }
    await record(tx, { type: 'post.duplicate_dismissed', subject: { type: 'post', id: first }, actorId, payload: { other: second } });
  });
}

/**
 * Two ideas side by side for an admin (core's IdeaComparison): each as the viewer sees it with
 * its evidence, and the people they share. `not_found` when either does not exist.
 */
export async function compareIdeas(db: Queryable, params: { postIds: [string, string]; viewer: string | null }): Promise<IdeaComparison> {
  const [first, second] = params.postIds;
  if (first === second) throw new SaysoError('invalid_input', 'Comparing needs two different ideas.', { field: 'postIds' });
  const posts = await findPostsInOrder(db, params.postIds, params.viewer);
  if (posts.length !== 2) throw new SaysoError('not_found', 'There is no such pair of ideas: one of them does not exist.');
  const [overlap, firstEvidence, secondEvidence] = await Promise.all([
    peopleOverlap(db, first, second, LIMITS.comparedNamesMax),
    evidenceOf(db, first),
    evidenceOf(db, second),
  ]);
  return {
    ideas: [
      { post: posts[0]!, onlyHere: overlap.first - overlap.shared, evidence: firstEvidence },
      { post: posts[1]!, onlyHere: overlap.second - overlap.shared, evidence: secondEvidence },
    ],
    sharedPeople: overlap.shared,
    sharedNames: overlap.sharedNames,
  };
}
