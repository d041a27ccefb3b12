import type { WebhookEventType } from '@sayso/core';
import type { MergedPayload } from '../../db/events.js';

// What a webhook call says: the public payload of each domain event an endpoint can ask for.
// docs/webhooks.md lists these shapes; a change here is a change for every receiver, so fields
// are only ever added. The mapping is pure: the idea and comment as they were when the call was
// first made come in as `context` (db/webhook-bodies.ts reads them), the rest from the event.

/** A domain event as the log holds it (the outbox hands the worker the same fields). */
export interface WebhookSourceEvent {
  sequence: string;
  type: string;
  subjectId: string;
  payload: Readonly<Record<string, unknown>>;
  /** ISO 8601. */
  occurredAt: string;
}

/** An idea as a webhook shows it. `board` is the board's slug. */
export interface WebhookIdea {
  id: string;
  board: string;
  title: string;
  /** Its status id: the one it was created with, or moved to, for those events; else its status then. */
  status: string;
}

/** What the event's rows looked like when its body was made; `null` for a row since deleted. */
export interface WebhookContext {
  idea?: WebhookIdea | null;
  /** The ideas a changelog entry ships, in the entry's order (those still there). */
  ideas?: WebhookIdea[];
  comment?: { id: string; body: string; author: { id: string; name: string | null } } | null;
  feedback?: WebhookFeedback | null;
}

/** A feedback item as a webhook shows it: its words and where they came from, the author's name and company (never their address). */
export interface WebhookFeedback {
  id: string;
  board: string;
  source: string;
  title: string | null;
  text: string;
  author: { name: string | null; company: string | null };
  link: string | null;
  /** ISO 8601. */
  receivedAt: string;
}

/** The `data` of each event type. */
export interface WebhookData {
  'idea.created': { idea: WebhookIdea | null };
  'idea.status_changed': { idea: WebhookIdea | null; from: string; to: string; shipped: boolean; note: string | null };
  'idea.merged': { board: string | null; duplicate: IdeaRef; into: IdeaRef; canonical: IdeaRef };
  'comment.added': { idea: WebhookIdea | null; comment: { id: string; body: string | null; author: { id: string; name: string | null } | null } };
  'changelog.published': { entry: { id: string; title: string; body: string }; ideas: WebhookIdea[] };
  'feedback.received': { feedback: WebhookFeedback | { id: string } };
}

interface IdeaRef {
  id: string;
  title: string;
}

/** One webhook payload: an event type and its data. */
export type WebhookPayload = { [T in WebhookEventType]: { type: T; data: WebhookData[T] } }[WebhookEventType];

/** The body of a call: the payload with the event's number and time. */
export type WebhookBody = WebhookPayload & {
  /** The domain event's sequence number: the same for every endpoint, retry and replay of it. */
  id: string;
  /** When the change happened, ISO 8601. */
  createdAt: string;
};

/**
 * The domain event each webhook event type is made from. `feedback.received` is a piece of
 * feedback a channel received (services/feedback.ts). `changelog.published` carries `{ entryId, title, body, postIds }`
 * (the outbox's ChangelogPublishedPayload).
 */
export const WEBHOOK_TYPE_OF_EVENT: Readonly<Record<string, WebhookEventType>> = {
  'post.created': 'idea.created',
  'post.status_changed': 'idea.status_changed',
  'post.merged': 'idea.merged',
  'comment.added': 'comment.added',
  'changelog.published': 'changelog.published',
  'feedback.received': 'feedback.received',
};

/** The ideas a changelog entry's event names, in its order. */
export const shippedIdeaIdsOf = (event: Pick<WebhookSourceEvent, 'type' | 'payload'>): string[] =>
  event.type === 'changelog.published' && Array.isArray(event.payload.postIds)
    ? event.payload.postIds.filter((id): id is string => typeof id === 'string')
    : [];

/** The idea an event is about, when it is about one: for the idea's delivery log and the payload. */
export function ideaIdOf(event: Pick<WebhookSourceEvent, 'type' | 'subjectId' | 'payload'>): string | null {
  if (event.type.startsWith('post.')) return event.subjectId;
  return typeof event.payload.postId === 'string' ? event.payload.postId : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The public payload of a domain event, or `null` for events no endpoint can ask for. The idea
 * an event is about is `context.idea` (for `idea.merged`, the ideas named in the event).
 */
export function webhookPayload(event: WebhookSourceEvent, context: WebhookContext = {}): WebhookPayload | null {
  const idea = context.idea ?? null;
  const { payload } = event;
  // The status an idea was created with, or moved to, is the event's, whatever it is by now.
  const withStatus = (status: unknown) => (idea && typeof status === 'string' ? { ...idea, status } : idea);
  switch (WEBHOOK_TYPE_OF_EVENT[event.type]) {
    case 'idea.created':
      return { type: 'idea.created', data: { idea: withStatus(payload.to) } };
    case 'idea.status_changed':
      return {
        type: 'idea.status_changed',
        data: { idea: withStatus(payload.to), from: text(payload.from) ?? '', to: text(payload.to) ?? '', shipped: payload.ships === true, note: text(payload.note) },
      };
    case 'idea.merged': {
      const merged = payload as unknown as MergedPayload;
      const ref = (node: { id: string; title: string }) => ({ id: node.id, title: node.title });
      return {
        type: 'idea.merged',
        data: { board: idea?.board ?? null, duplicate: ref(merged.duplicate), into: ref(merged.into), canonical: ref(merged.canonical) },
      };
    }
    case 'comment.added': {
      const comment = context.comment;
      return {
        type: 'comment.added',
        data: { idea, comment: comment ? { ...comment } : { id: event.subjectId, body: null, author: null } },
      };
    }
    case 'changelog.published':
      return {
        type: 'changelog.published',
        data: { entry: { id: text(payload.entryId) ?? event.subjectId, title: text(payload.title) ?? '', body: text(payload.body) ?? '' }, ideas: context.ideas ?? [] },
      };
    case 'feedback.received':
      return {
        type: 'feedback.received',
        data: { feedback: context.feedback ?? { id: event.subjectId } },
      };
    default:
      return null;
  }
}

/** A call's event type (its `Sayso-Event` header) and JSON body. */
export interface WebhookCall {
  type: WebhookEventType;
  body: string;
}

/** The call for `event`, or `null` when no endpoint can ask for it. */
export function webhookCall(event: WebhookSourceEvent, context: WebhookContext = {}): WebhookCall | null {
  const payload = webhookPayload(event, context);
  if (!payload) return null;
  const body = { id: event.sequence, type: payload.type, createdAt: event.occurredAt, data: payload.data } as WebhookBody;
  return { type: payload.type, body: JSON.stringify(body) };
}
