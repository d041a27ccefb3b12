import type { WebhookCall, WebhookContext, WebhookFeedback, WebhookIdea } from '../channels/webhook/payload.js';
import type { Queryable } from './database.js';
import { findFeedbackItem } from './feedback-items.js';

// The body of each event's webhook call, fixed the first time it is needed (migration 0014): the
// idea's title or a comment's text may change later, but every endpoint, retry and replay of the
// event sends the bytes made first. SQL only; channels/webhook/webhook-channel.ts decides.

/** The call stored for an event, if any. */
export async function findWebhookCall(db: Queryable, sequence: string): Promise<WebhookCall | undefined> {
  const [row] = await db.query<WebhookCall>('SELECT event_type AS type, body FROM webhook_bodies WHERE event_sequence = $1', [sequence]);
  return row;
}

/** Stores an event's call unless one is stored already (two processes at once); answers the one stored. */
export async function storeWebhookCall(db: Queryable, sequence: string, call: WebhookCall): Promise<WebhookCall> {
  const [inserted] = await db.query<WebhookCall>(
    `INSERT INTO webhook_bodies (event_sequence, event_type, body) VALUES ($1, $2, $3)
     ON CONFLICT (event_sequence) DO NOTHING RETURNING event_type AS type, body`,
    [sequence, call.type, call.body],
  );
  return inserted ?? (await findWebhookCall(db, sequence))!;
}

/**
 * The ideas (with their board's slug: `ideaId`, and a changelog entry's `ideaIds` in their order)
 * and the comment or feedback item a payload shows, as they are now; `null` for rows gone.
 */
export async function webhookContextRows(
  db: Queryable,
  params: { ideaId: string | null; ideaIds: readonly string[]; commentId: string | null; feedbackItemId?: string | null },
): Promise<WebhookContext> {
  const ids = [...(params.ideaId ? [params.ideaId] : []), ...params.ideaIds];
  const rows = ids.length
    ? await db.query<WebhookIdea>(
        `SELECT p.id, b.slug AS board, p.title, p.status_key AS status
           FROM unnest($1::uuid[]) WITH ORDINALITY AS wanted (id, position)
           JOIN posts p ON p.id = wanted.id JOIN boards b ON b.id = p.board_id
          ORDER BY wanted.position`,
        [ids],
      )
    : [];
  const idea = params.ideaId ? rows.find((row) => row.id === params.ideaId) : undefined;
  const context: WebhookContext = { idea: idea ?? null, ...(params.ideaIds.length ? { ideas: rows.filter((row) => params.ideaIds.includes(row.id)) } : {}) };
  if (params.feedbackItemId) return { ...context, feedback: await webhookFeedbackOf(db, params.feedbackItemId) };
  if (!params.commentId) return context;
  const [comment] = await db.query<{ id: string; body: string; author_id: string; author_name: string | null }>(
    'SELECT c.id, c.body, c.author_id, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1',
    [params.commentId],
  );
  return {
    ...context,
    comment: comment ? { id: comment.id, body: comment.body, author: { id: comment.author_id, name: comment.author_name } } : null,
  };
}

async function webhookFeedbackOf(db: Queryable, id: string): Promise<WebhookFeedback | null> {
  const item = await findFeedbackItem(db, id);
  if (!item) return null;
  const { board, source, title, text, author, link, receivedAt } = item;
  return { id, board, source, title, text, author: { name: author.name, company: author.company }, link, receivedAt };
}
