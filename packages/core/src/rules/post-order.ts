import type { KeysetPosition } from '../cursor.js';
import { trendingScore } from '../defaults.js';
import type { Post, PostListSort } from '../types.js';

/**
 * What a post's place in a list depends on; `priority` (its score under the board's formula,
 * see `priorityScore`) only for the admins' `priority` sort.
 */
export type OrderedPost = Pick<Post, 'id' | 'peopleCount' | 'createdAt' | 'shippedAt'> & { priority?: number };

/** The sorts paged by keyset: their order only changes when posts are added or shipped. */
export type KeysetSort = 'new' | 'shipped';

const LIST_SORTS: ReadonlySet<string> = new Set<PostListSort>(['top', 'new', 'trending', 'shipped', 'priority']);

/** Whether `value` is a sort `listPosts` accepts. */
export function isPostListSort(value: string): value is PostListSort {
  return LIST_SORTS.has(value);
}

/**
 * Whether pages of this sort are walked by keyset (`new`, `shipped`: the next page starts after
 * the last post seen, so posts added meanwhile never shift the walk) rather than by offset
 * (`top`, `trending`, `priority`: their order moves with every vote, so no position could pin a place).
 */
export function pagesByKeyset(sort: PostListSort): sort is KeysetSort {
  return sort === 'new' || sort === 'shipped';
}

/** The time and id a post is ordered by in a keyset sort: its ship date (else creation) for `shipped`. */
export function postKeysetPosition(post: OrderedPost, sort: KeysetSort): KeysetPosition {
  return { at: sort === 'shipped' ? (post.shippedAt ?? post.createdAt) : post.createdAt, id: post.id };
}

/** The sub-millisecond digits of an ISO 8601 time, which `Date.parse` drops (PostgreSQL keeps microseconds). */
const belowMilliseconds = (iso: string) => Number((/\.\d{3}(\d{1,6})/.exec(iso)?.[1] ?? '').padEnd(6, '0'));

/** Orders two ISO 8601 instants, earlier first, to the nanosecond. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b) || belowMilliseconds(a) - belowMilliseconds(b);
}

/** Plain code-unit order, as PostgreSQL orders UUIDs and as keyset cursors compare ids. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Newest first, ties on the greater id first: the order of every keyset list (posts, notifications). */
export function newestFirst(a: KeysetPosition, b: KeysetPosition): number {
  return compareInstants(b.at, a.at) || compareIds(b.id, a.id);
}

/**
 * Whether an item at `position` comes after the `cursor` in a newest-first list: SQL's
 * `(at, id) < (cursor.at, cursor.id)`, so the next page starts exactly where the last ended.
 */
export function isAfterKeyset(position: KeysetPosition, cursor: KeysetPosition): boolean {
  return newestFirst(cursor, position) < 0;
}

/**
 * The total order of a post list, as the server's `ORDER BY`: every sort ends its ties on the
 * newest creation then the greater id, so pages never repeat or skip a post.
 * - `top`: most people first (its demand: voters, requests and merged ideas' people, each once);
 * - `new`: newest first;
 * - `trending`: highest {@link trendingScore} of its people at `now` first;
 * - `shipped`: newest ship date first, creation for ideas never shipped (the changelog's order;
 *   ties go straight to the id, as its keyset cursor does);
 * - `priority`: highest priority score first (admins only).
 */
export function postOrder(sort: PostListSort, now: Date = new Date()): (a: OrderedPost, b: OrderedPost) => number {
  const byCreation = (a: OrderedPost, b: OrderedPost) => newestFirst(postKeysetPosition(a, 'new'), postKeysetPosition(b, 'new'));
  switch (sort) {
    case 'top':
      return (a, b) => b.peopleCount - a.peopleCount || byCreation(a, b);
    case 'new':
      return byCreation;
    case 'trending': {
      const score = (post: OrderedPost) => trendingScore(post.peopleCount, new Date(post.createdAt), now);
      return (a, b) => score(b) - score(a) || byCreation(a, b);
    }
    case 'shipped':
      return (a, b) => newestFirst(postKeysetPosition(a, 'shipped'), postKeysetPosition(b, 'shipped'));
    case 'priority':
      return (a, b) => (b.priority ?? 0) - (a.priority ?? 0) || byCreation(a, b);
  }
}
