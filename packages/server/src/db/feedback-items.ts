import {
  SaysoError,
  type EvidenceCount,
  type FeedbackAttachment,
  type FeedbackFiltered,
  type FeedbackItem,
  type FeedbackSource,
  type FeedbackState,
  type KeysetPosition,
} from '@sayso/core';
import type { Queryable } from './database.js';
import { subtreeSql } from './people.js';
import { cursorText, iso, keysetSlice, type Slice } from './rows.js';

// Feedback items (migration 0016): what every channel received, kept as evidence.

export interface FeedbackItemRow {
  id: string;
  board: string;
  source: FeedbackSource;
  source_id: string | null;
  title: string | null;
  text: string;
  author_name: string | null;
  author_email: string | null;
  author_company: string | null;
  link: string | null;
  attachments: FeedbackAttachment[] | string;
  state: FeedbackState;
  filtered: FeedbackFiltered | null;
  post_id: string | null;
  public: boolean;
  received_at: Date | string;
  created_at: Date | string;
  /** received_at in UTC with microseconds, for keyset cursors. */
  cursor_at: string;
}

export const toFeedbackItem = (row: FeedbackItemRow): FeedbackItem => ({
  id: row.id,
  board: row.board,
  source: row.source,
  sourceId: row.source_id,
  title: row.title,
  text: row.text,
  author: { name: row.author_name, email: row.author_email, company: row.author_company },
  link: row.link,
  attachments: typeof row.attachments === 'string' ? (JSON.parse(row.attachments) as FeedbackAttachment[]) : row.attachments,
  state: row.state,
  filtered: row.filtered,
  postId: row.post_id,
  public: row.public,
  receivedAt: iso(row.received_at),
  createdAt: iso(row.created_at),
});

/** The columns of {@link FeedbackItemRow}, from `feedback_items f` joined to `boards b`. */
export const FEEDBACK_ITEM_SELECT = `
  SELECT f.id, b.slug AS board, f.source, f.source_id, f.title, f.text, f.author_name, f.author_email,
         f.author_company, f.link, f.attachments, f.state, f.filtered, f.post_id, f.public, f.received_at, f.created_at,
         ${cursorText('f.received_at')} AS cursor_at
    FROM feedback_items f JOIN boards b ON b.id = f.board_id`;

/** A feedback item as it is to be stored; `contentHash` tells a redelivery without a source id. */
export interface FeedbackItemInsert {
  boardId: string;
  source: FeedbackSource;
  sourceId: string | null;
  contentHash: string;
  title: string | null;
  text: string;
  author: { name: string | null; email: string | null; company: string | null };
  link: string | null;
  attachments: FeedbackAttachment[];
  filtered: FeedbackFiltered | null;
  receivedAt: string;
  /** Stored already linked to this idea (an idea's own words, as the widget posted them). */
  postId?: string;
}

/** Stores an item unless the same one (by source id, else by content) is there; the new row's id, or `undefined`. */
export async function insertFeedbackItem(tx: Queryable, item: FeedbackItemInsert): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO feedback_items (board_id, source, source_id, content_hash, title, text, author_name, author_email,
                                 author_company, link, attachments, filtered, received_at, post_id, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, CASE WHEN $14::uuid IS NULL THEN 'new' ELSE 'linked' END)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      item.boardId, item.source, item.sourceId, item.contentHash, item.title, item.text, item.author.name,
      item.author.email, item.author.company, item.link, JSON.stringify(item.attachments), item.filtered, item.receivedAt,
      item.postId ?? null,
    ],
  );
  return row?.id;
}

/** The item stored earlier for the same source id, else the same content, of a source. */
export async function findSameFeedbackItem(
  db: Queryable,
  item: Pick<FeedbackItemInsert, 'source' | 'sourceId' | 'contentHash'>,
): Promise<FeedbackItem | undefined> {
  const [row] =
    item.sourceId === null
      ? await db.query<FeedbackItemRow>(`${FEEDBACK_ITEM_SELECT} WHERE f.source = $1 AND f.content_hash = $2 AND f.source_id IS NULL`, [
          item.source,
          item.contentHash,
        ])
      : await db.query<FeedbackItemRow>(`${FEEDBACK_ITEM_SELECT} WHERE f.source = $1 AND f.source_id = $2`, [item.source, item.sourceId]);
  return row ? toFeedbackItem(row) : undefined;
}

/** One item by id, if there is one. */
export async function findFeedbackItem(db: Queryable, id: string): Promise<FeedbackItem | undefined> {
  const [row] = await db.query<FeedbackItemRow>(`${FEEDBACK_ITEM_SELECT} WHERE f.id = $1`, [id]);
  return row ? toFeedbackItem(row) : undefined;
}

/**
 * The feedback backing an idea and the ideas merged into it, per source, most people first: a
 * person is an author's email, else their name (an item without either is a person of its own).
 */
export async function evidenceOf(db: Queryable, canonicalId: string): Promise<EvidenceCount[]> {
  const rows = await db.query<{ source: FeedbackSource; people: number; items: number }>(
    `SELECT source,
            count(DISTINCT coalesce(lower(author_email), lower(author_name), id::text))::int AS people,
            count(*)::int AS items
       FROM feedback_items
      WHERE post_id IN ${subtreeSql('$1')}
      GROUP BY source
      ORDER BY people DESC, items DESC, source`,
    [canonicalId],
  );
  return rows;
}

/** What narrows the inbox (core's InboxFilters, the board as its id), and where a page starts. */
export interface InboxQuery {
  source?: FeedbackSource;
  state: FeedbackState;
  boardId?: string;
  q?: string;
  filtered: boolean;
  after: KeysetPosition | null;
  limit: number;
}

/** `%` and `_` taken literally in an ILIKE pattern. */
const likePattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the inbox, newest received first (keyset on received_at, id: feedback_items_inbox_idx). */
export async function listInboxItems(db: Queryable, query: InboxQuery): Promise<Slice<FeedbackItem> & { lastPosition?: KeysetPosition }> {
  const values: unknown[] = [query.state, query.limit + 1];
  const where = ['f.state = $1', query.filtered ? 'f.filtered IS NOT NULL' : 'f.filtered IS NULL'];
  if (query.source) where.push(`f.source = $${values.push(query.source)}`);
  if (query.boardId) where.push(`f.board_id = $${values.push(query.boardId)}`);
  if (query.q) {
    const like = `$${values.push(likePattern(query.q))}`;
    where.push(`(f.text ILIKE ${like} OR f.title ILIKE ${like} OR f.author_name ILIKE ${like} OR f.author_email ILIKE ${like} OR f.author_company ILIKE ${like})`);
  }
  if (query.after) where.push(`(f.received_at, f.id) < ($${values.push(query.after.at)}::timestamptz, $${values.push(query.after.id)}::uuid)`);
  const rows = await db.query<FeedbackItemRow>(
    `${FEEDBACK_ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY f.received_at DESC, f.id DESC LIMIT $2`,
    values,
  );
  return keysetSlice(rows, query.limit, toFeedbackItem, (row) => row.cursor_at);
}

/** The feedback of an idea and the ideas merged into it, newest received first: all of it, or only the public items. */
export async function listPostFeedbackItems(
  db: Queryable,
  params: { postId: string; all: boolean; after: KeysetPosition | null; limit: number },
): Promise<Slice<FeedbackItem> & { lastPosition?: KeysetPosition }> {
  const values: unknown[] = [params.postId, params.all, params.limit + 1];
  const after = params.after
    ? `AND (f.received_at, f.id) < ($${values.push(params.after.at)}::timestamptz, $${values.push(params.after.id)}::uuid)`
    : '';
  const rows = await db.query<FeedbackItemRow>(
    `${FEEDBACK_ITEM_SELECT}
      WHERE f.post_id IN ${subtreeSql('$1')} AND ($2 OR f.public) ${after}
      ORDER BY f.received_at DESC, f.id DESC LIMIT $3`,
    values,
  );
  return keysetSlice(rows, params.limit, toFeedbackItem, (row) => row.cursor_at);
}

/** An item as a triage action finds it, its row locked for the change. */
export interface LockedFeedbackItem {
  id: string;
  boardId: string;
  source: FeedbackSource;
  state: FeedbackState;
  postId: string | null;
  requestId: string | null;
  title: string | null;
  text: string;
  author: { name: string | null; email: string | null; company: string | null };
  link: string | null;
}

/**
 * Locks items for one triage action, in id order (so two actions on overlapping items wait for
 * each other rather than deadlock), in the order asked for; `not_found` naming the first unknown
 * id, so nothing changes unless every item is there.
 */
export async function lockFeedbackItems(tx: Queryable, ids: string[]): Promise<LockedFeedbackItem[]> {
  const rows = await tx.query<{
    id: string; board_id: string; source: FeedbackSource; state: FeedbackState; post_id: string | null; request_id: string | null;
    title: string | null; text: string; author_name: string | null; author_email: string | null; author_company: string | null; link: string | null;
  }>(
    `SELECT id, board_id, source, state, post_id, request_id, title, text, author_name, author_email, author_company, link
       FROM feedback_items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new SaysoError('not_found', `There is no feedback item "${id}".`, { itemId: id });
    return {
      id: row.id, boardId: row.board_id, source: row.source, state: row.state, postId: row.post_id, requestId: row.request_id,
      title: row.title, text: row.text, author: { name: row.author_name, email: row.author_email, company: row.author_company }, link: row.link,
    };
  });
}

/** Sets where an item stands: linked to an idea (and the request its author counts by), or not. */
export async function setFeedbackItemState(
  tx: Queryable,
  id: string,
  state: { state: FeedbackState; postId: string | null; requestId: string | null },
): Promise<void> {
  await tx.query('UPDATE feedback_items SET state = $2, post_id = $3, request_id = $4 WHERE id = $1', [id, state.state, state.postId, state.requestId]);
}

/** Shows an item to visitors on its idea, or hides it; `not_found` for an unknown item. */
export async function setFeedbackItemPublic(tx: Queryable, id: string, visible: boolean): Promise<boolean> {
  const [row] = await tx.query<{ was: boolean }>(
    'UPDATE feedback_items f SET public = $2 FROM feedback_items old WHERE f.id = $1 AND old.id = f.id RETURNING old.public AS was',
    [id, visible],
  );
  if (!row) throw new SaysoError('not_found', `There is no feedback item "${id}".`, { itemId: id });
  return row.was;
}

/** Whether any item still stands on a customer request (made when linking one). */
export async function requestIsBackedByFeedback(tx: Queryable, requestId: string): Promise<boolean> {
  const [row] = await tx.query('SELECT 1 FROM feedback_items WHERE request_id = $1 LIMIT 1', [requestId]);
  return row !== undefined;
}

/** Many items by id, in the order asked for. */
export async function findFeedbackItems(db: Queryable, ids: string[]): Promise<FeedbackItem[]> {
  const rows = await db.query<FeedbackItemRow>(`${FEEDBACK_ITEM_SELECT} WHERE f.id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((row) => [row.id, toFeedbackItem(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
