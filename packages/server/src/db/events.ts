import type { Queryable } from './database.js';

// The domain event log (migration 0006): one row per state change, written by the services in
// the transaction of the change. Later work (email, webhooks, live updates, audit) reads it in
// `sequence` order; the in-app notifications are made from the events as they are written.

/** Every kind of event, `<subject>.<what happened>`. */
export type DomainEventType =
  | 'board.created'
  | 'board.policy_changed'
  | 'board.updated'
  | 'board.priority_changed'
  | 'post.created'
  | 'post.edited'
  | 'post.status_changed'
  | 'post.tagged'
  | 'post.untagged'
  | 'post.priority_changed'
  | 'post.merged'
  | 'post.unmerged'
  | 'request.added'
  | 'request.linked'
  | 'post.duplicate_dismissed'
  | 'vote.added'
  | 'vote.removed'
  | 'comment.added'
  | 'comment.edited'
  | 'comment.deleted'
  // An internal note of the team (admins only): no channel, webhook or live stream follows it.
  | 'comment.noted'
  | 'tag.created'
  | 'tag.renamed'
  | 'tag.deleted'
  | 'admin_key.created'
  | 'admin_key.revoked'
  | 'notifications.read'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'delivery.replayed'
  | 'subscription.changed'
  | 'email.confirmation_requested'
  | 'email.confirmed'
  | 'email.preferences_changed'
  | 'board.notifications_changed'
  | 'changelog.created'
  | 'changelog.updated'
  | 'changelog.deleted'
  | 'changelog.published'
  | 'feedback.received'
  | 'feedback.linked'
  | 'feedback.unlinked'
  | 'feedback.archived'
  | 'feedback.restored'
  | 'feedback.visibility_changed'
  | 'feedback.imported'
  | 'ingestion_key.created'
  | 'ingestion_key.revoked'
  | 'saved_view.created'
  | 'saved_view.deleted'
  | 'backlog.created'
  | 'backlog.updated'
  // Payload BacklogStatusChangedPayload; `tells` the people behind its evidence the first time it is done.
  | 'backlog.status_changed'
  | 'backlog.deleted'
  | 'backlog.evidence_linked'
  | 'backlog.evidence_unlinked'
  | 'backlog.settings_changed'

/** What an event is about: its table, in the singular, and the row's id. */
export type EventSubject = {
  type: 'board' | 'post' | 'comment' | 'tag' | 'admin_key' | 'user' | 'webhook_endpoint' | 'delivery' | 'changelog_entry'
    | 'feedback_item' | 'feedback_import' | 'ingestion_key' | 'saved_view' | 'backlog_item';
  id: string;
};

/** What a post's people, votes and comments count, before and after a merge or unmerge. */
export interface PostCounts {
  people: number;
  votes: number;
  comments: number;
}

/**
 * The payload of `post.merged` and `post.unmerged`: both ideas (`into`, the one merged into
 * directly; `canonical`, the end of its chain), and the counts of each before and after.
 */
export interface MergedPayload {
  duplicate: { id: string; title: string };
  into: { id: string; title: string };
  canonical: { id: string; title: string };
  counts: {
    duplicate: { before: PostCounts; after: PostCounts };
    canonical: { before: PostCounts; after: PostCounts };
  };
}

/** One event as a service records it. */
export interface DomainEvent {
  type: DomainEventType;
  subject: EventSubject;
  /** The users row of who did it; `null` for the system (seeds, migrations). */
  actorId: string | null;
  payload?: Readonly<Record<string, unknown>>;
  /** When it happened; default the transaction's time. Seeds date their history. */
  occurredAt?: string;
}

/** Appends an event in the caller's transaction; returns its sequence number. */
export async function appendEvent(tx: Queryable, event: DomainEvent): Promise<string> {
  const [row] = await tx.query<{ sequence: string }>(
    `INSERT INTO domain_events (type, subject_type, subject_id, actor_id, payload, occurred_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, COALESCE($6::timestamptz, now()))
     RETURNING sequence::text AS sequence`,
    [event.type, event.subject.type, event.subject.id, event.actorId, JSON.stringify(event.payload ?? {}), event.occurredAt ?? null],
  );
  return row!.sequence;
}

/**
 * The events of the rows a data-modifying CTE named `changed` returned (columns `subject_id`,
 * `actor_id`), as the rest of one statement: the change and its events commit together without
 * a transaction of their own, which keeps the vote path at one round trip.
 */
export const eventsOfChanged = (type: DomainEventType, subjectType: EventSubject['type']) =>
  `INSERT INTO domain_events (type, subject_type, subject_id, actor_id)
   SELECT '${type}', '${subjectType}', subject_id, actor_id FROM changed`;
