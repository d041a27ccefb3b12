import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Webhook signatures, as Stripe makes them: `Sayso-Signature: t=<unix seconds>,v1=<hex>`, where
// the hex is HMAC-SHA256, keyed with the endpoint's whole secret (`whsec_…` included), of the
// timestamp, a dot and the raw body. The timestamp is signed too, so a receiver that refuses old
// timestamps also refuses a captured call replayed later. docs/webhooks.md shows a receiver.

/** The headers of every webhook call. */
export const SIGNATURE_HEADER = 'Sayso-Signature';
export const DELIVERY_HEADER = 'Sayso-Delivery';
export const EVENT_HEADER = 'Sayso-Event';

/** How old a signature a receiver should accept, by default: five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new endpoint secret: `whsec_` and 43 base64url characters (256 bits). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

const hmacHex = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/** The `Sayso-Signature` value of `body` at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Whether `header` is a valid signature of the raw `body` with `secret`, made at most
 * `toleranceSeconds` from `now`. Any of several `v1` values may match (a sender rotating secrets
 * signs with both); the comparison takes the same time however many characters match.
 */
export function verifyWebhookSignature(params: {
  body: string;
  header: string | null | undefined;
  secret: string;
  toleranceSeconds?: number;
  now?: Date;
}): boolean {
  const parts = (params.header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return false;
  const nowSeconds = Math.floor((params.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (params.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmacHex(params.secret, timestamp, params.body), 'utf8');
  return signatures.some((signature) => {
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
