import { SaysoError } from '@sayso/core';
import type { Database } from '../db/database.js';
import { insertDismissal } from '../db/duplicates.js';
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
