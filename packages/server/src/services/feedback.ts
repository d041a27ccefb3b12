import { SaysoError, checkNewFeedbackItem, feedbackContent, normalizedFeedback, type FeedbackItem, type FeedbackSource, type InputProblem, type NewFeedbackItem } from '@sayso/core';
import { createHash } from 'node:crypto';
import { boardIdOf } from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import { findSameFeedbackItem, findFeedbackItem, insertFeedbackItem, type FeedbackItemInsert } from '../db/feedback-items.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/** Who wrote what (core's feedbackContent), hashed, so the same feedback delivered again without a source id is known. */
export const contentHashOf = (item: Parameters<typeof feedbackContent>[0]) => createHash('sha256').update(feedbackContent(item)).digest('hex');

/** The board feedback lands on when its channel names none: the oldest. */
export async function boardIdFor(db: Queryable, slug: string | undefined): Promise<string> {
  if (slug) return boardIdOf(db, slug);
  const [first] = await db.query<{ id: string }>('SELECT id FROM boards ORDER BY created_at, slug LIMIT 1');
  if (!first) throw new SaysoError('not_found', 'There is no board to take feedback yet.');
  return first.id;
}

/** A channel's item as it is stored (its board aside), or what is wrong with it. */
export type CheckedFeedback = { insert: Omit<FeedbackItemInsert, 'boardId'>; problems?: never } | { problems: InputProblem[]; insert?: never };

/**
 * Every channel's rules for an item: core's checks, then the stored form (trimmed, the email in
 * lower case, the content hash that dedupes it). `receiveFeedback` stores one; a CSV import
 * stages thousands at a time with the same rules.
 */
export function checkFeedback(source: FeedbackSource, item: NewFeedbackItem): CheckedFeedback {
  const problems = checkNewFeedbackItem(item);
  if (problems.length > 0) return { problems };
  const normalized = normalizedFeedback(item);
  return { insert: { source, ...normalized, contentHash: contentHashOf(normalized) } };
}

/**
 * Keeps a piece of feedback a channel accepted, in one transaction with its `feedback.received`
 * event. The same item again (same source id, else the same author, title and text from the
 * same source) creates nothing and answers the first (`created: false`). Bad input is
 * `invalid_input`, and nothing is stored.
 */
export async function receiveFeedback(
  db: Database,
  params: { source: FeedbackSource; item: NewFeedbackItem; actor: Actor | null },
): Promise<{ item: FeedbackItem; created: boolean }> {
  const { problems, insert } = checkFeedback(params.source, params.item);
  if (problems) throw new SaysoError('invalid_input', problems.map((p) => p.message).join(' '), { problems });
  const item = params.item;
  const earlier = await findSameFeedbackItem(db, insert);
  if (earlier) return { item: earlier, created: false };
  return db.transaction(async (tx) => {
    const id = await insertFeedbackItem(tx, { ...insert, boardId: await boardIdFor(tx, item.board) });
    // Stored meanwhile by a redelivery racing this one: the first stands.
    if (!id) return { item: (await findSameFeedbackItem(tx, insert))!, created: false };
    await record(tx, {
      type: 'feedback.received',
      subject: { type: 'feedback_item', id },
      actorId: params.actor ? await ensureUser(tx, params.actor.key) : null,
      payload: { source: insert.source, filtered: insert.filtered },
    });
    return { item: (await findFeedbackItem(tx, id))!, created: true };
  });
}

/**
 * The widget's feedback item for an idea a visitor just posted (in the post's transaction): its
 * own words, linked to it as evidence, the author as their identity names them. No request and no
 * `feedback.received`: the author already counts through their vote, and `post.created` says it.
 */
export async function recordWidgetFeedback(
  tx: Queryable,
  params: { postId: string; boardId: string; authorId: string; title: string; body: string },
): Promise<void> {
  const [author] = await tx.query<{ name: string | null; email: string | null }>('SELECT name, email FROM users WHERE id = $1', [params.authorId]);
  const normalized = normalizedFeedback({
    sourceId: params.postId,
    title: params.title,
    text: params.body.trim() || params.title,
    author: { name: author?.name ?? null, email: author?.email ?? null },
  });
  await insertFeedbackItem(tx, { ...normalized, boardId: params.boardId, source: 'widget', contentHash: contentHashOf(normalized), postId: params.postId });
}
