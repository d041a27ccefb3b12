import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RefusedDestination, permittedAddresses, type ResolvedAddress, type WebhookAddressPolicy } from './address-policy.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from './signature.js';

// One webhook call: a POST of the event's JSON body, signed, to the address the policy checked.
// The host is resolved once, every address it has is checked, and the connection goes to the
// checked address through a lookup that answers only it, so a name that resolves differently a
// moment later (DNS rebinding) cannot steer the call into the server's network. Redirects are
// not followed (a 3xx is a failure, its Location in the log), and the whole call has a deadline.

/** What the sender keeps of a receiver's answer for the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** How long a call may take, connection to the first bytes of the answer, by default. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;

/** What one call came to: the shape the delivery worker records (channels' DeliveryOutcome). */
export type WebhookOutcome =
  | { ok: true; responseStatus?: number; responseExcerpt?: string }
  | { ok: false; error: string; permanent?: boolean; responseStatus?: number; responseExcerpt?: string };

/** Where a call goes and the secret it is signed with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** One call: the delivery's id (receivers deduplicate by it), the event type and the body. */
export interface WebhookDelivery {
  deliveryId: string;
  type: string;
  body: string;
}

export interface WebhookSendOptions {
  policy: WebhookAddressPolicy;
  /** Default {@link DEFAULT_WEBHOOK_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The signature's time; default now. */
  now?: () => Date;
}

/** A lookup that answers the address already checked, whatever DNS would say now. */
const pinnedTo =
  (target: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [target]);
    else callback(null, target.address, target.family);
  };

/** Makes one signed call and reports how it went; never throws. */
export async function sendWebhook(endpoint: WebhookTarget, delivery: WebhookDelivery, options: WebhookSendOptions): Promise<WebhookOutcome> {
  const url = new URL(endpoint.url);
  let target: ResolvedAddress;
  try {
    [target] = (await permittedAddresses(url, options.policy)) as [ResolvedAddress];
  } catch (error) {
    if (error instanceof RefusedDestination) return { ok: false, error: error.message, permanent: true };
    throw error;
  }
  const timestamp = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const body = Buffer.from(delivery.body, 'utf8');
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  return new Promise<WebhookOutcome>((resolve) => {
    let status: number | undefined;
    let location: string | undefined;
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request.destroy();
      const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
      const answer = status === undefined ? {} : { responseStatus: status, responseExcerpt: excerpt };
      if (status !== undefined && status >= 200 && status < 300) resolve({ ok: true, ...answer });
      else if (status !== undefined && status >= 300 && status < 400) {
        resolve({ ok: false, error: `Answered ${status}, a redirect${location ? ` to ${location}` : ''}, which is not followed.`, ...answer });
      } else if (status !== undefined) resolve({ ok: false, error: `Answered ${status}.`, ...answer });
      else resolve({ ok: false, error: error ?? 'No answer.' });
    };
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      // A fresh connection each call: a pooled one may lead to another address.
      agent: false,
      lookup: pinnedTo(target),
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': body.length,
        'User-Agent': 'Sayso-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(endpoint.secret, delivery.body, timestamp),
        [DELIVERY_HEADER]: delivery.deliveryId,
        [EVENT_HEADER]: delivery.type,
      },
    });
    // The answer's status and first bytes are all that is kept: once they are in, the call is over.
    const deadline = setTimeout(() => finish(`No answer within ${timeoutMs} ms.`), timeoutMs);
    request.on('response', (response) => {
      status = response.statusCode;
      location = response.headers.location;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= RESPONSE_EXCERPT_BYTES) finish();
      });
      response.on('end', () => finish());
      response.on('error', () => finish());
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(error.code ? `${error.code}: ${error.message}` : error.message));
    request.end(body);
  });
}
