import type { DeliveryChannel } from '@sayso/core';
import type { DeliveryJob } from '../db/deliveries.js';

export type { DeliveryJob };

/**
 * What one try of a delivery came to, as a channel reports it. `permanent` failures are not tried
 * again (an address the server refuses for good, a recipient who turned email off meanwhile);
 * others are, with backoff, up to the worker's limit.
 */
export type DeliveryOutcome =
  | { ok: true; responseStatus?: number; responseExcerpt?: string }
  | { ok: false; error: string; permanent?: boolean; responseStatus?: number; responseExcerpt?: string };

/**
 * A way of telling people: the delivery worker claims a channel's due deliveries and hands each
 * to `send`, once per try; an exception counts as a failure that is tried again. Email is one
 * (channels/email/email-channel.ts); the webhook sender plugs in the same way.
 */
export interface DeliveryChannelSender {
  readonly channel: DeliveryChannel;
  send(job: DeliveryJob): Promise<DeliveryOutcome>;
  /** Lets go of connections when the server stops. */
  close?(): void | Promise<void>;
}
