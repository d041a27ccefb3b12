import type { Queryable } from '../db/database.js';
import { appendEvent, type DomainEvent } from '../db/events.js';
import { notify, type TellingOptions } from './notify.js';
import { enqueueDeliveries } from './outbox.js';

/**
 * How every service records what it changed: the event goes into the log, and the consumers that
 * must see it in the same transaction act on it at once: the in-app notifications, and the outbox
 * of what is to be sent (email), which the delivery worker sends after the commit. Other
 * consumers (live updates) read the log after the commit.
 */
export async function record(tx: Queryable, event: DomainEvent, options?: TellingOptions): Promise<void> {
  const sequence = await appendEvent(tx, event);
  await notify(tx, event, sequence, options);
  await enqueueDeliveries(tx, event, sequence);
}
