import { LIMITS, type FeedbackSource, type Tag } from '../types.js';
import type { InputProblem } from '../validation.js';

// The admins' list of every board's ideas (`admin.listIdeas`): its row, its sorts and filters,
// the checks both adapters make, and its cursor.

/** The columns the ideas list sorts by, each server-side (and indexed) at any size. */
export const ADMIN_IDEA_COLUMNS = ['title', 'board', 'status', 'people', 'mrr', 'priority', 'evidence', 'lastActivity', 'created'] as const;
export type AdminIdeaColumn = (typeof ADMIN_IDEA_COLUMNS)[number];

export type SortDirection = 'asc' | 'desc';

export interface AdminIdeaSort {
  column: AdminIdeaColumn;
  direction: SortDirection;
}

/** What the list opens on: the most wanted first. */
export const DEFAULT_ADMIN_IDEA_SORT: AdminIdeaSort = { column: 'people', direction: 'desc' };

/** An idea as the admins' list shows it: a canonical idea (ideas merged into others are not listed). */
export interface AdminIdeaRow {
  id: string;
  title: string;
  board: string;
  /** Key of its status within its board. */
  status: string;
  /** Distinct people who want it (its merged ideas' people included): `Post.peopleCount`. */
  peopleCount: number;
  /** Monthly revenue of the customers behind it (`Demand.customers.mrr`). */
  mrr: number;
  /** Its priority score under its board's formula (`Demand.priority.score`). */
  priority: number;
  /** Feedback items linked to it or to ideas merged into it. */
  evidenceCount: number;
  /** Ordered by name. */
  tags: Tag[];
  createdAt: string;
  /**
   * When anything last happened to it or on it (edited, moved, merged, commented, asked for,
   * given evidence; on the server also voted on), ISO 8601.
   */
  lastActivityAt: string;
}

/** What narrows the admins' ideas list; every filter given must match. */
export interface AdminIdeaFilters {
  board?: string;
  /** A status key (of any board that has it). */
  status?: string;
  /** A tag slug (of any board that has it). */
  tag?: string;
  /** Ideas with evidence from this channel. */
  source?: FeedbackSource;
  /** Ideas in an open duplicate candidate pair (true), or in none (false). */
  hasDuplicates?: boolean;
  /** At least this many people. */
  minPeople?: number;
  /** Created at or after this instant (ISO 8601; a date alone is its midnight UTC). */
  createdFrom?: string;
  /** Created before this instant (ISO 8601; a date alone means up to the end of that day UTC). */
  createdTo?: string;
  /** Words of the title or body (full text, as a board's search). */
  q?: string;
}

export type AdminIdeaQuery = AdminIdeaFilters & { sort?: AdminIdeaSort; cursor?: string | null; limit?: number };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant a date bound stands for: `createdTo` given as a date alone takes in that whole
 * day. `undefined` when it is neither an ISO date nor an ISO instant.
 */
export function createdBound(value: string, bound: 'from' | 'to'): string | undefined {
  if (ISO_DATE.test(value)) {
    const day = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(day)) return undefined;
    return new Date(bound === 'to' ? day + 86_400_000 : day).toISOString();
  }
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) return undefined;
  return new Date(value).toISOString();
}

/** Checks an ideas list query: a known column and direction, sane numbers and dates. */
export function checkAdminIdeaQuery(query: AdminIdeaQuery): InputProblem[] {
  const problems: InputProblem[] = [];
  const { sort, limit, minPeople, createdFrom, createdTo, hasDuplicates } = query;
  if (sort !== undefined && (!ADMIN_IDEA_COLUMNS.includes(sort?.column) || (sort.direction !== 'asc' && sort.direction !== 'desc'))) {
    problems.push({ field: 'sort', message: `sort is one of ${ADMIN_IDEA_COLUMNS.join(', ')}, asc or desc.` });
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.pageSizeMax)) {
    problems.push({ field: 'limit', message: `limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.` });
  }
  if (minPeople !== undefined && !(Number.isInteger(minPeople) && minPeople >= 0)) {
    problems.push({ field: 'minPeople', message: 'minPeople must be a whole number, 0 or more.' });
  }
  if (hasDuplicates !== undefined && typeof hasDuplicates !== 'boolean') {
    problems.push({ field: 'hasDuplicates', message: 'hasDuplicates is true or false.' });
  }
  for (const [field, value, bound] of [['createdFrom', createdFrom, 'from'], ['createdTo', createdTo, 'to']] as const) {
    if (value !== undefined && (typeof value !== 'string' || createdBound(value, bound) === undefined)) {
      problems.push({ field, message: `${field} must be a date (2026-01-31) or an ISO 8601 instant.` });
    }
  }
  return problems;
}

/** Where a page of the ideas list starts: the sort it belongs to, and the last row's sort value and id. */
export interface AdminIdeaPosition {
  sort: AdminIdeaSort;
  /** The last row's value of the sort column, as text the backend reads back exactly. */
  value: string;
  id: string;
}

/** An opaque cursor for the ideas list: the page after this position, in this sort only. */
export function encodeAdminIdeaCursor(position: AdminIdeaPosition): string {
  // encodeURIComponent rather than base64: core runs without DOM or Node globals, and the result is URL-safe.
  return `i${encodeURIComponent(JSON.stringify([position.sort.column, position.sort.direction, position.value, position.id]))}`;
}

/**
 * Reads a cursor made by {@link encodeAdminIdeaCursor}: `null` for none (the first page),
 * `undefined` when it is not one or belongs to another sort.
 */
export function decodeAdminIdeaCursor(cursor: string | null | undefined, sort: AdminIdeaSort): AdminIdeaPosition | null | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  if (!/^i[A-Za-z0-9_.!~*'()%-]{1,2000}$/.test(cursor)) return undefined;
  try {
    const parts: unknown = JSON.parse(decodeURIComponent(cursor.slice(1)));
    if (!Array.isArray(parts) || parts.length !== 4 || !parts.every((part) => typeof part === 'string')) return undefined;
    const [column, direction, value, id] = parts as string[];
    if (column !== sort.column || direction !== sort.direction) return undefined;
    return { sort, value: value!, id: id! };
  } catch {
    return undefined;
  }
}

/** A view of the ideas list an admin named, shared by the deployment's admins. */
export interface SavedView {
  id: string;
  /** 1–60 characters, unique (case-insensitive). */
  name: string;
  /** The list's address parameters (filters, sort, search), as the console keeps them. */
  params: Record<string, string>;
  createdAt: string;
}

export const SAVED_VIEW_NAME_MAX = 60;

/** Checks a view to save: a name of 1–60 characters, params a flat map of text. */
export function checkSavedView(view: { name: unknown; params: unknown }): InputProblem[] {
  const problems: InputProblem[] = [];
  if (typeof view.name !== 'string' || view.name.trim().length === 0 || view.name.trim().length > SAVED_VIEW_NAME_MAX) {
    problems.push({ field: 'name', message: `Give the view a name of 1 to ${SAVED_VIEW_NAME_MAX} characters.` });
  }
  const params = view.params;
  if (
    typeof params !== 'object' ||
    params === null ||
    Array.isArray(params) ||
    Object.values(params).some((value) => typeof value !== 'string') ||
    Object.keys(params).length > 20
  ) {
    problems.push({ field: 'params', message: 'params must be at most 20 named text values.' });
  }
  return problems;
}
