import type { EvidenceCount, FeedbackAttachment, FeedbackFiltered, FeedbackItem, FeedbackSource, FeedbackState } from '@sayso/core';
import type { Queryable } from './database.js';
import { subtreeSql } from './people.js';
import { iso } from './rows.js';

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
         f.author_company, f.link, f.attachments, f.state, f.filtered, f.post_id, f.public, f.received_at, f.created_at
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
}

/** Stores an item unless the same one (by source id, else by content) is there; the new row's id, or `undefined`. */
export async function insertFeedbackItem(tx: Queryable, item: FeedbackItemInsert): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO feedback_items (board_id, source, source_id, content_hash, title, text, author_name, author_email,
                                 author_company, link, attachments, filtered, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      item.boardId, item.source, item.sourceId, item.contentHash, item.title, item.text, item.author.name,
      item.author.email, item.author.company, item.link, JSON.stringify(item.attachments), item.filtered, item.receivedAt,
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
