import { z } from '@hono/zod-openapi';
import { SaysoError, type FeedbackSource, type NewFeedbackItem } from '@sayso/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { feedbackFromPostmark, feedbackFromRawEmail } from '../channels/inbound/email-message.js';
import { closedIssueKeyOf, deliveryIdOf, verifyGitHub } from '../channels/inbound/github.js';
import { sameSecret, secretOf, unsigned, type InboundSecrets } from '../channels/inbound/inbound-secrets.js';
import { feedbackFromSlack, verifySlack } from '../channels/inbound/slack.js';
import { feedbackFromIntercom, feedbackFromZendesk, verifyIntercom, verifyZendesk } from '../channels/inbound/support-tools.js';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../channels/webhook/signature.js';
import { channelQuery, channelReceiptSchema, emailChannelQuery, githubReceiptSchema, webhookChannelParams } from '../schemas.js';
import { receiveFeedback } from '../services/feedback.js';
import { trackerIssueClosed } from '../services/tracker-issues.js';
import { signed } from './access.js';
import { operation, router } from './operation.js';

// The inbound channels: feedback arriving from mail relays, Slack and support tools, and issue
// trackers telling that linked work is done. None takes Sayso credentials; each checks its own
// secret or signature over the raw body, read once, and hands one item to receiveFeedback (or a
// closed issue to trackerIssueClosed). How a team connects each: docs/channels.md.

/**
 * A body as its sender posts it, documented but not validated by the route: each channel reads
 * the raw bytes itself, since signatures are over them (plain schemas, not zod, add no validator).
 */
interface PostedSchema {
  type: 'string' | 'object' | 'array';
  description?: string;
  properties?: Record<string, PostedSchema>;
  required?: string[];
}
const postedBody = (content: Record<string, PostedSchema>) => ({
  required: true,
  content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])),
});

/** What every channel's 401 and 404 mean, beyond the generic words of those statuses. */
const REFUSALS = ' A missing or wrong secret or signature is 401; a channel whose secret the server does not have is 404 (`details.setting` names it).';

const RECEIPT = {
  status: 201 as const,
  description: 'Kept: the new item.',
  schema: channelReceiptSchema,
  repeat: { status: 200 as const, description: 'A redelivery (the first item, `created: false`), or a call holding no feedback (`item: null`).' },
};

const email = operation({
  method: 'post', path: '/channels/email', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive an email: the raw message (message/rfc822) a relay delivers, or Postmark\'s inbound JSON',
  description:
    'Authenticated by `SAYSO_INBOUND_EMAIL_SECRET`, sent as `?secret=` or the `Sayso-Inbound-Secret` header. The sender is the author, ' +
    'the subject the title; quoted replies and signatures are taken out; attachments are listed, never stored; the Message-ID is the ' +
    'source id. Automatic replies (`Auto-Submitted`) and bulk mail (`Precedence: bulk|junk|list`) are recorded but kept out of the ' +
    'inbox (`filtered`). A message that cannot be read is 400 and nothing is kept. Bodies up to 10 MB.' + REFUSALS,
  request: {
    query: emailChannelQuery,
    body: postedBody({
      'message/rfc822': { type: 'string', description: 'The raw message, headers and MIME body, as the relay received it.' },
      'text/plain': { type: 'string', description: 'The same, from relays that label it text.' },
      'application/json': { type: 'object', description: 'Postmark\'s inbound webhook JSON (FromFull, Subject, TextBody, HtmlBody, Headers, Attachments).' },
    }),
  },
  response: RECEIPT,
});

const slackReplySchema = z.strictObject({
  response_type: z.literal('ephemeral'),
  text: z.string(),
}).meta({ id: 'SlackReply' });

const slack = operation({
  method: 'post', path: '/channels/slack', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive a Slack slash command or message shortcut',
  description:
    'Form-encoded as Slack posts it: a slash command (`/feedback <text>`) or a message shortcut (`payload`, type `message_action`). ' +
    'Signed with the app\'s signing secret (`SAYSO_SLACK_SIGNING_SECRET`): `X-Slack-Signature` over `v0:<timestamp>:<body>`, ' +
    '`X-Slack-Request-Timestamp` within five minutes. Answered at once with a message only the sender sees.' + REFUSALS,
  request: {
    query: channelQuery,
    body: postedBody({
      'application/x-www-form-urlencoded': {
        type: 'object',
        description: 'A slash command\'s fields, or a shortcut\'s `payload`.',
        properties: {
          text: { type: 'string', description: 'A slash command\'s words.' },
          payload: { type: 'string', description: 'A message shortcut: JSON of type `message_action`.' },
        },
      },
    }),
  },
  response: { status: 200, description: 'The message Slack shows the sender.', schema: slackReplySchema },
});

const intercom = operation({
  method: 'post', path: '/channels/webhook/intercom', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive an Intercom conversation webhook (a customer\'s new conversation or reply)',
  description:
    'Signed by Intercom with the app\'s client secret (`SAYSO_INTERCOM_CLIENT_SECRET`): `X-Hub-Signature: sha1=<hex>`. Topics ' +
    '`conversation.user.created` and `conversation.user.replied` are kept (source `webhook:intercom`); others are answered 200 with `item: null`.' + REFUSALS,
  request: { query: channelQuery, body: postedBody({ 'application/json': { type: 'object', description: 'Intercom\'s notification: `topic`, `app_id`, `data.item` (the conversation).' } }) },
  response: RECEIPT,
});

const zendesk = operation({
  method: 'post', path: '/channels/webhook/zendesk', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive a Zendesk webhook (a ticket)',
  description:
    'Signed by Zendesk (`SAYSO_ZENDESK_WEBHOOK_SECRET`): `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of ' +
    '`X-Zendesk-Webhook-Signature-Timestamp` and the body, the timestamp within five minutes. The body is a trigger\'s `ticket` ' +
    '(docs/channels.md) or a ticket event; source `webhook:zendesk`, the ticket id as source id.' + REFUSALS,
  request: { query: channelQuery, body: postedBody({ 'application/json': { type: 'object', description: 'A trigger\'s `ticket` (docs/channels.md), or a ticket event (`type`, `detail`).' } }) },
  response: RECEIPT,
});

const generic = operation({
  method: 'post', path: '/channels/webhook/{source}', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive feedback from any tool as a signed NewFeedbackItem',
  description:
    'The body is a NewFeedbackItem (`text`, and optionally `title`, `author`, `sourceId`, `link`, `attachments`, `receivedAt`, `board`), ' +
    'kept with source `webhook:<source>`. Signed with `SAYSO_FEEDBACK_WEBHOOK_SECRET` as outgoing webhooks are: ' +
    '`Sayso-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, within five minutes (docs/channels.md).' + REFUSALS,
  request: {
    params: webhookChannelParams,
    query: channelQuery,
    body: postedBody({
      'application/json': {
        type: 'object',
        description: 'A NewFeedbackItem.',
        required: ['text'],
        properties: {
          text: { type: 'string', description: 'The words.' },
          title: { type: 'string' },
          sourceId: { type: 'string', description: 'Its id in the tool: the same id again is a redelivery.' },
          author: { type: 'object', description: '`name`, `email`, `company`.' },
          link: { type: 'string', description: 'Back to where it was said (http or https).' },
          attachments: { type: 'array', description: '`name`, `contentType`, `size` of each file: listed, never stored.' },
          receivedAt: { type: 'string', description: 'ISO 8601; default now.' },
          board: { type: 'string', description: 'Board slug; `?board=` or the first board otherwise.' },
        },
      },
    }),
  },
  response: RECEIPT,
});

const github = operation({
  method: 'post', path: '/channels/github', tag: 'channels', access: signed, errors: [400],
  summary: 'Receive a GitHub webhook: a closed issue marks the backlog items linked to it done',
  description:
    'Signed by GitHub with the webhook\'s secret (`SAYSO_GITHUB_WEBHOOK_SECRET`): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; ' +
    'content type application/json. An `issues` event with action `closed` moves every backlog item whose tracker links name the issue ' +
    '(`issue.html_url`) to done, unless it is done or dropped already or the issue was closed as not planned; the people behind each are ' +
    'told once. `X-GitHub-Delivery` is applied once: a redelivery is 200 and changes nothing. `ping` and every other event or action ' +
    'are answered 200 and change nothing.' + REFUSALS,
  request: { body: postedBody({ 'application/json': { type: 'object', description: 'GitHub\'s event payload: for `issues`, `action` and `issue.html_url`.' } }) },
  response: { status: 200, description: 'Received: what the delivery changed.', schema: githubReceiptSchema },
});

type ChannelContext = Context<AppEnv>;

/**
 * The body exactly as it was sent, read once, after `verify` (which throws when it fails) has
 * checked it against the channel's secret: every signature is over these bytes.
 */
async function verifiedBody(c: ChannelContext, channel: keyof InboundSecrets, verify: (secret: string, body: Buffer) => void): Promise<Buffer> {
  const secret = secretOf(c.var.inbound, channel);
  const body = Buffer.from(await c.req.arrayBuffer());
  verify(secret, body);
  return body;
}

function jsonOf(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SaysoError('invalid_input', 'The request body is not valid JSON.');
  }
}

/** Keeps an item a channel made (or answers that the call held none): 201 when new, 200 otherwise. */
async function receive(c: ChannelContext, source: FeedbackSource, item: NewFeedbackItem | null) {
  if (!item) return c.json({ item: null, created: false }, 200);
  const received = await receiveFeedback(c.var.db, { source, item, actor: null });
  return received.created ? c.json(received, 201) : c.json(received, 200);
}

/**
 * Every refusal of a channel is logged, since no one watches its sender's side: a relay or tool
 * that was set up wrong shows in the server's log. The answer is the usual error JSON.
 */
async function loggingRefusals<T>(c: ChannelContext, handle: () => Promise<T>): Promise<T> {
  try {
    return await handle();
  } catch (error) {
    const refusal = error instanceof SaysoError ? `${error.code}: ${error.message}` : String(error);
    console.warn(`[sayso] ${c.req.method} ${c.req.path} refused:`, refusal);
    throw error;
  }
}

const EMAIL_SECRET_HEADER = 'Sayso-Inbound-Secret';

export const channelRoutes = () =>
  router()
    .openapi(email, (c) =>
      loggingRefusals(c, async () => {
        const { board, secret: given } = c.req.valid('query');
        const raw = await verifiedBody(c, 'email', (secret) => {
          if (!sameSecret(c.req.header(EMAIL_SECRET_HEADER) ?? given ?? '', secret)) {
            throw unsigned(`Send SAYSO_INBOUND_EMAIL_SECRET as ?secret= or the ${EMAIL_SECRET_HEADER} header.`);
          }
        });
        const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? 'message/rfc822';
        if (type === 'application/json') return receive(c, 'email', feedbackFromPostmark(jsonOf(raw), board));
        if (type !== 'message/rfc822' && type !== 'text/plain') {
          throw new SaysoError('invalid_input', `Send the raw message as message/rfc822 (or text/plain), or Postmark's inbound JSON; not ${type}.`);
        }
        return receive(c, 'email', await feedbackFromRawEmail(raw, board));
      }),
    )
    .openapi(slack, (c) =>
      loggingRefusals(c, async () => {
        const raw = await verifiedBody(c, 'slack', (secret, body) =>
          verifySlack({ secret, body, timestamp: c.req.header('X-Slack-Request-Timestamp'), signature: c.req.header('X-Slack-Signature') }),
        );
        const { item, reply } = feedbackFromSlack(new URLSearchParams(raw.toString('utf8')), c.req.valid('query').board);
        if (item) await receiveFeedback(c.var.db, { source: 'slack', item, actor: null });
        return c.json({ response_type: 'ephemeral' as const, text: reply }, 200);
      }),
    )
    .openapi(intercom, (c) =>
      loggingRefusals(c, async () => {
        const raw = await verifiedBody(c, 'intercom', (secret, body) => verifyIntercom({ secret, body, signature: c.req.header('X-Hub-Signature') }));
        return receive(c, 'webhook:intercom', feedbackFromIntercom(jsonOf(raw), c.req.valid('query').board));
      }),
    )
    .openapi(zendesk, (c) =>
      loggingRefusals(c, async () => {
        const raw = await verifiedBody(c, 'zendesk', (secret, body) =>
          verifyZendesk({ secret, body, timestamp: c.req.header('X-Zendesk-Webhook-Signature-Timestamp'), signature: c.req.header('X-Zendesk-Webhook-Signature') }),
        );
        return receive(c, 'webhook:zendesk', feedbackFromZendesk(jsonOf(raw), c.req.valid('query').board));
      }),
    )
    .openapi(github, (c) =>
      loggingRefusals(c, async () => {
        const raw = await verifiedBody(c, 'github', (secret, body) => verifyGitHub({ secret, body, signature: c.req.header('X-Hub-Signature-256') }));
        const issueKey = closedIssueKeyOf(c.req.header('X-GitHub-Event'), jsonOf(raw));
        if (!issueKey) return c.json({ done: [], redelivery: false }, 200);
        return c.json(await trackerIssueClosed(c.var.db, { deliveryId: deliveryIdOf(c.req.header('X-GitHub-Delivery')), issueKey, ...c.var.telling }), 200);
      }),
    )
    .openapi(generic, (c) =>
      loggingRefusals(c, async () => {
        const raw = await verifiedBody(c, 'feedbackWebhook', (secret, body) => {
          if (!verifyWebhookSignature({ body: body.toString('utf8'), header: c.req.header(SIGNATURE_HEADER), secret })) {
            throw unsigned(`${SIGNATURE_HEADER} is missing, more than five minutes old, or does not match the body signed with SAYSO_FEEDBACK_WEBHOOK_SECRET.`);
          }
        });
        const body = jsonOf(raw);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new SaysoError('invalid_input', 'The body must be a NewFeedbackItem: a JSON object with at least `text`.');
        }
        const board = c.req.valid('query').board;
        return receive(c, `webhook:${c.req.valid('param').source}`, { ...(board ? { board } : {}), ...(body as NewFeedbackItem) });
      }),
    );
