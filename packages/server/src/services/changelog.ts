import { SaysoError, type ChangelogEntry, type KeysetPosition, type NewChangelogEntry, type NotificationAudience } from '@sayso/core';
import { boardIdOf, firstStatusOfKind } from '../db/boards.js';
import {
  canonicalsOnBoard,
  deleteEntry,
  findEntry,
  insertEntry,
  listEntries,
  lockEntry,
  markPublished,
  setEntryPosts,
  shippedBy,
  updateEntryText,
} from '../db/changelog.js';
import type { Database, Queryable } from '../db/database.js';
import type { DomainEventType } from '../db/events.js';
import { ensureUser, findUserId, type Actor } from '../db/identity.js';
import type { Slice } from '../db/rows.js';
import { lockPost } from '../db/posts.js';
import { audienceOf } from './audience.js';
import type { TellingOptions } from './notify.js';
import type { ChangelogPublishedPayload } from './outbox.js';
import { moveStatus } from './posts.js';
import { record } from './record.js';

/** A board's entries, newest first: published ones for everyone, drafts too for admins. */
export async function listChangelogEntries(
  db: Database,
  params: { board: string; admin: boolean; after: KeysetPosition | null; limit: number },
): Promise<Slice<ChangelogEntry> & { lastPosition?: KeysetPosition }> {
  const boardId = await boardIdOf(db, params.board);
  return listEntries(db, { boardId, drafts: params.admin, after: params.after, limit: params.limit });
}

/** Records a change to an entry (what it says and ships, never who is told). */
const recordEntry = async (tx: Queryable, type: DomainEventType, entryId: string, actorId: string, payload: Record<string, unknown>) =>
  record(tx, { type, subject: { type: 'changelog_entry', id: entryId }, actorId, payload });

/** Writes a draft of board `board`; its ideas are canonicals of that board. Records `changelog.created`. */
export async function createChangelogEntry(db: Database, params: { board: string; actor: Actor } & NewChangelogEntry): Promise<ChangelogEntry> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const postIds = await canonicalsOnBoard(tx, boardId, params.postIds ?? []);
    const createdBy = await ensureUser(tx, params.actor.key);
    const id = await insertEntry(tx, { boardId, title: params.title, body: params.body ?? '', createdBy });
    await setEntryPosts(tx, id, postIds);
    await recordEntry(tx, 'changelog.created', id, createdBy, { title: params.title, postIds });
    return findEntry(tx, id);
  });
}

/**
 * Changes an entry's title, body or ideas; a published entry keeps the ideas it shipped
 * (`conflict`). Records `changelog.updated` with what changed.
 */
export async function updateChangelogEntry(
  db: Database,
  params: { entryId: string; actor: Actor } & Partial<NewChangelogEntry>,
): Promise<ChangelogEntry> {
  return db.transaction(async (tx) => {
    const entry = await lockEntry(tx, params.entryId);
    if (params.postIds !== undefined) {
      if (entry.published) throw new SaysoError('conflict', 'A published entry keeps the ideas it shipped.');
      await setEntryPosts(tx, params.entryId, await canonicalsOnBoard(tx, entry.boardId, params.postIds));
    }
    await updateEntryText(tx, params.entryId, { title: params.title, body: params.body });
    const changed = (['title', 'body', 'postIds'] as const).filter((field) => params[field] !== undefined);
    if (changed.length > 0) await recordEntry(tx, 'changelog.updated', params.entryId, await ensureUser(tx, params.actor.key), { changed });
    return findEntry(tx, params.entryId);
  });
}

/** Deletes a draft; a published entry stays (`conflict`). Records `changelog.deleted`. */
export async function deleteChangelogEntry(db: Database, params: { entryId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const entry = await lockEntry(tx, params.entryId);
    if (entry.published) throw new SaysoError('conflict', 'A published entry stays: edit it instead.');
    await deleteEntry(tx, params.entryId);
    await recordEntry(tx, 'changelog.deleted', params.entryId, await ensureUser(tx, params.actor.key), { title: entry.title });
  });
}

/**
 * Publishes a draft in one transaction: every idea it ships that is not done yet moves to the
 * board's first status of kind done, quietly (its own move tells nobody: the entry does), and
 * `changelog.published` tells everyone following any of the ideas once, with the entry (the bell
 * and email, through the outbox). Publishing twice is a `conflict`, as is an entry with ideas on
 * a board without a done status.
 */
export async function publishChangelogEntry(db: Database, params: { entryId: string; actor: Actor } & TellingOptions): Promise<ChangelogEntry> {
  return db.transaction(async (tx) => {
    const entry = await lockEntry(tx, params.entryId);
    if (entry.published) throw new SaysoError('conflict', 'This entry is published already.');
    const postIds = await shippedBy(tx, params.entryId);
    const done = await firstStatusOfKind(tx, entry.boardId, 'done');
    if (!done && postIds.length > 0) throw new SaysoError('conflict', 'This board has no status of kind done to ship the ideas into.');
    const actorId = await ensureUser(tx, params.actor.key);
    for (const postId of postIds) {
      const post = await lockPost(tx, postId);
      if (post.statusKind !== 'done') await moveStatus(tx, { postId, post, status: done!, actorId, quiet: true });
    }
    await markPublished(tx, params.entryId);
    const published = await findEntry(tx, params.entryId);
    const payload: ChangelogPublishedPayload = { entryId: published.id, title: published.title, body: published.body, postIds, ...(done ? { to: done } : {}) };
    await record(tx, { type: 'changelog.published', subject: { type: 'changelog_entry', id: published.id }, actorId, payload: { ...payload } }, { fanoutPageSize: params.fanoutPageSize });
    return published;
  });
}

/** Who publishing an entry would tell (a dry run: nothing changes): everyone following any of its ideas, once. */
export async function previewChangelogEntry(db: Database, params: { entryId: string; actor: Actor; limit: number }): Promise<NotificationAudience> {
  return db.transaction(async (tx) => {
    await lockEntry(tx, params.entryId);
    const canonicalIds = await shippedBy(tx, params.entryId);
    const actorId = (await findUserId(tx, params.actor.key)) ?? null;
    return audienceOf(tx, { canonicalIds, actorId, limit: params.limit, webhookType: 'changelog.published', shipping: false });
  });
}
