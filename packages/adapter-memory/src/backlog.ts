import {
  BACKLOG_ITEM_DEFAULTS,
  DEFAULT_CAPACITY_SETTINGS,
  DEFAULT_PRIORITY_FORMULA,
  LIMITS,
  SaysoError,
  SimilarityIndex,
  assertUnchangedSince,
  backlogExport,
  backlogItemView,
  capacityReport,
  capacityWindowStart,
  checkBacklogItem,
  checkCapacitySettings,
  compareBacklogRank,
  feedbackPersonKey,
  feedbackRequest,
  findSimilarHits,
  isBacklogCategory,
  publicBacklog,
  isBacklogStatus,
  newestFirst,
  requesterKey,
  similarLimit,
  type BacklogEvidence,
  type BacklogFilters,
  type BacklogItem,
  type BacklogItemFields,
  type BacklogStatus,
  type CapacityReport,
  type CapacitySettings,
  type FeedbackItem,
  type PersonValue,
  type SaysoAdapter,
  type SaysoAdminApi,
} from '@sayso/core';
import { canonicalPost, mergeTree, nextTime, refOf, statusKindOf, type MemoryData, type StoredBacklogEvidence, type StoredBacklogItem } from './data.js';
import { peopleValues } from './demand.js';
import { notify } from './notifications.js';
import { matchesSearch } from './posts.js';
import { similarPostHits } from './similar.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** How many of a board's newest feedback items a suggestion compares, so one lookup stays quick however much feedback came in. */
const SUGGESTED_FEEDBACK_POOL = 2_000;


/** A board's capacity settings: the admins', else core's defaults. */
const settingsOf = (data: MemoryData, board: string): CapacitySettings => data.capacitySettings.get(board) ?? { ...DEFAULT_CAPACITY_SETTINGS };

/**
 * The person behind a feedback item, keyed as a request on their behalf is (core's `requesterKey`
 * over `feedbackRequest`), so someone who asked for an idea and wrote the feedback counts once;
 * an item naming nobody is a person of its own (core's `feedbackPersonKey`).
 */
function feedbackPerson(item: FeedbackItem): [key: string, value: PersonValue] {
  const asked = feedbackRequest(item);
  const key = asked ? `request:${requesterKey(asked)}` : `feedback:${feedbackPersonKey(item)}`;
  return [key, { company: item.author.company, mrr: null, plan: null }];
}

/** The people of a linked idea: its canonical's, merged ideas and on-behalf requests included. */
const ideaPeople = (data: MemoryData, postId: string) => peopleValues(data, mergeTree(data, canonicalPost(data, data.posts.get(postId)!)));

/** Everyone behind an item's evidence, each once, by person key, with what they are worth. */
function peopleBehind(data: MemoryData, item: StoredBacklogItem): Map<string, PersonValue> {
  const people = new Map<string, PersonValue>();
  for (const evidence of item.evidence) {
    if (evidence.postId !== null) for (const [key, value] of ideaPeople(data, evidence.postId)) people.set(key, value);
    else people.set(...feedbackPerson(data.feedback.get(evidence.feedbackItemId!)!));
  }
  return people;
}

/** An item as admins read it: with its demand, priority and flags, as of `now`. */
function itemView(data: MemoryData, item: StoredBacklogItem, now: Date): BacklogItem {
  const { evidence, toldAt: _toldAt, ...fields } = item;
  const behind = {
    people: [...peopleBehind(data, item).values()],
    ideas: evidence.filter((piece) => piece.postId !== null).length,
    feedback: evidence.filter((piece) => piece.feedbackItemId !== null).length,
  };
  const formula = data.priorityFormulas.get(item.board) ?? DEFAULT_PRIORITY_FORMULA;
  return backlogItemView(fields, behind, { formula, settings: settingsOf(data, item.board), now });
}

/** Refuses filters the server refuses: an unknown category or status, a search that is not text. */
function checkBacklogFilters(filters: BacklogFilters): void {
  if (filters.category !== undefined && !isBacklogCategory(filters.category)) throw invalid(`There is no category "${String(filters.category)}".`, { field: 'category' });
  if (filters.status !== undefined && !isBacklogStatus(filters.status)) throw invalid(`There is no status "${String(filters.status)}".`, { field: 'status' });
  if (filters.q !== undefined && typeof filters.q !== 'string') throw invalid('q must be text.', { field: 'q' });
}

/** A board's items matching the filters, ranked (core's `compareBacklogRank`). */
function rankedBacklog(data: MemoryData, board: string, filters: BacklogFilters): BacklogItem[] {
  checkBacklogFilters(filters);
  const now = new Date();
  const q = filters.q?.trim();
  const matches = q ? matchesSearch(q) : () => true;
  return [...data.backlog.values()]
    .filter((item) => item.board === board)
    .filter((item) => matches({ title: item.title, body: `${item.description} ${item.nextStep}` }))
    .map((item) => itemView(data, item, now))
    .filter((item) => filters.category === undefined || item.category === filters.category)
    .filter((item) => filters.status === undefined || item.status === filters.status)
    .filter((item) => filters.vague === undefined || item.vague === filters.vague)
    .filter((item) => filters.stale === undefined || item.stale === filters.stale)
    .sort(compareBacklogRank);
}

/** The fields an admin wrote, as kept: titles and next steps trimmed, an empty owner none. */
function writtenFields(fields: Partial<BacklogItemFields>): Partial<StoredBacklogItem> {
  if (fields.public !== undefined && typeof fields.public !== 'boolean') throw invalid('public must be true or false.', { field: 'public' });
  const written: Partial<StoredBacklogItem> = {
    title: fields.title?.trim(),
    description: fields.description,
    nextStep: fields.nextStep?.trim(),
    category: fields.category,
    estimate: fields.estimate,
    risk: fields.risk,
    owner: fields.owner === undefined ? undefined : fields.owner?.trim() || null,
    trackerUrls: fields.trackerUrls?.map((url) => url.trim()),
    public: fields.public,
  };
  return Object.fromEntries(Object.entries(written).filter(([, value]) => value !== undefined));
}

/** Marks an item changed, later than anything before, so an editor's `expected.updatedAt` always tells. */
function touch(data: MemoryData, item: StoredBacklogItem): string {
  const at = Math.max(Date.parse(nextTime(data)), Date.parse(item.updatedAt) + 1);
  item.updatedAt = new Date(at).toISOString();
  return item.updatedAt;
}

/**
 * Tells everyone behind a done item's evidence, once each, never the admin who moved it: a
 * `fixed` notification about the first (oldest linked) of its ideas they are among the people
 * of, else about none (only their feedback backs it).
 */
function tellFixed(visitor: MemoryVisitor, item: StoredBacklogItem): void {
  const { data, voterId } = visitor;
  const ideas = item.evidence.filter((piece) => piece.postId !== null).map((piece) => ({ postId: piece.postId!, people: ideaPeople(data, piece.postId!) }));
  const byIdea = new Map<string | null, string[]>();
  for (const person of peopleBehind(data, item).keys()) {
    // A feedback item naming nobody is evidence, but nobody to tell.
    if (person === voterId || person.startsWith('feedback:')) continue;
    const postId = ideas.find((idea) => idea.people.has(person))?.postId ?? null;
    byIdea.set(postId, [...(byIdea.get(postId) ?? []), person]);
  }
  for (const [postId, recipients] of byIdea) {
    notify(visitor, recipients, { kind: 'fixed', postId, backlogItemId: item.id, commentId: null, mergedFromId: null });
  }
}

/** Moves an item to a status: done dates it and tells its people the first time only; out of done undates it. */
function moveItem(visitor: MemoryVisitor, item: StoredBacklogItem, to: BacklogStatus): void {
  if (item.status === to) return;
  const at = touch(visitor.data, item);
  item.status = to;
  item.doneAt = to === 'done' ? at : null;
  if (to === 'done' && item.toldAt === null) {
    item.toldAt = at;
    tellFixed(visitor, item);
  }
}

/** Checks the ids to link: lists of ids, at least one in all, at most a page of each. */
function checkEvidenceIds(ids: Record<'postIds' | 'feedbackItemIds', unknown>): void {
  for (const [field, list] of Object.entries(ids)) {
    if (!Array.isArray(list) || list.some((id) => typeof id !== 'string') || list.length > LIMITS.pageSizeMax) {
      throw invalid(`${field} must list at most ${LIMITS.pageSizeMax} ids.`, { field });
    }
  }
  if (Object.values(ids).every((list) => (list as unknown[]).length === 0)) throw invalid('Link at least one idea or feedback item.', { field: 'postIds' });
}

/** A board's capacity now: its settings beside the effort done in the window (items done, canonical ideas shipped). */
function capacityOf(data: MemoryData, board: string): CapacityReport {
  const settings = settingsOf(data, board);
  const now = new Date();
  const from = capacityWindowStart(now, settings.windowWeeks).getTime();
  const inWindow = (at: string | null) => at !== null && Date.parse(at) >= from;
  const items = [...data.backlog.values()].filter((item) => item.board === board && item.status === 'done' && inWindow(item.doneAt));
  const ideas = [...data.posts.values()]
    .filter((post) => post.board === board && post.mergedInto === null && inWindow(post.shippedAt) && statusKindOf(data, board, post.status) === 'done')
    .map((post) => ({ effort: post.priorityInputs.effort }));
  return capacityReport({ board, settings, now, done: { items, ideas } });
}

/** The engineering items of a board the team made public, for the roadmap: nothing about who asked. */
export function publicBacklogOperations(visitor: MemoryVisitor): Required<Pick<SaysoAdapter, 'listPublicBacklog'>> {
  const { data, settle, boardOf } = visitor;
  return {
    listPublicBacklog: ({ board }) =>
      settle(() => {
        boardOf(board);
        return publicBacklog(rankedBacklog(data, board, {}));
      }),
  };
}

type BacklogAdminOperations = Pick<
  SaysoAdminApi,
  | 'listBacklog'
  | 'getBacklogItem'
  | 'createBacklogItem'
  | 'updateBacklogItem'
  | 'deleteBacklogItem'
  | 'listBacklogEvidence'
  | 'linkBacklogEvidence'
  | 'unlinkBacklogEvidence'
  | 'suggestBacklogEvidence'
  | 'getCapacity'
  | 'setCapacitySettings'
  | 'exportBacklog'
>;

/** The engineering backlog: items, their evidence, the board's capacity, and the export. */
export function backlogOperations(visitor: MemoryVisitor): BacklogAdminOperations {
  const { data, settle, commit, boardOf, view } = visitor;
  const itemOf = (itemId: string) => {
    const item = data.backlog.get(itemId);
    if (!item) throw new SaysoError('not_found', `There is no backlog item "${itemId}".`);
    return item;
  };
  const shown = (item: StoredBacklogItem) => itemView(data, item, new Date());
  const evidenceView = (item: StoredBacklogItem, piece: StoredBacklogEvidence): BacklogEvidence => {
    const post = piece.postId === null ? null : data.posts.get(piece.postId)!;
    const feedback = piece.feedbackItemId === null ? null : data.feedback.get(piece.feedbackItemId)!;
    return {
      id: piece.id,
      itemId: item.id,
      post: post && { ...refOf(post), board: post.board, people: view(canonicalPost(data, post)).peopleCount, status: post.status },
      feedback: feedback && {
        id: feedback.id,
        source: feedback.source,
        title: feedback.title,
        text: feedback.text,
        authorName: feedback.author.name,
        authorEmail: feedback.author.email,
        authorCompany: feedback.author.company,
      },
      addedAt: piece.addedAt,
    };
  };

  return {
    listBacklog: ({ board, ...filters }) =>
      settle(() => {
        boardOf(board);
        return rankedBacklog(data, board, filters);
      }),

    getBacklogItem: ({ itemId }) => settle(() => shown(itemOf(itemId))),

    createBacklogItem: ({ board, ...fields }) =>
      commit(() => {
        boardOf(board);
        refuse(checkBacklogItem(fields));
        const at = nextTime(data);
        const item: StoredBacklogItem = {
          id: `backlog-${data.backlog.size + 1}-${Math.random().toString(36).slice(2, 8)}`,
          board,
          ...BACKLOG_ITEM_DEFAULTS,
          // An array of its own: the defaults' is shared.
          trackerUrls: [],
          title: '',
          category: fields.category,
          createdAt: at,
          updatedAt: at,
          doneAt: null,
          evidence: [],
          toldAt: null,
          ...writtenFields(fields),
        };
        data.backlog.set(item.id, item);
        // Created as proposed and moved, so that an item added as done is dated as any other.
        moveItem(visitor, item, fields.status ?? BACKLOG_ITEM_DEFAULTS.status);
        return shown(item);
      }),

    updateBacklogItem: ({ itemId, expected, status, ...fields }) =>
      commit(() => {
        const item = itemOf(itemId);
        refuse(checkBacklogItem({ ...fields, status }, { partial: true }));
        assertUnchangedSince(item, expected);
        Object.assign(item, writtenFields(fields));
        touch(data, item);
        if (status !== undefined) moveItem(visitor, item, status);
        return shown(item);
      }),

    deleteBacklogItem: ({ itemId }) =>
      commit(() => {
        itemOf(itemId);
        data.backlog.delete(itemId);
      }),

    listBacklogEvidence: ({ itemId }) =>
      settle(() => {
        const item = itemOf(itemId);
        return item.evidence.map((piece) => evidenceView(item, piece)).reverse();
      }),

    linkBacklogEvidence: ({ itemId, postIds = [], feedbackItemIds = [] }) =>
      commit(() => {
        const item = itemOf(itemId);
        checkEvidenceIds({ postIds, feedbackItemIds });
        // All or nothing: every id is looked up before anything is linked.
        const unknownPost = postIds.find((id) => !data.posts.has(id));
        if (unknownPost !== undefined) throw invalid(`There is no idea "${unknownPost}".`, { field: 'postIds', id: unknownPost });
        const unknownFeedback = feedbackItemIds.find((id) => !data.feedback.has(id));
        if (unknownFeedback !== undefined) throw invalid(`There is no feedback item "${unknownFeedback}".`, { field: 'feedbackItemIds', id: unknownFeedback });
        const linkedPosts = new Set(item.evidence.map((piece) => piece.postId));
        const linkedFeedback = new Set(item.evidence.map((piece) => piece.feedbackItemId));
        const added = [
          ...[...new Set(postIds)].filter((id) => !linkedPosts.has(id)).map((postId) => ({ postId, feedbackItemId: null })),
          ...[...new Set(feedbackItemIds)].filter((id) => !linkedFeedback.has(id)).map((feedbackItemId) => ({ postId: null, feedbackItemId })),
        ];
        if (added.length > 0) {
          const addedAt = touch(data, item);
          for (const piece of added) item.evidence.push({ id: `evidence-${Math.random().toString(36).slice(2, 10)}`, ...piece, addedAt });
        }
        return shown(item);
      }),

    unlinkBacklogEvidence: ({ itemId, evidenceId }) =>
      commit(() => {
        const item = itemOf(itemId);
        const at = item.evidence.findIndex((piece) => piece.id === evidenceId);
        if (at < 0) throw new SaysoError('not_found', `The backlog item "${itemId}" has no evidence "${evidenceId}".`);
        item.evidence.splice(at, 1);
        touch(data, item);
        return shown(item);
      }),

    suggestBacklogEvidence: ({ itemId, limit }) =>
      settle(() => {
        const item = itemOf(itemId);
        const count = similarLimit(limit);
        const text = [item.title, item.description, item.nextStep].filter(Boolean).join('\n');
        const linkedPosts = new Set(item.evidence.flatMap((piece) => piece.postId ?? []));
        const linkedFeedback = new Set(item.evidence.flatMap((piece) => piece.feedbackItemId ?? []));
        const ideas = similarPostHits(visitor, item.board, text, count, linkedPosts).map(({ post, score }) => ({
          ...refOf(post),
          people: view(canonicalPost(data, post)).peopleCount,
          score,
        }));
        const pool = [...data.feedback.values()]
          .filter((feedback) => feedback.board === item.board && feedback.state === 'new' && !linkedFeedback.has(feedback.id))
          .sort((a, b) => newestFirst({ at: a.receivedAt, id: a.id }, { at: b.receivedAt, id: b.id }))
          .slice(0, SUGGESTED_FEEDBACK_POOL);
        const index = new SimilarityIndex(pool.map((feedback) => ({ id: feedback.id, title: feedback.title ?? '', body: feedback.text })));
        const feedback = findSimilarHits(index, { text, limit: count }).map(({ id, score }) => {
          const found = data.feedback.get(id)!;
          return { id, source: found.source, title: found.title, text: found.text, score };
        });
        return { ideas, feedback };
      }),

    getCapacity: ({ board }) =>
      settle(() => {
        boardOf(board);
        return capacityOf(data, board);
      }),

    setCapacitySettings: ({ board, ...settings }) =>
      commit(() => {
        boardOf(board);
        refuse(checkCapacitySettings(settings));
        const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
        data.capacitySettings.set(board, { ...settingsOf(data, board), ...given });
        return capacityOf(data, board);
      }),

    exportBacklog: ({ board, format, ...filters }) =>
      settle(() => {
        boardOf(board);
        if (format !== 'csv' && format !== 'json') throw invalid('The export is csv or json.', { field: 'format' });
        return backlogExport(board, rankedBacklog(data, board, filters), format, new Date());
      }),
  };
}
