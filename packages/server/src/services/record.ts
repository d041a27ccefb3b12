import type { Queryable } from '../db/database.js';
import { appendEvent, type DomainEvent } from '../db/events.js';
import { notify } from './notify.js';

/**
 * How every service records what it changed: the event goes into the log, and the consumers that
 * must see it in the same transaction (today the in-app notifications) act on it at once. Later
 * consumers (email, webhooks, live updates) read the log after the commit.
 */
export async function record(tx: Queryable, event: DomainEvent): Promise<void> {
  await appendEvent(tx, event);
  await notify(tx, event);
}
