import {
  SaysoError,
  LIMITS,
  assertUnchangedSince,
  backlogItemView,
  capacityReport,
  capacityWindowStart,
  checkBacklogItem,
  checkCapacitySettings,
  publicBacklog,
  compareBacklogRank,
  requesterKey,
  type BacklogFilters,
  type BacklogItem,
  type BacklogItemFields,
  type BacklogItemRecord,
  type BacklogItemSnapshot,
  type BacklogSuggestions,
  type CapacityReport,
  type CapacitySettings,
  type InputProblem,
  type PublicBacklogItem,
} from '@sayso/core';
import {
  backlogItemRow,
  backlogItemRows,
  backlogPeople,
  backlogSettings,
  deleteBacklogItemRow,
  deleteEvidence,
  doneWorkSince,
  evidenceCounts,
  existingPostIds,
  feedbackAuthors,
  insertBacklogItem,
  insertEvidence,
  itemDates,
  linkedIds,
  lockBacklogItem,
  lockBacklogSettings,
  noSuchBacklogItem,
  recentFeedback,
  saveBacklogSettings,
  touchBacklogItem,
  updateBacklogItemFields,
  type BacklogItemRow,
} from '../db/backlog.js';
import { boardIdOf } from '../db/boards.js';
import { requesterUserId } from '../db/customer-requests.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { boardPriorityFormulaById } from '../db/priority.js';
import { moveBacklogItem } from './backlog-status.js';
import { formulaOrDefault, personValue } from './demand.js';
import { record } from './record.js';
import type { SimilarPosts } from './similar-posts.js';

// The engineering backlog (issue 14): each change is one transaction recording its event; an
// item's status only ever changes through moveBacklogItem (services/backlog-status.ts), so done
// dates it and tells its people once. Demand, priority, flags and rank are core's rules over what
// db/backlog.ts reads, as the memory adapter computes them.

const subjectOf = (itemId: string) => ({ type: 'backlog_item' as const, id: itemId });

const refuse = (problems: InputProblem[]) => {
  if (problems.length > 0) throw new SaysoError('invalid_input', problems.map((problem) => problem.message).join(' '), { problems });
};

/** Trimmed text fields, as checkBacklogItem checks them. */
function trimmed<T extends Partial<BacklogItemFields>>(fields: T): T {
  return {
    ...fields,
    ...(fields.title !== undefined ? { title: fields.title.trim() } : {}),
    ...(typeof fields.owner === 'string' ? { owner: fields.owner.trim() || null } : {}),
    ...(fields.trackerUrls !== undefined ? { trackerUrls: fields.trackerUrls.map((url) => url.trim()) } : {}),
  };
}

/**
 * Items as admins see them, ranked (core's compareBacklogRank): each with its demand (the
 * distinct people behind all its evidence and their customer value), its priority under the
 * board's formula and risk weight, and its vague and stale flags.
 */
async function rankedItems(db: Queryable, boardId: string, rows: readonly BacklogItemRow[], now = new Date()): Promise<BacklogItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [settings, formula, people, counts] = await Promise.all([
    backlogSettings(db, boardId),
    boardPriorityFormulaById(db, boardId),
    backlogPeople(db, ids),
    evidenceCounts(db, ids),
  ]);
  const peopleOf = new Map<string, typeof people>();
  for (const person of people) {
    const behind = peopleOf.get(person.item_id);
    if (behind) behind.push(person);
    else peopleOf.set(person.item_id, [person]);
  }
  const countsOf = new Map(counts.map((count) => [count.item_id, count]));
  const weights = formulaOrDefault(formula);
  return rows
    .map((row): BacklogItem => {
      const behind = {
        people: (peopleOf.get(row.id) ?? []).map((person) => personValue(person.traits ?? {}, person.company)),
        ideas: countsOf.get(row.id)?.ideas ?? 0,
        feedback: countsOf.get(row.id)?.feedback ?? 0,
      };
      const item: BacklogItemRecord = {
        id: row.id,
        board: row.board,
        title: row.title,
        description: row.description,
        nextStep: row.next_step,
        category: row.category,
        status: row.status,
        estimate: row.estimate,
        risk: row.risk,
        owner: row.owner,
        trackerUrls: row.tracker_urls,
        public: row.public,
        ...itemDates(row),
      };
      return backlogItemView(item, behind, { formula: weights, settings, now });
    })
    .sort(compareBacklogRank);
}

/** A board's backlog narrowed by the filters, ranked. */
export async function listBacklog(db: Queryable, params: { board: string } & BacklogFilters): Promise<BacklogItem[]> {
  const boardId = await boardIdOf(db, params.board);
  const items = await rankedItems(db, boardId, await backlogItemRows(db, boardId, params));
  return items.filter((item) => (params.vague === undefined || item.vague === params.vague) && (params.stale === undefined || item.stale === params.stale));
}

/** One item; `not_found` for an unknown one. */
export async function getBacklogItem(db: Queryable, itemId: string): Promise<BacklogItem> {
  const row = await backlogItemRow(db, itemId);
  if (!row) throw noSuchBacklogItem(itemId);
  return (await rankedItems(db, row.board_id, [row]))[0]!;
}

/** Adds an item to a board's backlog (`backlog.created`); a status other than `proposed` is a move from it. */
export async function createBacklogItem(db: Database, params: { board: string; actor: Actor } & BacklogItemFields): Promise<BacklogItem> {
  const { board, actor, status, ...given } = params;
  const fields = trimmed(given);
  refuse(checkBacklogItem({ ...fields, status }));
  const itemId = await db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, board);
    const actorId = await ensureUser(tx, actor.key);
    const id = await insertBacklogItem(tx, { ...fields, boardId, createdBy: actorId });
    await record(tx, { type: 'backlog.created', subject: subjectOf(id), actorId, payload: { board, title: fields.title, category: fields.category } });
    if (status !== undefined) await moveBacklogItem(tx, { itemId: id, to: status, actorId });
    return id;
  });
  return getBacklogItem(db, itemId);
}

/**
 * Changes an item's fields (those left out stay; `backlog.updated` naming them) and its status
 * through moveBacklogItem. With `expected`, `conflict` when it changed since it was seen.
 */
export async function updateBacklogItem(
  db: Database,
  params: { itemId: string; expected?: BacklogItemSnapshot; actor: Actor } & Partial<BacklogItemFields>,
): Promise<BacklogItem> {
  const { itemId, expected, actor, status, ...given } = params;
  const fields = trimmed(given);
  refuse(checkBacklogItem({ ...fields, status }, { partial: true }));
  await db.transaction(async (tx) => {
    const now = await lockBacklogItem(tx, itemId);
    assertUnchangedSince(now, expected);
    const actorId = await ensureUser(tx, actor.key);
    const changed = Object.keys(fields).filter((field) => fields[field as keyof typeof fields] !== undefined);
    if (status !== undefined) await moveBacklogItem(tx, { itemId, to: status, actorId });
    if (changed.length === 0) return;
    await updateBacklogItemFields(tx, itemId, fields);
    await record(tx, { type: 'backlog.updated', subject: subjectOf(itemId), actorId, payload: { fields: changed } });
  });
  return getBacklogItem(db, itemId);
}

/** Deletes an item and its evidence links (`backlog.deleted`); the ideas and feedback stay. */
export async function deleteBacklogItem(db: Database, params: { itemId: string; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockBacklogItem(tx, params.itemId);
    const deleted = await deleteBacklogItemRow(tx, params.itemId);
    const actorId = await ensureUser(tx, params.actor.key);
    await record(tx, { type: 'backlog.deleted', subject: subjectOf(params.itemId), actorId, payload: { ...deleted } });
  });
}

/** The ids among `asked` that name nothing, as `invalid_input` naming each. */
function unknownIds(field: 'postIds' | 'feedbackItemIds', asked: readonly string[], found: ReadonlySet<string>): InputProblem[] {
  const what = field === 'postIds' ? 'idea' : 'feedback item';
  return asked.filter((id) => !found.has(id)).map((id) => ({ field, message: `There is no ${what} "${id}".` }));
}

/**
 * Links ideas and feedback items to an item (`backlog.evidence_linked` naming those newly
 * linked; nothing when all already were). A feedback item's author becomes the users row a link to
 * an idea makes of them (requesterUserId: their signed-in identity when their email has one), so
 * they count once however they asked. Unknown ids link nothing.
 */
export async function linkBacklogEvidence(
  db: Database,
  params: { itemId: string; postIds?: string[]; feedbackItemIds?: string[]; actor: Actor },
): Promise<BacklogItem> {
  const postIds = [...new Set(params.postIds ?? [])];
  const feedbackItemIds = [...new Set(params.feedbackItemIds ?? [])];
  await db.transaction(async (tx) => {
    await lockBacklogItem(tx, params.itemId);
    const [posts, authors] = await Promise.all([existingPostIds(tx, postIds), feedbackAuthors(tx, feedbackItemIds)]);
    refuse([
      ...unknownIds('postIds', postIds, posts),
      ...unknownIds('feedbackItemIds', feedbackItemIds, new Set(authors.map((author) => author.id))),
    ]);
    const actorId = await ensureUser(tx, params.actor.key);
    const linked = { postIds: [] as string[], feedbackItemIds: [] as string[] };
    for (const postId of postIds) {
      if (await insertEvidence(tx, { itemId: params.itemId, postId, addedBy: actorId })) linked.postIds.push(postId);
    }
    for (const author of authors) {
      const userId = author.name || author.email ? await requesterUserId(tx, requesterKey({ name: author.name ?? undefined, email: author.email ?? undefined }), author.email) : null;
      if (await insertEvidence(tx, { itemId: params.itemId, feedbackItemId: author.id, userId, addedBy: actorId })) linked.feedbackItemIds.push(author.id);
    }
    if (linked.postIds.length + linked.feedbackItemIds.length === 0) return;
    await touchBacklogItem(tx, params.itemId);
    await record(tx, { type: 'backlog.evidence_linked', subject: subjectOf(params.itemId), actorId, payload: linked });
  });
  return getBacklogItem(db, params.itemId);
}

/** Removes one piece of an item's evidence (`backlog.evidence_unlinked`); `not_found` when it is not the item's. */
export async function unlinkBacklogEvidence(db: Database, params: { itemId: string; evidenceId: string; actor: Actor }): Promise<BacklogItem> {
  await db.transaction(async (tx) => {
    await lockBacklogItem(tx, params.itemId);
    const removed = await deleteEvidence(tx, params.itemId, params.evidenceId);
    if (!removed) throw new SaysoError('not_found', `The backlog item has no evidence "${params.evidenceId}".`);
    await touchBacklogItem(tx, params.itemId);
    const actorId = await ensureUser(tx, params.actor.key);
    await record(tx, { type: 'backlog.evidence_unlinked', subject: subjectOf(params.itemId), actorId, payload: { evidenceId: params.evidenceId, ...removed } });
  });
  return getBacklogItem(db, params.itemId);
}

/**
 * How many of a board's newest feedback items a suggestion compares: they are sent to the index
 * thread and indexed there for the one lookup, so the work is bounded (see docs/benchmarks.md)
 * rather than growing with the board's history. Older feedback is found through the inbox.
 */
export const SUGGESTED_FEEDBACK_SCOPE = 500;
/** Characters of each feedback item compared, as much as a similar-ideas lookup reads. */
const FEEDBACK_TEXT_COMPARED = LIMITS.similarTextMax;

/**
 * Ideas of the item's board and its newest feedback items (not put aside) that look like the
 * item's title, description and next step, not linked yet, most similar first; scores 0–1, none
 * under the floor of similar ideas. Both are compared by the similarity engine in its thread.
 */
export async function suggestBacklogEvidence(
  db: Queryable,
  similarPosts: SimilarPosts,
  params: { itemId: string; limit: number; viewer: string | null },
): Promise<BacklogSuggestions> {
  const item = await backlogItemRow(db, params.itemId);
  if (!item) throw noSuchBacklogItem(params.itemId);
  const text = [item.title, item.description, item.next_step].filter(Boolean).join('\n');
  const linked = await linkedIds(db, item.id);
  const candidates = (await recentFeedback(db, item.board_id, SUGGESTED_FEEDBACK_SCOPE)).filter((each) => !linked.feedbackItemIds.has(each.id));
  const [ideas, feedback] = await Promise.all([
    similarPosts.search({ board: item.board, text, limit: params.limit + linked.postIds.size, viewer: params.viewer }),
    similarPosts.rankTexts({
      documents: candidates.map((each) => ({ id: each.id, title: each.title ?? '', body: each.text.slice(0, FEEDBACK_TEXT_COMPARED) })),
      text,
      limit: params.limit,
    }),
  ]);
  const byId = new Map(candidates.map((each) => [each.id, each]));
  return {
    ideas: ideas
      .filter((hit) => !linked.postIds.has(hit.post.id))
      .slice(0, params.limit)
      .map(({ post, score }) => ({ id: post.id, title: post.title, people: post.peopleCount, score })),
    feedback: feedback.map((hit) => {
      const { id, source, title, text: words } = byId.get(hit.id)!;
      return { id, source, title, text: words, score: hit.score };
    }),
  };
}

/** A board's capacity: its targets beside the actual shares of the effort done in the window. */
export async function getCapacity(db: Queryable, params: { board: string; now?: Date }): Promise<CapacityReport> {
  const boardId = await boardIdOf(db, params.board);
  const now = params.now ?? new Date();
  const settings = await backlogSettings(db, boardId);
  const done = await doneWorkSince(db, boardId, capacityWindowStart(now, settings.windowWeeks));
  return capacityReport({ board: params.board, settings, now, done });
}

/** Sets a board's capacity settings (those left out stay; `backlog.settings_changed`). */
export async function setCapacitySettings(db: Database, params: { board: string; actor: Actor } & Partial<CapacitySettings>): Promise<CapacityReport> {
  const { board, actor, ...change } = params;
  refuse(checkCapacitySettings(change));
  await db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, board);
    await lockBacklogSettings(tx, boardId);
    const settings = { ...(await backlogSettings(tx, boardId)), ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
    await saveBacklogSettings(tx, boardId, settings);
    const actorId = await ensureUser(tx, actor.key);
    await record(tx, { type: 'backlog.settings_changed', subject: { type: 'board', id: boardId }, actorId, payload: { board, settings } });
  });
  return getCapacity(db, { board });
}

/** What visitors see: public items not dropped, in progress first, then planned, proposed and done (newest first), each by rank. */
export async function listPublicBacklog(db: Queryable, params: { board: string }): Promise<PublicBacklogItem[]> {
  return publicBacklog(await listBacklog(db, params));
}
