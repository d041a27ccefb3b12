import type { SavedView } from '@sayso/core';
import type { Queryable } from './database.js';
import { iso } from './rows.js';

// The admins' saved views of the ideas list (migration 0019).

interface SavedViewRow {
  id: string;
  name: string;
  params: Record<string, string> | string;
  created_at: Date | string;
}

const toSavedView = (row: SavedViewRow): SavedView => ({
  id: row.id,
  name: row.name,
  params: typeof row.params === 'string' ? (JSON.parse(row.params) as Record<string, string>) : row.params,
  createdAt: iso(row.created_at),
});

/** Every saved view, by name. */
export async function listSavedViews(db: Queryable): Promise<SavedView[]> {
  const rows = await db.query<SavedViewRow>('SELECT id, name, params, created_at FROM saved_views ORDER BY lower(name), id');
  return rows.map(toSavedView);
}

/** Stores a view; `undefined` when its name (case-insensitive) is taken. */
export async function insertSavedView(tx: Queryable, view: { name: string; params: Record<string, string>; createdBy: string }): Promise<SavedView | undefined> {
  const [row] = await tx.query<SavedViewRow>(
    `INSERT INTO saved_views (name, params, created_by) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT DO NOTHING RETURNING id, name, params, created_at`,
    [view.name, JSON.stringify(view.params), view.createdBy],
  );
  return row ? toSavedView(row) : undefined;
}

/** Deletes a view; the view as it was, or `undefined` when there was none. */
export async function deleteSavedView(tx: Queryable, id: string): Promise<SavedView | undefined> {
  const [row] = await tx.query<SavedViewRow>('DELETE FROM saved_views WHERE id = $1 RETURNING id, name, params, created_at', [id]);
  return row ? toSavedView(row) : undefined;
}
