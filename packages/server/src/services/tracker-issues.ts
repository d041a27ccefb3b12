import type { Database } from '../db/database.js';
import { itemsClosedBy, recordTrackerDelivery } from '../db/tracker-issues.js';
import { moveBacklogItem } from './backlog-status.js';
import type { TellingOptions } from './notify.js';

/** What a tracker's closed issue did. */
export interface IssueClosedReceipt {
  /** The backlog items moved to done (their people are told, once ever). */
  done: string[];
  /** The delivery was applied before: nothing changed. */
  redelivery: boolean;
}

/**
 * A tracker issue closed: every backlog item linked to it moves to done through moveBacklogItem
 * (no admin made the change: `actorId` null, so nobody is left out of the news), in one
 * transaction with the record of the delivery, so a redelivery, or the same delivery twice at
 * once, changes nothing.
 */
export async function trackerIssueClosed(
  db: Database,
  params: { deliveryId: string; issueKey: string } & TellingOptions,
): Promise<IssueClosedReceipt> {
  return db.transaction(async (tx) => {
    if (!(await recordTrackerDelivery(tx, params.deliveryId))) return { done: [], redelivery: true };
    const done: string[] = [];
    for (const itemId of await itemsClosedBy(tx, params.issueKey)) {
      if (await moveBacklogItem(tx, { itemId, to: 'done', actorId: null, fanoutPageSize: params.fanoutPageSize })) done.push(itemId);
    }
    return { done, redelivery: false };
  });
}
