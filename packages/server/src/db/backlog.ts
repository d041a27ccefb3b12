import {
  DEFAULT_CAPACITY_SETTINGS,
  SaysoError,
  trackerIssueOf,
  type BacklogCategory,
  type BacklogEvidence,
  type BacklogFilters,
  type BacklogItemFields,
  type BacklogRisk,
  type BacklogStatus,
  type CapacitySettings,
  type DoneWork,
  type FeedbackSource,
} from '@sayso/core';
import type { Queryable } from './database.js';
import { ideaBackersSql } from './backlog-backers.js';
import { iso, isoOrNull } from './rows.js';

// The engineering backlog (migration 0021): items, the ideas and feedback behind them (evidence),
// and each board's capacity settings. SQL only; the demand, priority, flags and rank of an item are
// core's rules over what these queries read (services/backlog.ts).

export const noSuchBacklogItem = (itemId: string) => new SaysoError('not_found', `There is no backlog item "${itemId}".`);

/** An item's own columns, as stored. */
export interface BacklogItemRow {
  id: string;
  board_id: string;
  board: string;
  title: string;
  description: string;
  next_step: string;
  category: BacklogCategory;
  status: BacklogStatus;
  estimate: number | null;
  risk: BacklogRisk;
  owner: string | null;
  tracker_urls: string[];
  public: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  done_at: Date | string | null;
}

const ITEM_SELECT = `
  SELECT i.id, i.board_id, b.slug AS board, i.title, i.description, i.next_step, i.category, i.status,
         i.estimate::float8 AS estimate, i.risk, i.owner, i.tracker_urls, i.public, i.created_at, i.updated_at, i.done_at
    FROM backlog_items i JOIN boards b ON b.id = i.board_id`;

/** The item's fields as an admin wrote them, with its dates in ISO 8601. */
export const itemDates = (row: BacklogItemRow) => ({ createdAt: iso(row.created_at), updatedAt: iso(row.updated_at), doneAt: isoOrNull(row.done_at) });

/**
 * A board's items narrowed by category, status and words (every word of `q` in the title,
 * description or next step, case-insensitive); the flags that need the board's settings (vague,
 * stale) are core's, applied by the caller.
 */
export function backlogItemRows(db: Queryable, boardId: string, filters: Pick<BacklogFilters, 'category' | 'status' | 'q'> = {}): Promise<BacklogItemRow[]> {
  const words = (filters.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  return db.query<BacklogItemRow>(
    `${ITEM_SELECT}
      WHERE i.board_id = $1 AND ($2::text IS NULL OR i.category = $2) AND ($3::text IS NULL OR i.status = $3)
        AND NOT EXISTS (
          SELECT 1 FROM unnest($4::text[]) AS word
           WHERE strpos(lower(i.title || ' ' || i.description || ' ' || i.next_step), word) = 0)`,
    [boardId, filters.category ?? null, filters.status ?? null, words],
  );
}

/** One item; `undefined` when there is none. */
export async function backlogItemRow(db: Queryable, itemId: string): Promise<BacklogItemRow | undefined> {
  const [row] = await db.query<BacklogItemRow>(`${ITEM_SELECT} WHERE i.id = $1`, [itemId]);
  return row;
}

/** Locks an item for a change in `tx`: its status and when it last changed; `not_found` when there is none. */
export async function lockBacklogItem(tx: Queryable, itemId: string): Promise<{ boardId: string; status: BacklogStatus; updatedAt: string }> {
  const [row] = await tx.query<{ board_id: string; status: BacklogStatus; updated_at: Date | string }>(
    'SELECT board_id, status, updated_at FROM backlog_items WHERE id = $1 FOR NO KEY UPDATE',
    [itemId],
  );
  if (!row) throw noSuchBacklogItem(itemId);
  return { boardId: row.board_id, status: row.status, updatedAt: iso(row.updated_at) };
}

/** Tracker links as written and the keys a tracker's webhook compares (core's trackerIssueOf). */
const trackerKeys = (urls: readonly string[]) => urls.map((url) => trackerIssueOf(url)!.key);

/** Adds an item (fields checked by the caller); answers its id. */
export async function insertBacklogItem(tx: Queryable, item: { boardId: string; createdBy: string } & BacklogItemFields): Promise<string> {
  const trackerUrls = item.trackerUrls ?? [];
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO backlog_items (board_id, title, description, next_step, category, status, estimate, risk, owner, tracker_urls, tracker_keys, public, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      item.boardId,
      item.title,
      item.description ?? '',
      item.nextStep ?? '',
      item.category,
      item.status ?? 'proposed',
      item.estimate ?? null,
      item.risk ?? 0,
      item.owner ?? null,
      trackerUrls,
      trackerKeys(trackerUrls),
      item.public ?? false,
      item.createdBy,
    ],
  );
  return row!.id;
}

/** The columns each field of an item is kept in (status apart: services/backlog-status.ts moves it). */
const COLUMNS = {
  title: 'title',
  description: 'description',
  nextStep: 'next_step',
  category: 'category',
  estimate: 'estimate',
  risk: 'risk',
  owner: 'owner',
  public: 'public',
} as const satisfies Partial<Record<keyof BacklogItemFields, string>>;

/**
 * Writes the given fields of an item (those left out stay) and marks it changed. `updated_at`
 * moves forward by at least a millisecond, so an editor who saw the item before any change
 * (conflicts compare it at millisecond precision) is always told.
 */
export async function updateBacklogItemFields(tx: Queryable, itemId: string, fields: Partial<Omit<BacklogItemFields, 'status'>>): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [itemId];
  for (const [field, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
    if (fields[field] === undefined) continue;
    values.push(fields[field]);
    sets.push(`${column} = $${values.length}`);
  }
  if (fields.trackerUrls !== undefined) {
    values.push(fields.trackerUrls, trackerKeys(fields.trackerUrls));
    sets.push(`tracker_urls = $${values.length - 1}`, `tracker_keys = $${values.length}`);
  }
  await tx.query(
    `UPDATE backlog_items SET ${[...sets, `updated_at = GREATEST(now(), updated_at + interval '1 millisecond')`].join(', ')} WHERE id = $1`,
    values,
  );
}

/** Marks an item changed (its evidence changed). */
export async function touchBacklogItem(tx: Queryable, itemId: string): Promise<void> {
  await updateBacklogItemFields(tx, itemId, {});
}

/** Deletes an item and its evidence; its title and board slug for the event, `undefined` when there was none. */
export async function deleteBacklogItemRow(tx: Queryable, itemId: string): Promise<{ title: string; board: string } | undefined> {
  const [row] = await tx.query<{ title: string; board: string }>(
    'DELETE FROM backlog_items i USING boards b WHERE i.id = $1 AND b.id = i.board_id RETURNING i.title, b.slug AS board',
    [itemId],
  );
  return row;
}

const PEOPLE_SQL = `
  WITH behind AS (
    SELECT ideas.item_id, ideas.user_id AS person, NULL::text AS company FROM (${ideaBackersSql('e.item_id = ANY($1::uuid[])')}) AS ideas
    UNION ALL
    SELECT e.item_id, COALESCE(e.user_id, e.feedback_item_id), NULLIF(btrim(f.author_company), '')
      FROM backlog_evidence e JOIN feedback_items f ON f.id = e.feedback_item_id
     WHERE e.item_id = ANY($1::uuid[])
  ), people AS (
    SELECT item_id, person, max(company) AS company FROM behind GROUP BY item_id, person
  ), request_companies AS (
    SELECT DISTINCT ON (r.user_id) r.user_id, btrim(r.company) AS company
      FROM customer_requests r
     WHERE r.user_id IN (SELECT person FROM people) AND btrim(r.company) <> ''
     ORDER BY r.user_id, r.created_at, r.id
  )
  SELECT pe.item_id, u.traits, COALESCE(pe.company, rc.company) AS company
    FROM people pe
    LEFT JOIN users u ON u.id = pe.person
    LEFT JOIN request_companies rc ON rc.user_id = pe.person`;

/**
 * Each distinct person behind each item: the people of every linked idea's canonical (its
 * post_people: voters, requests, merged ideas) and every linked feedback item's author (their
 * users row; an author naming nobody is a person of their own, keyed by the feedback item's id,
 * which no users row has), with what customer value needs: their traits, and a company standing
 * in when the traits name none (the feedback's, else the person's first request naming one).
 * Grouped and joined by hash: a hundred items of twenty ideas each are a few thousand rows.
 */
export function backlogPeople(
  db: Queryable,
  itemIds: readonly string[],
): Promise<Array<{ item_id: string; traits: Record<string, unknown> | null; company: string | null }>> {
  return db.query(PEOPLE_SQL, [itemIds]);
}

/** How many ideas and feedback items are linked to each item. */
export function evidenceCounts(db: Queryable, itemIds: readonly string[]): Promise<Array<{ item_id: string; ideas: number; feedback: number }>> {
  return db.query(
    `SELECT item_id, count(post_id)::int AS ideas, count(feedback_item_id)::int AS feedback
       FROM backlog_evidence WHERE item_id = ANY($1::uuid[]) GROUP BY item_id`,
    [itemIds],
  );
}

interface EvidenceRow {
  id: string;
  item_id: string;
  added_at: Date | string;
  post_id: string | null;
  post_title: string | null;
  post_board: string | null;
  post_people: number | null;
  post_status: string | null;
  feedback_id: string | null;
  source: FeedbackSource | null;
  feedback_title: string | null;
  text: string | null;
  author_name: string | null;
  author_email: string | null;
  author_company: string | null;
}

const toEvidence = (row: EvidenceRow): BacklogEvidence => ({
  id: row.id,
  itemId: row.item_id,
  post:
    row.post_id === null
      ? null
      : { id: row.post_id, title: row.post_title!, board: row.post_board!, people: row.post_people!, status: row.post_status! },
  feedback:
    row.feedback_id === null
      ? null
      : {
          id: row.feedback_id,
          source: row.source!,
          title: row.feedback_title,
          text: row.text!,
          authorName: row.author_name,
          authorEmail: row.author_email,
          authorCompany: row.author_company,
        },
  addedAt: iso(row.added_at),
});

/** An item's evidence, newest linked first; an idea with the people of its canonical. */
export async function evidenceOfItem(db: Queryable, itemId: string): Promise<BacklogEvidence[]> {
  const rows = await db.query<EvidenceRow>(
    `SELECT e.id, e.item_id, e.added_at,
            p.id AS post_id, p.title AS post_title, pb.slug AS post_board, c.people_count AS post_people, p.status_key AS post_status,
            f.id AS feedback_id, f.source, f.title AS feedback_title, f.text, f.author_name, f.author_email, f.author_company
       FROM backlog_evidence e
       LEFT JOIN posts p ON p.id = e.post_id
       LEFT JOIN boards pb ON pb.id = p.board_id
       LEFT JOIN posts c ON c.id = COALESCE(p.canonical_id, p.id)
       LEFT JOIN feedback_items f ON f.id = e.feedback_item_id
      WHERE e.item_id = $1
      ORDER BY e.added_at DESC, e.id DESC`,
    [itemId],
  );
  return rows.map(toEvidence);
}

/** The ideas and feedback items already linked to an item. */
export async function linkedIds(db: Queryable, itemId: string): Promise<{ postIds: Set<string>; feedbackItemIds: Set<string> }> {
  const rows = await db.query<{ post_id: string | null; feedback_item_id: string | null }>(
    'SELECT post_id, feedback_item_id FROM backlog_evidence WHERE item_id = $1',
    [itemId],
  );
  return {
    postIds: new Set(rows.flatMap((row) => row.post_id ?? [])),
    feedbackItemIds: new Set(rows.flatMap((row) => row.feedback_item_id ?? [])),
  };
}

/** Which of these ids are ideas (of any board). */
export async function existingPostIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM posts WHERE id = ANY($1::uuid[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

/** The feedback items of these ids with their authors; an id that is none is missing from the answer. */
export function feedbackAuthors(
  db: Queryable,
  ids: readonly string[],
): Promise<Array<{ id: string; name: string | null; email: string | null }>> {
  return db.query('SELECT id, author_name AS name, author_email AS email FROM feedback_items WHERE id = ANY($1::uuid[])', [ids]);
}

/** Links an idea or a feedback item (with its author's users row) to an item; `false` when it already was. */
export async function insertEvidence(
  tx: Queryable,
  evidence: { itemId: string; addedBy: string } & ({ postId: string } | { feedbackItemId: string; userId: string | null }),
): Promise<boolean> {
  const [row] =
    'postId' in evidence
      ? await tx.query(
          `INSERT INTO backlog_evidence (item_id, post_id, added_by) VALUES ($1, $2, $3)
           ON CONFLICT (item_id, post_id) WHERE post_id IS NOT NULL DO NOTHING RETURNING id`,
          [evidence.itemId, evidence.postId, evidence.addedBy],
        )
      : await tx.query(
          `INSERT INTO backlog_evidence (item_id, feedback_item_id, user_id, added_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (item_id, feedback_item_id) WHERE feedback_item_id IS NOT NULL DO NOTHING RETURNING id`,
          [evidence.itemId, evidence.feedbackItemId, evidence.userId, evidence.addedBy],
        );
  return row !== undefined;
}

/** Removes one piece of an item's evidence; what it linked, `undefined` when it is not the item's. */
export async function deleteEvidence(tx: Queryable, itemId: string, evidenceId: string): Promise<{ postId: string | null; feedbackItemId: string | null } | undefined> {
  const [row] = await tx.query<{ postId: string | null; feedbackItemId: string | null }>(
    'DELETE FROM backlog_evidence WHERE id = $1 AND item_id = $2 RETURNING post_id AS "postId", feedback_item_id AS "feedbackItemId"',
    [evidenceId, itemId],
  );
  return row;
}

/** Newest untriaged (`new`) feedback items of a board, for suggestions; at most `limit`. */
export function recentFeedback(
  db: Queryable,
  boardId: string,
  limit: number,
): Promise<Array<{ id: string; source: FeedbackSource; title: string | null; text: string }>> {
  return db.query(
    `SELECT id, source, title, text FROM feedback_items
      WHERE board_id = $1 AND state = 'new' ORDER BY received_at DESC, id DESC LIMIT $2`,
    [boardId, limit],
  );
}

interface SettingsRow {
  engineering_target: number;
  category_minimums: CapacitySettings['categoryMinimums'] | string;
  window_weeks: number;
  stale_days: number;
  risk_weight: number;
  estimate_unit: CapacitySettings['estimateUnit'];
}

/** A board's capacity settings; core's defaults until an admin set them. */
export async function backlogSettings(db: Queryable, boardId: string): Promise<CapacitySettings> {
  const [row] = await db.query<SettingsRow>(
    `SELECT engineering_target::float8 AS engineering_target, category_minimums, window_weeks, stale_days,
            risk_weight::float8 AS risk_weight, estimate_unit
       FROM backlog_settings WHERE board_id = $1`,
    [boardId],
  );
  if (!row) return { ...DEFAULT_CAPACITY_SETTINGS, categoryMinimums: {} };
  return {
    engineeringTarget: row.engineering_target,
    categoryMinimums: typeof row.category_minimums === 'string' ? JSON.parse(row.category_minimums) : row.category_minimums,
    windowWeeks: row.window_weeks,
    staleDays: row.stale_days,
    riskWeight: row.risk_weight,
    estimateUnit: row.estimate_unit,
  };
}

/** Locks a board's settings row (when it has one) for a read-modify-write in `tx`. */
export async function lockBacklogSettings(tx: Queryable, boardId: string): Promise<void> {
  await tx.query('SELECT 1 FROM backlog_settings WHERE board_id = $1 FOR UPDATE', [boardId]);
}

/** Writes a board's settings, all of them. */
export async function saveBacklogSettings(tx: Queryable, boardId: string, settings: CapacitySettings): Promise<void> {
  await tx.query(
    `INSERT INTO backlog_settings (board_id, engineering_target, category_minimums, window_weeks, stale_days, risk_weight, estimate_unit)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
     ON CONFLICT (board_id) DO UPDATE SET
       engineering_target = EXCLUDED.engineering_target, category_minimums = EXCLUDED.category_minimums,
       window_weeks = EXCLUDED.window_weeks, stale_days = EXCLUDED.stale_days, risk_weight = EXCLUDED.risk_weight,
       estimate_unit = EXCLUDED.estimate_unit, updated_at = now()`,
    [
      boardId,
      settings.engineeringTarget,
      JSON.stringify(settings.categoryMinimums),
      settings.windowWeeks,
      settings.staleDays,
      settings.riskWeight,
      settings.estimateUnit,
    ],
  );
}

/**
 * Work done on a board since `from`: items done since then with their estimates, and canonical
 * ideas shipped since then that stand in a done status, with their effort. Both read indexes
 * (backlog_items_done_idx; posts by board) and answer only the columns core's capacityReport sums.
 */
export async function doneWorkSince(db: Queryable, boardId: string, from: Date): Promise<DoneWork> {
  const [items, ideas] = await Promise.all([
    db.query<{ category: BacklogCategory; estimate: number | null }>(
      `SELECT category, estimate::float8 AS estimate FROM backlog_items
        WHERE board_id = $1 AND done_at IS NOT NULL AND done_at >= $2 AND status = 'done'`,
      [boardId, from],
    ),
    db.query<{ effort: number | null }>(
      `SELECT p.effort::float8 AS effort FROM posts p
         JOIN statuses s ON s.board_id = p.board_id AND s.key = p.status_key AND s.kind = 'done'
        WHERE p.board_id = $1 AND p.canonical_id IS NULL AND p.shipped_at >= $2`,
      [boardId, from],
    ),
  ]);
  return { items, ideas };
}
