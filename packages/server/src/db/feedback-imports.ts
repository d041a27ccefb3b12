import type { Queryable } from './database.js';
import type { FeedbackItemInsert } from './feedback-items.js';
import { iso } from './rows.js';

// CSV imports of feedback (migrations 0016 and 0017): each run, with its progress and report, and
// the rows it has read, staged until the whole file has been read.

/** Where an import stands: reading (`running`), finished, or stopped by a file it could not read. */
export type FeedbackImportState = 'running' | 'done' | 'failed';

/** A row of the file that is not imported, and why. */
export interface FeedbackImportRejection {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  reason: string;
}

/** An import's figures: while it runs, so far (`created` then counts the rows that would be created). */
export interface FeedbackImportReport {
  id: string;
  dryRun: boolean;
  state: FeedbackImportState;
  /** Rows read, the header aside. */
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
  /** The first rejected rows. */
  rejections: FeedbackImportRejection[];
  /** Why a failed import stopped. */
  error?: string;
  startedAt: string;
  finishedAt: string | null;
}

export type ImportCounts = Pick<FeedbackImportReport, 'rows' | 'created' | 'duplicates' | 'rejected'>;

/** What the report column keeps besides the counts. */
interface StoredReport {
  rejections: FeedbackImportRejection[];
  error?: string;
}

export async function insertFeedbackImport(db: Queryable, params: { boardId: string; dryRun: boolean; createdBy: string }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'INSERT INTO feedback_imports (board_id, dry_run, created_by) VALUES ($1, $2, $3) RETURNING id',
    [params.boardId, params.dryRun, params.createdBy],
  );
  return row!.id;
}

/** Saves how far a running import is, for `GET /feedback/imports/{id}` from another request. */
export async function saveImportProgress(db: Queryable, id: string, counts: ImportCounts, report: StoredReport): Promise<void> {
  await db.query(
    `UPDATE feedback_imports SET rows_read = $2, created = $3, duplicates = $4, rejected = $5, report = $6::jsonb WHERE id = $1`,
    [id, counts.rows, counts.created, counts.duplicates, counts.rejected, JSON.stringify(report)],
  );
}

/** Ends an import with its final figures. */
export async function finishFeedbackImport(
  db: Queryable,
  id: string,
  state: Exclude<FeedbackImportState, 'running'>,
  counts: ImportCounts,
  report: StoredReport,
): Promise<void> {
  await saveImportProgress(db, id, counts, report);
  await db.query(`UPDATE feedback_imports SET state = $2, finished_at = now() WHERE id = $1`, [id, state]);
}

interface FeedbackImportRow {
  id: string;
  dry_run: boolean;
  state: FeedbackImportState;
  rows_read: number;
  created: number;
  duplicates: number;
  rejected: number;
  report: StoredReport | string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}

const FEEDBACK_IMPORT_SELECT =
  'SELECT id, dry_run, state, rows_read, created, duplicates, rejected, report, started_at, finished_at FROM feedback_imports';

function toFeedbackImport(row: FeedbackImportRow): FeedbackImportReport {
  const report: StoredReport = typeof row.report === 'string' ? JSON.parse(row.report) : (row.report ?? { rejections: [] });
  return {
    id: row.id,
    dryRun: row.dry_run,
    state: row.state,
    rows: row.rows_read,
    created: row.created,
    duplicates: row.duplicates,
    rejected: row.rejected,
    rejections: report.rejections,
    ...(report.error ? { error: report.error } : {}),
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
  };
}

export async function findFeedbackImport(db: Queryable, id: string): Promise<FeedbackImportReport | undefined> {
  const [row] = await db.query<FeedbackImportRow>(`${FEEDBACK_IMPORT_SELECT} WHERE id = $1`, [id]);
  return row ? toFeedbackImport(row) : undefined;
}

/** The latest imports, newest first: how a client finds the one it is uploading. */
export async function latestFeedbackImports(db: Queryable, limit: number): Promise<FeedbackImportReport[]> {
  const rows = await db.query<FeedbackImportRow>(`${FEEDBACK_IMPORT_SELECT} ORDER BY started_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map(toFeedbackImport);
}

/** A checked row of the file, as receiveFeedback would store it. */
export interface StagedRow {
  row: number;
  item: Omit<FeedbackItemInsert, 'boardId'>;
}

/**
 * Stages a batch of rows in one statement and answers how many were staged. A row is not staged
 * when its feedback is already an item of its source, or already staged by this import (an earlier
 * row, or an earlier one of the batch): the same dedupe as feedback_items' unique indexes, by
 * source id where the row has one, else by content.
 */
export async function stageImportRows(db: Queryable, importId: string, source: string, rows: readonly StagedRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(of: (row: StagedRow) => T) => rows.map(of);
  const staged = await db.query(
    `INSERT INTO feedback_import_rows (import_id, row_number, dedupe_key, source_id, content_hash, title, text,
                                      author_name, author_email, author_company, received_at)
     SELECT $1, r.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                $9::text[], $10::text[], $11::timestamptz[])
              AS r(row_number, dedupe_key, source_id, content_hash, title, text, author_name, author_email,
                   author_company, received_at)
      WHERE NOT EXISTS (SELECT 1 FROM feedback_items f WHERE f.source = $12 AND f.source_id = r.source_id)
        AND NOT EXISTS (SELECT 1 FROM feedback_items f
                         WHERE r.source_id IS NULL AND f.source = $12 AND f.source_id IS NULL AND f.content_hash = r.content_hash)
      ORDER BY r.row_number
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      importId,
      column((r) => r.row),
      column((r) => (r.item.sourceId === null ? `content:${r.item.contentHash}` : `id:${r.item.sourceId}`)),
      column((r) => r.item.sourceId),
      column((r) => r.item.contentHash),
      column((r) => r.item.title),
      column((r) => r.item.text),
      column((r) => r.item.author.name),
      column((r) => r.item.author.email),
      column((r) => r.item.author.company),
      column((r) => r.item.receivedAt),
      source,
    ],
  );
  return staged.length;
}

/**
 * Moves up to `limit` of an import's staged rows (the first by row number) into feedback_items in
 * one statement: they leave the staging table as they become items, so a move cut short by a crash
 * goes on where it stopped. Answers how many rows it moved and how many items it created: fewer
 * when another import stored some of the same feedback meanwhile.
 */
export async function storeStagedRows(
  tx: Queryable,
  importId: string,
  params: { boardId: string; source: string; limit: number },
): Promise<{ moved: number; created: number }> {
  const [row] = await tx.query<{ moved: number; created: number }>(
    `WITH moved AS (
       DELETE FROM feedback_import_rows
        WHERE import_id = $1
          AND row_number IN (SELECT row_number FROM feedback_import_rows WHERE import_id = $1 ORDER BY row_number LIMIT $4)
       RETURNING row_number, source_id, content_hash, title, text, author_name, author_email, author_company, received_at),
     stored AS (
       INSERT INTO feedback_items (board_id, source, source_id, content_hash, title, text, author_name, author_email,
                                   author_company, received_at)
       SELECT $2, $3, source_id, content_hash, title, text, author_name, author_email, author_company, received_at
         FROM moved ORDER BY row_number
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM stored)::int AS created`,
    [importId, params.boardId, params.source, params.limit],
  );
  return row!;
}

/** Forgets an import's staged rows (after its end, whatever it was). */
export async function dropStagedRows(db: Queryable, importId: string): Promise<void> {
  await db.query('DELETE FROM feedback_import_rows WHERE import_id = $1', [importId]);
}
