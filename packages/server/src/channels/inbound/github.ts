import { SaysoError, trackerIssueOf } from '@sayso/core';
import { hmacOf, sameSecret, unsigned } from './inbound-secrets.js';

// GitHub's webhooks (a repository's or organisation's, content type application/json): an issue
// that closes marks the backlog items linked to it done. How to connect one: docs/channels.md.

/** GitHub signs the raw body: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256>` keyed with the webhook's secret. */
export function verifyGitHub(params: { secret: string; body: Buffer; signature: string | undefined }) {
  const expected = `sha256=${hmacOf('sha256', params.secret, [params.body], 'hex')}`;
  if (!sameSecret(params.signature ?? '', expected)) {
    throw unsigned('X-Hub-Signature-256 is missing or does not match the body: is SAYSO_GITHUB_WEBHOOK_SECRET the webhook\'s secret?');
  }
}

/** The longest X-GitHub-Delivery kept (GitHub sends a UUID). */
const DELIVERY_ID_MAX = 100;

/**
 * The tracker key (core's trackerIssueOf) of the issue a GitHub event closed as done; `null`
 * for any other event or action, and for an issue closed as not planned, which fixed nothing.
 */
export function closedIssueKeyOf(event: string | undefined, body: unknown): string | null {
  if (event !== 'issues') return null;
  const payload = body as { action?: unknown; issue?: { html_url?: unknown; state_reason?: unknown } } | null;
  if (payload?.action !== 'closed') return null;
  if (payload.issue?.state_reason === 'not_planned') return null;
  const url = payload.issue?.html_url;
  const issue = typeof url === 'string' ? trackerIssueOf(url) : null;
  if (!issue) throw new SaysoError('invalid_input', 'An issues event must carry the issue\'s html_url.');
  return issue.key;
}

/** The X-GitHub-Delivery of an event that changes something: every such delivery is applied once. */
export function deliveryIdOf(header: string | undefined): string {
  const id = header?.trim();
  if (!id || id.length > DELIVERY_ID_MAX) {
    throw new SaysoError('invalid_input', `X-GitHub-Delivery must name the delivery (1 to ${DELIVERY_ID_MAX} characters).`);
  }
  return id;
}
