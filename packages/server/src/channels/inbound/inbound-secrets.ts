import { SaysoError } from '@sayso/core';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// How the inbound channels know a call came from the service they were connected to: each holds
// a secret shared with that service (docs/channels.md), checked over the raw bytes received.

/** The inbound channels' secrets, from the environment (main.ts); a channel without one refuses every call. */
export interface InboundSecrets {
  /** `SAYSO_INBOUND_EMAIL_SECRET`: sent by the mail relay as `?secret=` or `Sayso-Inbound-Secret`. */
  email?: string;
  /** `SAYSO_SLACK_SIGNING_SECRET`: the Slack app's signing secret. */
  slack?: string;
  /** `SAYSO_FEEDBACK_WEBHOOK_SECRET`: signs `POST /channels/webhook/{source}` (Sayso-Signature). */
  feedbackWebhook?: string;
  /** `SAYSO_INTERCOM_CLIENT_SECRET`: the Intercom app's client secret, which signs its webhooks. */
  intercom?: string;
  /** `SAYSO_ZENDESK_WEBHOOK_SECRET`: the Zendesk webhook's signing secret. */
  zendesk?: string;
  /** `SAYSO_GITHUB_WEBHOOK_SECRET`: the GitHub webhook's secret (`X-Hub-Signature-256`). */
  github?: string;
}

/** The environment variable of each secret, for the refusals and docs/channels.md. */
export const INBOUND_SECRET_SETTINGS: Readonly<Record<keyof InboundSecrets, string>> = {
  email: 'SAYSO_INBOUND_EMAIL_SECRET',
  slack: 'SAYSO_SLACK_SIGNING_SECRET',
  feedbackWebhook: 'SAYSO_FEEDBACK_WEBHOOK_SECRET',
  intercom: 'SAYSO_INTERCOM_CLIENT_SECRET',
  zendesk: 'SAYSO_ZENDESK_WEBHOOK_SECRET',
  github: 'SAYSO_GITHUB_WEBHOOK_SECRET',
};

/** How far a signed timestamp may be from now: five minutes, as Slack and Stripe advise. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The secret a channel is configured with; 404 when it is not, so nothing unsigned is ever taken. */
export function secretOf(secrets: InboundSecrets, channel: keyof InboundSecrets): string {
  const secret = secrets[channel];
  if (!secret) {
    throw new SaysoError('not_found', `This channel is not configured: the server needs ${INBOUND_SECRET_SETTINGS[channel]}.`, {
      setting: INBOUND_SECRET_SETTINGS[channel],
    });
  }
  return secret;
}

/**
 * Whether two values are the same, in a time that does not depend on where they differ: both
 * are hashed first, so their lengths are equal and the length of the secret is not told either.
 */
export function sameSecret(given: string | Buffer, expected: string | Buffer): boolean {
  const digest = (value: string | Buffer) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The HMAC of `data` with `secret`, in the encoding a service sends it. */
export const hmacOf = (algorithm: 'sha1' | 'sha256', secret: string, data: Array<string | Buffer>, encoding: 'hex' | 'base64') =>
  data.reduce((hmac, part) => hmac.update(part), createHmac(algorithm, secret)).digest(encoding);

/** Whether a signed time (milliseconds since 1970) is within the tolerance of now. */
export const isRecent = (atMs: number, now = Date.now()) =>
  Number.isFinite(atMs) && Math.abs(now - atMs) <= SIGNATURE_TOLERANCE_SECONDS * 1000;

/** A unix timestamp in seconds, as Slack and the Sayso-Signature send it, in milliseconds (`NaN` when it is none). */
export const unixMs = (seconds: string | undefined) => (seconds && /^\d{1,12}$/.test(seconds) ? Number(seconds) * 1000 : Number.NaN);

/** The refusal of a call whose secret or signature does not hold. */
export const unsigned = (message: string) => new SaysoError('unauthorized', message);
