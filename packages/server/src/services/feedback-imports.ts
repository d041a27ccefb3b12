import { SaysoError, type FeedbackSource, type NewFeedbackItem } from '@sayso/core';
import { csvRows } from '../csv/csv-rows.js';
import type { Database } from '../db/database.js';
import {
  dropStagedRows,
  finishFeedbackImport,
  findFeedbackImport,
  insertFeedbackImport,
  saveImportProgress,
  stageImportRows,
  storeStagedRows,
  type FeedbackImportRejection,
  type FeedbackImportReport,
  type ImportCounts,
  type StagedRow,
} from '../db/feedback-imports.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { boardIdFor, checkFeedback } from './feedback.js';
import { record } from './record.js';

/** The fields a column of the file can be, as `map.<field>=<column>` names them. */
export const IMPORT_FIELDS = ['text', 'title', 'email', 'name', 'company', 'date', 'sourceId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column (by its header) holds which field; the text is required. */
export type ImportMap = { text: string } & Partial<Record<ImportField, string>>;

const SOURCE: FeedbackSource = 'csv';

/** Rows staged per statement: a few hundred keeps each statement short and the round trips few. */
const BATCH_ROWS = 500;
/** A slow upload still shows progress: a batch is also staged when this long has passed. */
const BATCH_MS = 1000;
/** Staged rows made items per transaction at the end of a real run. */
const MOVE_ROWS = 5000;
/** How many rejected rows a report lists (all are counted). */
export const REJECTIONS_LISTED = 100;

/** The column index of each mapped field, from the header; a name that is not a column is `invalid_input`. */
function columnsOf(header: string[], map: ImportMap): Map<ImportField, number> {
  const names = header.map((name) => name.trim());
  const columns = new Map<ImportField, number>();
  for (const field of IMPORT_FIELDS) {
    const name = map[field]?.trim();
    if (name === undefined) continue;
    const index = names.indexOf(name);
    if (index === -1) {
      throw new SaysoError('invalid_input', `map.${field} names the column "${name}", which the file does not have; its columns are ${names.map((n) => `"${n}"`).join(', ')}.`, {
        problems: [{ field: `map.${field}`, message: `There is no column "${name}".` }],
        columns: names,
      });
    }
    if (names.indexOf(name, index + 1) !== -1) {
      throw new SaysoError('invalid_input', `map.${field} names the column "${name}", which the file has twice: rename one.`, {
        problems: [{ field: `map.${field}`, message: `The column "${name}" is there twice.` }],
      });
    }
    columns.set(field, index);
  }
  return columns;
}

/** A row as the feedback every channel hands over. */
function feedbackOf(cells: string[], columns: Map<ImportField, number>): NewFeedbackItem {
  const cell = (field: ImportField) => {
    const index = columns.get(field);
    return index === undefined ? null : cells[index]!;
  };
  return {
    text: cell('text')!,
    title: cell('title'),
    sourceId: cell('sourceId'),
    author: { email: cell('email'), name: cell('name'), company: cell('company') },
    // An empty date cell is "when imported", as a channel that gives none.
    receivedAt: cell('date')?.trim() || undefined,
  };
}

/**
 * Imports feedback from a CSV body as it streams in: the header names the columns, `map` says
 * which is which. Each row goes through every channel's checks and dedupe (checkFeedback); a row
 * that fails them is rejected and reported, the import goes on. Rows are staged a batch at a time
 * (the run's `rows_read` grows with each, for `GET /feedback/imports/{id}`) and become items only
 * once the whole file has been read, so a file that breaks halfway leaves no item.
 * A dry run reads and checks the same way, then stores nothing.
 */
export async function importFeedbackCsv(
  db: Database,
  params: { body: ReadableStream<Uint8Array>; map: ImportMap; board?: string; dryRun: boolean; actor: Actor },
): Promise<FeedbackImportReport> {
  const boardId = await boardIdFor(db, params.board);
  const actorId = await ensureUser(db, params.actor.key);
  const importId = await insertFeedbackImport(db, { boardId, dryRun: params.dryRun, createdBy: actorId });
  const counts: ImportCounts = { rows: 0, created: 0, duplicates: 0, rejected: 0 };
  const rejections: FeedbackImportRejection[] = [];
  const reject = (row: number, reason: string) => {
    counts.rejected++;
    if (rejections.length < REJECTIONS_LISTED) rejections.push({ row, reason });
  };
  /** Items created so far by the end of a real run. */
  let stored = 0;
  try {
    let columns: Map<ImportField, number> | undefined;
    let batch: StagedRow[] = [];
    let batchStarted = Date.now();
    const stage = async () => {
      const staged = await stageImportRows(db, importId, SOURCE, batch);
      counts.created += staged;
      counts.duplicates += batch.length - staged;
      batch = [];
      batchStarted = Date.now();
      await saveImportProgress(db, importId, counts, { rejections });
    };
    for await (const { row, cells } of csvRows(params.body)) {
      if (!columns) {
        columns = columnsOf(cells, params.map);
        continue;
      }
      counts.rows++;
      const { problems, insert } = checkFeedback(SOURCE, feedbackOf(cells, columns));
      if (problems) reject(row, problems.map((problem) => problem.message).join(' '));
      else batch.push({ row, item: insert });
      if (batch.length >= BATCH_ROWS || Date.now() - batchStarted >= BATCH_MS) await stage();
    }
    if (!columns) throw new SaysoError('invalid_input', 'The file is empty: send a header row naming the columns, then one row per piece of feedback.');
    await stage();
    if (params.dryRun) {
      await finishFeedbackImport(db, importId, 'done', counts, { rejections });
    } else {
      // The file has been read and checked to its end; its rows become items 5,000 per transaction
      // so that other requests are not kept waiting on PGlite's one connection for the whole move:
      // 100,000 rows in one transaction held it for 31 s on a loaded machine (docs/csv-import.md).
      for (let moved = MOVE_ROWS; moved === MOVE_ROWS; ) {
        const chunk = await db.transaction((tx) => storeStagedRows(tx, importId, { boardId, source: SOURCE, limit: MOVE_ROWS }));
        moved = chunk.moved;
        stored += chunk.created;
      }
      // Stored meanwhile by another import of the same feedback: duplicates after all.
      counts.duplicates += counts.created - stored;
      counts.created = stored;
      await db.transaction(async (tx) => {
        await finishFeedbackImport(tx, importId, 'done', counts, { rejections });
        await record(tx, {
          type: 'feedback.imported',
          subject: { type: 'feedback_import', id: importId },
          actorId,
          payload: { source: SOURCE, ...counts },
        });
      });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Rows staged and not yet stored are dropped.
    await finishFeedbackImport(db, importId, 'failed', { ...counts, created: stored }, { rejections, error: message });
    throw error;
  } finally {
    // What is still staged: a dry run's rows, or those of a run that failed.
    await dropStagedRows(db, importId);
  }
  return (await findFeedbackImport(db, importId))!;
}

/** An import, running or finished, with its figures so far. */
export async function getFeedbackImport(db: Database, id: string): Promise<FeedbackImportReport> {
  const found = await findFeedbackImport(db, id);
  if (!found) throw new SaysoError('not_found', `There is no feedback import "${id}".`);
  return found;
}
