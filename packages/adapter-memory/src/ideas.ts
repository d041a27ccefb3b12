import {
  DEFAULT_ADMIN_IDEA_SORT,
  SaysoError,
  checkAdminIdeaQuery,
  checkSavedView,
  checkSearchQuery,
  compareIds,
  createdBound,
  decodeAdminIdeaCursor,
  encodeAdminIdeaCursor,
  LIMITS,
  type AdminIdeaColumn,
  type AdminIdeaRow,
  type SaysoAdminApi,
} from '@sayso/core';
import { mergeTree, nextTime, type StoredPost } from './data.js';
import { demandOf } from './demand.js';
import { openDuplicatePairs } from './duplicates.js';
import { matchesSearch } from './posts.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** Each column's value of a row, compared as the server's SQL compares them (text by code point). */
const columnValue: Record<AdminIdeaColumn, (row: AdminIdeaRow) => string | number> = {
  title: (row) => row.title,
  board: (row) => row.board,
  status: (row) => row.status,
  people: (row) => row.peopleCount,
  mrr: (row) => row.mrr,
  priority: (row) => row.priority,
  evidence: (row) => row.evidenceCount,
  lastActivity: (row) => Date.parse(row.lastActivityAt),
  created: (row) => Date.parse(row.createdAt),
};

/** Columns compared as text; the others are numbers (instants as milliseconds). */
const TEXT_COLUMNS: ReadonlySet<AdminIdeaColumn> = new Set(['title', 'board', 'status']);

const compareValues = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The admins' ideas list over every board, and the views of it they saved. */
export function ideaListOperations(visitor: MemoryVisitor): Pick<SaysoAdminApi, 'listIdeas' | 'listSavedViews' | 'saveView' | 'deleteView'> {
  const { data, settle, commit, view, boardOf } = visitor;

  const rowOf = (post: StoredPost): AdminIdeaRow => {
    const shown = view(post);
    const demand = demandOf({ ...visitor, isAdmin: true }, post);
    const tree = new Set(mergeTree(data, post).map((idea) => idea.id));
    const evidence = [...data.feedback.values()].filter((item) => item.postId !== null && tree.has(item.postId));
    // Votes are not timed in memory: activity is what was recorded with a time.
    const times = [
      post.createdAt,
      ...data.events.filter((event) => tree.has(event.postId)).map((event) => event.at),
      ...[...tree].flatMap((id) => (data.comments.get(id) ?? []).map((comment) => comment.createdAt)),
      ...(demand.requests ?? []).map((request) => request.createdAt),
      ...evidence.map((item) => item.createdAt),
    ];
    return {
      id: post.id,
      title: post.title,
      board: post.board,
      status: post.status,
      peopleCount: shown.peopleCount,
      mrr: demand.customers?.mrr ?? 0,
      priority: demand.priority?.score ?? 0,
      evidenceCount: evidence.length,
      tags: shown.tags,
      createdAt: post.createdAt,
      lastActivityAt: times.reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest)),
    };
  };

  return {
    listIdeas: (query = {}) =>
      settle(() => {
        refuse(checkAdminIdeaQuery(query));
        if (query.q !== undefined) refuse(checkSearchQuery(query.q));
        if (query.board !== undefined) boardOf(query.board);
        const sort = query.sort ?? DEFAULT_ADMIN_IDEA_SORT;
        const after = decodeAdminIdeaCursor(query.cursor, sort);
        if (after === undefined) throw invalid('The cursor is not one this list gave out for this sort.', { field: 'cursor' });
        const from = query.createdFrom === undefined ? undefined : Date.parse(createdBound(query.createdFrom, 'from')!);
        const to = query.createdTo === undefined ? undefined : Date.parse(createdBound(query.createdTo, 'to')!);
        const inPairs =
          query.hasDuplicates === undefined
            ? undefined
            : new Set([...data.boards.keys()].flatMap((board) => openDuplicatePairs(visitor, board).flatMap(({ a, b }) => [a.id, b.id])));
        const rows = [...data.posts.values()]
          .filter((post) => post.mergedInto === null)
          .filter((post) => query.board === undefined || post.board === query.board)
          .filter((post) => query.status === undefined || post.status === query.status)
          .filter((post) => query.q === undefined || matchesSearch(query.q)(post))
          .filter((post) => from === undefined || Date.parse(post.createdAt) >= from)
          .filter((post) => to === undefined || Date.parse(post.createdAt) < to)
          .filter((post) => inPairs === undefined || inPairs.has(post.id) === query.hasDuplicates)
          .filter((post) => {
            if (query.source === undefined) return true;
            const tree = new Set(mergeTree(data, post).map((idea) => idea.id));
            return [...data.feedback.values()].some((item) => item.source === query.source && item.postId !== null && tree.has(item.postId));
          })
          .map(rowOf)
          .filter((row) => query.tag === undefined || row.tags.some((tag) => tag.slug === query.tag))
          .filter((row) => query.minPeople === undefined || row.peopleCount >= query.minPeople);
        const value = columnValue[sort.column];
        const sign = sort.direction === 'asc' ? 1 : -1;
        const order = (a: AdminIdeaRow, b: AdminIdeaRow) => sign * (compareValues(value(a), value(b)) || compareIds(a.id, b.id));
        const afterValue = after && (TEXT_COLUMNS.has(sort.column) ? after.value : Number(after.value));
        const rest = rows
          .sort(order)
          .filter((row) => !after || sign * (compareValues(value(row), afterValue!) || compareIds(row.id, after.id)) > 0);
        const limit = query.limit ?? LIMITS.pageSizeDefault;
        const page = rest.slice(0, limit);
        const last = page[page.length - 1];
        return {
          items: page,
          nextCursor: rest.length > limit && last ? encodeAdminIdeaCursor({ sort, value: String(value(last)), id: last.id }) : null,
        };
      }),

    listSavedViews: () => settle(() => [...data.savedViews.values()].sort((a, b) => a.name.localeCompare(b.name))),

    saveView: ({ name, params }) =>
      commit(() => {
        refuse(checkSavedView({ name, params }));
        const trimmed = name.trim();
        if ([...data.savedViews.values()].some((saved) => saved.name.toLowerCase() === trimmed.toLowerCase())) {
          throw new SaysoError('conflict', `There is a view named "${trimmed}" already.`);
        }
        const saved = { id: `view-${Math.random().toString(36).slice(2, 10)}`, name: trimmed, params: { ...params }, createdAt: nextTime(data) };
        data.savedViews.set(saved.id, saved);
        return saved;
      }),

    deleteView: ({ viewId }) =>
      commit(() => {
        if (!data.savedViews.delete(viewId)) throw new SaysoError('not_found', `There is no saved view "${viewId}".`);
      }),
  };
}
