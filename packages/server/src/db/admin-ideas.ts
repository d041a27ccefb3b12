import type { AdminIdeaColumn, AdminIdeaFilters, AdminIdeaPosition, AdminIdeaRow, AdminIdeaSort, Tag } from '@sayso/core';
import type { Queryable } from './database.js';
import { IN_OPEN_PAIR } from './duplicates.js';
import { POST_TAGS, filterClauses } from './posts.js';
import { cursorText, iso, type Slice } from './rows.js';

// The admins' list of every board's ideas (migration 0019): each sort column is a column of
// posts with its own index over the canonical ideas, (column, id), so a page is an index range
// read from the cursor's position, whatever the sort and however many ideas there are.

/** What narrows the list (core's AdminIdeaFilters, the board as its id, the dates as instants), and where a page starts. */
export type AdminIdeaListQuery = Omit<AdminIdeaFilters, 'board'> & {
  boardId?: string;
  sort: AdminIdeaSort;
  after: AdminIdeaPosition | null;
  limit: number;
};

/** Each column as SQL over `p`, its cursor text, and the type that text is read back as. */
const COLUMNS: Record<Exclude<AdminIdeaColumn, 'board'>, { sql: string; text: string; type: string }> = {
  title: { sql: 'p.title COLLATE "C"', text: 'p.title', type: 'text' },
  status: { sql: 'p.status_key COLLATE "C"', text: 'p.status_key', type: 'text' },
  people: { sql: 'p.people_count', text: 'p.people_count::text', type: 'integer' },
  mrr: { sql: 'p.customer_mrr', text: 'p.customer_mrr::text', type: 'float8' },
  priority: { sql: 'p.priority_score', text: 'p.priority_score::text', type: 'numeric' },
  evidence: { sql: 'p.evidence_count', text: 'p.evidence_count::text', type: 'integer' },
  lastActivity: { sql: 'p.last_activity_at', text: cursorText('p.last_activity_at'), type: 'timestamptz' },
  created: { sql: 'p.created_at', text: cursorText('p.created_at'), type: 'timestamptz' },
};

interface AdminIdeaDbRow {
  id: string;
  title: string;
  board: string;
  status: string;
  people_count: number;
  customer_mrr: number | string;
  priority_score: number | string;
  evidence_count: number;
  tags: Tag[] | string;
  created_at: Date | string;
  last_activity_at: Date | string;
  sort_value: string;
}

const toRow = (row: AdminIdeaDbRow): AdminIdeaRow => ({
  id: row.id,
  title: row.title,
  board: row.board,
  status: row.status,
  peopleCount: row.people_count,
  mrr: Number(row.customer_mrr),
  priority: Number(row.priority_score),
  evidenceCount: row.evidence_count,
  tags: typeof row.tags === 'string' ? (JSON.parse(row.tags) as Tag[]) : row.tags,
  createdAt: iso(row.created_at),
  lastActivityAt: iso(row.last_activity_at),
});

/** The conditions of the filters, their values added through `param`. Only canonicals are listed. */
function filterWhere(query: AdminIdeaListQuery, param: (value: unknown) => string): string[] {
  // Said literally, so the planner may use the partial indexes of migration 0019.
  const where = ['p.merged_into IS NULL', ...filterClauses(query, param, 'p.board_id')];
  if (query.boardId !== undefined) where.push(`p.board_id = ${param(query.boardId)}`);
  if (query.source !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM feedback_items f
                  WHERE f.source = ${param(query.source)}
                    AND f.post_id IN (SELECT p.id UNION ALL SELECT t.id FROM posts t WHERE t.canonical_id = p.id))`);
  }
  if (query.hasDuplicates !== undefined) where.push(query.hasDuplicates ? IN_OPEN_PAIR : `NOT ${IN_OPEN_PAIR}`);
  if (query.minPeople !== undefined) where.push(`p.people_count >= ${param(query.minPeople)}`);
  if (query.createdFrom !== undefined) where.push(`p.created_at >= ${param(query.createdFrom)}::timestamptz`);
  if (query.createdTo !== undefined) where.push(`p.created_at < ${param(query.createdTo)}::timestamptz`);
  return where;
}

/** Up to `limit` rows matching `where`, in `order`, each with its sort value as `sortText`. */
async function readRows(db: Queryable, where: string[], values: unknown[], order: string, sortText: string, limit: number): Promise<AdminIdeaDbRow[]> {
  return db.query<AdminIdeaDbRow>(
    `SELECT p.id, p.title, b.slug AS board, p.status_key AS status, p.people_count, p.customer_mrr, p.priority_score,
            p.evidence_count, ${POST_TAGS} AS tags, p.created_at, p.last_activity_at, ${sortText} AS sort_value
       FROM posts p JOIN boards b ON b.id = p.board_id
      WHERE ${where.join(' AND ')}
      ORDER BY ${order}
      LIMIT ${limit}`,
    values,
  );
}

/** One page of the list in its sort, strictly after `after`, and the position of its last row. */
export async function listAdminIdeas(db: Queryable, query: AdminIdeaListQuery): Promise<Slice<AdminIdeaRow> & { lastPosition?: AdminIdeaPosition }> {
  const rows = query.sort.column === 'board' ? await byBoard(db, query) : await byColumn(db, query, query.sort.column);
  const kept = rows.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map(toRow),
    hasMore: rows.length > query.limit,
    ...(last ? { lastPosition: { sort: query.sort, value: last.sort_value, id: last.id } } : {}),
  };
}

async function byColumn(db: Queryable, query: AdminIdeaListQuery, column: keyof typeof COLUMNS): Promise<AdminIdeaDbRow[]> {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where = filterWhere(query, param);
  const { sql, text, type } = COLUMNS[column];
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  if (query.after) {
    const value = type === 'text' ? `${param(query.after.value)}::text COLLATE "C"` : `${param(query.after.value)}::${type}`;
    where.push(`(${sql}, p.id) ${direction === 'ASC' ? '>' : '<'} (${value}, ${param(query.after.id)}::uuid)`);
  }
  return readRows(db, where, values, `${sql} ${direction}, p.id ${direction}`, text, query.limit + 1);
}

/**
 * By board: boards are few, so each is read in turn, in slug order, its ideas by id on
 * posts_admin_board_idx, until the page is full: a join ordered by slug would read every idea.
 */
async function byBoard(db: Queryable, query: AdminIdeaListQuery): Promise<AdminIdeaDbRow[]> {
  const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const boards = await db.query<{ id: string; slug: string }>(
    `SELECT id::text AS id, slug FROM boards ORDER BY slug COLLATE "C" ${direction}`,
  );
  const rows: AdminIdeaDbRow[] = [];
  for (const board of boards) {
    if (query.boardId !== undefined && board.id !== query.boardId) continue;
    const after = query.after;
    if (after && (direction === 'ASC' ? board.slug < after.value : board.slug > after.value)) continue;
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const where = [...filterWhere({ ...query, boardId: board.id }, param)];
    if (after && board.slug === after.value) where.push(`p.id ${direction === 'ASC' ? '>' : '<'} ${param(after.id)}::uuid`);
    rows.push(...(await readRows(db, where, values, `p.id ${direction}`, 'b.slug', query.limit + 1 - rows.length)));
    if (rows.length > query.limit) break;
  }
  return rows;
}
