import type { Queryable } from './database.js';
import { ideaIdOf, webhookCall, type WebhookCall, type WebhookContext, type WebhookSourceEvent } from '../channels/webhook/payload.js';

// The body of each event's webhook call, fixed the first time it is needed (migration 0013): the
// idea's title or a comment's text may change later, but every endpoint, retry and replay of the
// event sends the bytes made first, so a receiver deduplicating by event sees one story.

/** The rows the event's payload shows, as they are now. */
async function contextOf(db: Queryable, event: WebhookSourceEvent): Promise<WebhookContext> {
  const ideaId = ideaIdOf(event);
  const [idea] = ideaId
    ? await db.query<{ id: string; board: string; title: string; status: string }>(
        `SELECT p.id, b.slug AS board, p.title, p.status_key AS status FROM posts p JOIN boards b ON b.id = p.board_id WHERE p.id = $1`,
        [ideaId],
      )
    : [];
  if (event.type !== 'comment.added') return { idea: idea ?? null };
  const [comment] = await db.query<{ id: string; body: string; author_id: string; author_name: string | null }>(
    `SELECT c.id, c.body, c.author_id, u.name AS author_name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
    [event.subjectId],
  );
  return {
    idea: idea ?? null,
    comment: comment ? { id: comment.id, body: comment.body, author: { id: comment.author_id, name: comment.author_name } } : null,
  };
}

/**
 * The call every delivery of `event` makes: the one stored for it, or made now and stored (of two
 * processes making it at once, the first stored wins). `null` for an event no endpoint can ask for.
 */
export async function fixedWebhookCall(db: Queryable, event: WebhookSourceEvent): Promise<WebhookCall | null> {
  const stored = async () =>
    (await db.query<WebhookCall>('SELECT event_type AS type, body FROM webhook_bodies WHERE event_sequence = $1', [event.sequence]))[0];
  const earlier = await stored();
  if (earlier) return earlier;
  const call = webhookCall(event, await contextOf(db, event));
  if (!call) return null;
  const [inserted] = await db.query<WebhookCall>(
    `INSERT INTO webhook_bodies (event_sequence, event_type, body) VALUES ($1, $2, $3)
     ON CONFLICT (event_sequence) DO NOTHING RETURNING event_type AS type, body`,
    [event.sequence, call.type, call.body],
  );
  return inserted ?? (await stored())!;
}
