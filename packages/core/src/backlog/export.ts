import { stringify } from 'csv-stringify/browser/esm/sync';
import { BACKLOG_CATEGORY_NAMES, BACKLOG_STATUS_NAMES } from './rules.js';
import type { BacklogExport, BacklogExportFormat, BacklogItem } from './types.js';

/**
 * A cell a spreadsheet will not run as a formula. Feedback and titles are written by strangers,
 * and Excel, LibreOffice and Google Sheets evaluate a cell starting with `=`, `+`, `-` or `@`
 * (or a tab or carriage return before one) when a CSV is opened, so such a cell is prefixed with
 * `'`, which they show as text (OWASP's advice for CSV injection).
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The export's columns, in order, each read from an item at its rank. */
const COLUMNS: ReadonlyArray<[header: string, value: (item: BacklogItem, rank: number) => string | number | boolean | null]> = [
  ['Rank', (_, rank) => rank],
  ['Title', (item) => item.title],
  ['Category', (item) => BACKLOG_CATEGORY_NAMES[item.category]],
  ['Status', (item) => BACKLOG_STATUS_NAMES[item.status]],
  ['Priority', (item) => item.priority.score],
  ['People', (item) => item.demand.people],
  ['Companies', (item) => item.demand.customers.companies.length],
  ['MRR', (item) => item.demand.customers.mrr],
  ['Ideas', (item) => item.demand.ideas],
  ['Feedback items', (item) => item.demand.feedback],
  ['Estimate', (item) => item.estimate],
  ['Risk', (item) => item.risk],
  ['Owner', (item) => item.owner],
  ['Next step', (item) => item.nextStep],
  ['Vague', (item) => item.vague],
  ['Stale', (item) => item.stale],
  ['Tracker links', (item) => item.trackerUrls.join(' ')],
  ['Updated', (item) => item.updatedAt],
  ['Id', (item) => item.id],
];

/**
 * The ranked backlog as a file for planning meetings: CSV (one row per item, text cells made
 * spreadsheet-safe) or JSON (the items as the API answers them, with their rank). `items` are in
 * rank order already.
 */
export function backlogExport(board: string, items: readonly BacklogItem[], format: BacklogExportFormat, now: Date): BacklogExport {
  const filename = `${board}-backlog-${now.toISOString().slice(0, 10)}.${format}`;
  if (format === 'json') {
    const ranked = items.map((item, index) => ({ rank: index + 1, ...item }));
    return { filename, contentType: 'application/json', body: `${JSON.stringify({ board, exportedAt: now.toISOString(), items: ranked }, null, 2)}\n` };
  }
  const rows = items.map((item, index) =>
    COLUMNS.map(([, value]) => {
      const cell = value(item, index + 1);
      return typeof cell === 'string' ? spreadsheetSafe(cell) : cell === null ? '' : String(cell);
    }),
  );
  // csv-stringify's defaults only: any option of its own makes it call Node's Buffer, which a
  // browser (where the memory adapter runs) has not.
  return { filename, contentType: 'text/csv; charset=utf-8', body: stringify([COLUMNS.map(([header]) => header), ...rows]) };
}
