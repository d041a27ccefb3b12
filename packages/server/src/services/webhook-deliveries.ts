import { SaysoError, type Delivery } from '@sayso/core';
import type { Database } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { findDelivery } from '../db/delivery-log.js';
import { insertReplay, lockReplaySource } from '../db/webhook-deliveries.js';
import { record } from './record.js';

/**
 * Sends a webhook delivery again, as a new delivery of the same event to the same endpoint: the
 * same body (fixed per event), a new signature, time and `Sayso-Delivery` id. Records
 * `delivery.replayed`. Only webhook deliveries (`invalid_input` otherwise), to an endpoint still there and active.
 */
export async function replayWebhookDelivery(db: Database, params: { deliveryId: string; actor: Actor }): Promise<Delivery> {
  const replayId = await db.transaction(async (tx) => {
    const source = await lockReplaySource(tx, params.deliveryId);
    if (source.channel !== 'webhook') {
      // An email or a bell notice is not sent again on request: only a webhook call is.
      const message = `Only webhook deliveries can be replayed; this one is ${source.channel}.`;
      throw new SaysoError('invalid_input', message, { problems: [{ field: 'deliveryId', message }] });
    }
    if (!source.endpoint || source.endpoint.removed) throw new SaysoError('conflict', 'Its webhook endpoint was removed.');
    if (!source.endpoint.active) throw new SaysoError('conflict', 'Its webhook endpoint is paused: make it active first.');
    const id = await insertReplay(tx, params.deliveryId);
    await record(tx, {
      type: 'delivery.replayed',
      subject: { type: 'delivery', id },
      actorId: await ensureUser(tx, params.actor.key),
      payload: { replayOf: params.deliveryId, endpointId: source.endpointId },
    });
    return id;
  });
  return (await findDelivery(db, replayId))!;
}
