import { SaysoError, type NewFeedbackItem } from '@sayso/core';
import { convert as htmlToText } from 'html-to-text';
import { z } from 'zod';
import { hmacOf, isRecent, sameSecret, unsigned } from './inbound-secrets.js';

// Support tools' webhooks: Intercom's conversation notifications and Zendesk's webhooks, each
// verified its own way and mapped to one feedback item that links back to the conversation or ticket.

/** Intercom signs the raw body: `X-Hub-Signature: sha1=<hex HMAC-SHA1>` keyed with the app's client secret. */
export function verifyIntercom(params: { secret: string; body: Buffer; signature: string | undefined }) {
  const expected = `sha1=${hmacOf('sha1', params.secret, [params.body], 'hex')}`;
  if (!sameSecret(params.signature ?? '', expected)) throw unsigned('X-Hub-Signature does not match the body: is SAYSO_INTERCOM_CLIENT_SECRET the app\'s client secret?');
}

/**
 * Zendesk signs the timestamp and the raw body: `X-Zendesk-Webhook-Signature` is the base64
 * HMAC-SHA256 of `<X-Zendesk-Webhook-Signature-Timestamp><body>`; the timestamp (ISO 8601) must
 * be within five minutes.
 */
export function verifyZendesk(params: { secret: string; body: Buffer; timestamp: string | undefined; signature: string | undefined }) {
  if (!params.timestamp || !isRecent(Date.parse(params.timestamp))) {
    throw unsigned('X-Zendesk-Webhook-Signature-Timestamp is missing or more than five minutes from now.');
  }
  const expected = hmacOf('sha256', params.secret, [params.timestamp, params.body], 'base64');
  if (!sameSecret(params.signature ?? '', expected)) throw unsigned('X-Zendesk-Webhook-Signature does not match the body: is SAYSO_ZENDESK_WEBHOOK_SECRET the webhook\'s signing secret?');
}

/** Text of a tool's HTML message body. */
const plain = (html: string) => htmlToText(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }).trim();

const notUnderstood = (tool: string, error: z.ZodError) =>
  new SaysoError('invalid_input', `This is not a ${tool} webhook Sayso reads: ${error.issues[0]?.path.join('.')} ${error.issues[0]?.message}`);

const intercomAuthor = z.object({ type: z.string().optional(), name: z.string().nullish(), email: z.string().nullish() });

/** An Intercom conversation notification (developers.intercom.com: webhook topics `conversation.user.*`), the parts read. */
const intercomNotification = z.object({
  topic: z.string(),
  app_id: z.string().optional(),
  data: z.object({
    item: z.object({
      type: z.literal('conversation'),
      id: z.union([z.string(), z.number()]).transform(String),
      created_at: z.number().optional(),
      source: z.object({ subject: z.string().nullish(), body: z.string().nullish(), author: intercomAuthor, url: z.string().nullish() }),
      conversation_parts: z
        .object({
          conversation_parts: z.array(
            z.object({ id: z.union([z.string(), z.number()]).transform(String), body: z.string().nullish(), author: intercomAuthor, created_at: z.number().optional() }),
          ),
        })
        .optional(),
    }),
  }),
});

/** Intercom's topics that carry a customer's words; others (pings, admin replies) are acknowledged and not kept. */
const INTERCOM_CUSTOMER_TOPICS = new Set(['conversation.user.created', 'conversation.user.replied']);

/**
 * The feedback of an Intercom notification: the customer's first message (the conversation as
 * source id) or their latest reply (conversation and part), linked to the conversation in
 * Intercom's inbox; `null` for topics that hold no customer's words.
 */
export function feedbackFromIntercom(body: unknown, board?: string): NewFeedbackItem | null {
  const topic = (body as { topic?: unknown } | null)?.topic;
  if (typeof topic === 'string' && !INTERCOM_CUSTOMER_TOPICS.has(topic)) return null;
  const parsed = intercomNotification.safeParse(body);
  if (!parsed.success) throw notUnderstood('Intercom', parsed.error);
  const { item: conversation } = parsed.data.data;
  const reply = parsed.data.topic === 'conversation.user.replied' ? conversation.conversation_parts?.conversation_parts.at(-1) : undefined;
  const said = reply ?? conversation.source;
  const at = reply?.created_at ?? conversation.created_at;
  return {
    ...(board ? { board } : {}),
    sourceId: reply ? `${conversation.id}/${reply.id}` : conversation.id,
    title: reply ? null : conversation.source.subject ? plain(conversation.source.subject) || null : null,
    text: plain(said.body ?? ''),
    author: { name: said.author.name ?? null, email: said.author.email ?? null },
    link: parsed.data.app_id ? `https://app.intercom.com/a/inbox/${parsed.data.app_id}/inbox/conversation/${conversation.id}` : null,
    ...(at ? { receivedAt: new Date(at * 1000).toISOString() } : {}),
  };
}

/**
 * A Zendesk webhook: the body a trigger sends, as docs/channels.md gives it (`ticket` with its
 * placeholders), or a ticket event of an event-subscribed webhook (`zen:event-type:ticket.created`,
 * whose `detail` is the ticket).
 */
const zendeskTrigger = z.object({
  ticket: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    title: z.string().nullish(),
    description: z.string(),
    url: z.string().nullish(),
    created_at: z.string().nullish(),
    requester: z.object({ name: z.string().nullish(), email: z.string().nullish() }).optional(),
    organization: z.string().nullish(),
  }),
});
const zendeskEvent = z.object({
  type: z.string().startsWith('zen:event-type:ticket.'),
  time: z.string().optional(),
  detail: z.object({ id: z.union([z.string(), z.number()]).transform(String), subject: z.string().nullish(), description: z.string() }),
});

/** A ticket URL from Zendesk's `{{ticket.url}}`, which has no scheme. */
const ticketLink = (url: string | null | undefined) => (url?.trim() ? (/^https?:\/\//i.test(url) ? url.trim() : `https://${url.trim()}`) : null);

/** The feedback of a Zendesk webhook: the ticket's description, its id as source id, linked to the ticket. */
export function feedbackFromZendesk(body: unknown, board?: string): NewFeedbackItem {
  const onBoard = board ? { board } : {};
  const event = zendeskEvent.safeParse(body);
  if (event.success) {
    const { detail, time } = event.data;
    return { ...onBoard, sourceId: detail.id, title: detail.subject ?? null, text: detail.description, ...(time ? { receivedAt: time } : {}) };
  }
  const trigger = zendeskTrigger.safeParse(body);
  if (!trigger.success) throw notUnderstood('Zendesk', trigger.error);
  const { ticket } = trigger.data;
  return {
    ...onBoard,
    sourceId: ticket.id,
    title: ticket.title ?? null,
    text: ticket.description,
    author: { name: ticket.requester?.name ?? null, email: ticket.requester?.email || null, company: ticket.organization || null },
    link: ticketLink(ticket.url),
    ...(ticket.created_at && !Number.isNaN(Date.parse(ticket.created_at)) ? { receivedAt: new Date(ticket.created_at).toISOString() } : {}),
  };
}
