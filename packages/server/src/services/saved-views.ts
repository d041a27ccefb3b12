import { SaysoError, type SavedView } from '@sayso/core';
import type { Database } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { deleteSavedView, insertSavedView } from '../db/saved-views.js';
import { record } from './record.js';

/** Saves a view of the ideas list for every admin: `saved_view.created`; a name taken is `conflict`. */
export async function saveView(db: Database, params: { name: string; params: Record<string, string>; actor: Actor }): Promise<SavedView> {
  return db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const saved = await insertSavedView(tx, { name: params.name, params: params.params, createdBy: actorId });
    if (!saved) throw new SaysoError('conflict', `There is a view named "${params.name}" already: pick another name, or delete that view first.`);
    await record(tx, { type: 'saved_view.created', subject: { type: 'saved_view', id: saved.id }, actorId, payload: { name: saved.name } });
    return saved;
  });
}

/** Deletes a saved view: `saved_view.deleted`; `not_found` for an unknown one. */
export async function deleteView(db: Database, params: { viewId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const actorId = await ensureUser(tx, params.actor.key);
    const deleted = await deleteSavedView(tx, params.viewId);
    if (!deleted) throw new SaysoError('not_found', `There is no saved view "${params.viewId}".`);
    await record(tx, { type: 'saved_view.deleted', subject: { type: 'saved_view', id: deleted.id }, actorId, payload: { name: deleted.name } });
  });
}
