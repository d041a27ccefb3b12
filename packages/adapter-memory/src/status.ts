import {
  DEFAULT_NOTIFY_KINDS,
  assertStatusMayChange,
  statusChangeEffect,
  statusChangeNotifies,
  type StatusChangeEffect,
  type StatusKind,
} from '@sayso/core';
import { nextTime, statusKindOf, type StoredPost } from './data.js';
import { audienceOf } from './follows.js';
import { unreadNoticeHolders } from './notifications.js';
import { invalid, type MemoryVisitor } from './visitor.js';

/** What moving an idea to a status would do: its effect, and whether and whom it tells. */
export interface StatusMove {
  toKind: StatusKind;
  effect: StatusChangeEffect;
  /** False when the idea already is in that status. */
  changes: boolean;
  /** Who hears of it (empty when the board does not tell of this move). */
  audience: ReturnType<typeof audienceOf>;
}

/** The kinds of status a board tells its followers of. */
export const notifyKindsOf = (visitor: Pick<MemoryVisitor, 'data'>, board: string): StatusKind[] => visitor.data.notifyKinds.get(board) ?? [...DEFAULT_NOTIFY_KINDS];

/** Works out a move to `status` without making it, refusing what the server refuses. */
export function planStatusMove(visitor: MemoryVisitor, post: StoredPost, status: string): StatusMove {
  const { data, voterId, boardOf } = visitor;
  const board = boardOf(post.board);
  const toKind = statusKindOf(data, board.slug, status);
  if (!toKind) throw invalid(`The board "${board.slug}" has no status "${status}".`, { field: 'status' });
  if (post.status === status) return { toKind, effect: { shippedAt: post.shippedAt, ships: false }, changes: false, audience: new Map() };
  assertStatusMayChange(post);
  // A status the board no longer has is not done, as on the server.
  const fromKind = statusKindOf(data, board.slug, post.status) ?? 'open';
  const effect = statusChangeEffect({ fromKind, toKind, shippedAt: post.shippedAt, now: nextTime(data) });
  let audience = new Map() as StatusMove['audience'];
  if (statusChangeNotifies({ toKind, ships: effect.ships, notifyKinds: notifyKindsOf(visitor, board.slug) })) {
    audience = audienceOf(data, [post], voterId);
    // Nobody's bell fills up with the same news: whoever has not read the last shipping yet is not told again.
    if (effect.ships) for (const person of unreadNoticeHolders(visitor, 'shipped', post.id)) audience.delete(person);
  }
  return { toKind, effect, changes: true, audience };
}

/** Makes a planned move: the idea's status, ship date and history. */
export function makeStatusMove(visitor: MemoryVisitor, post: StoredPost, status: string, move: StatusMove): void {
  visitor.data.events.push({ postId: post.id, kind: 'status_changed', from: post.status, to: status, actor: visitor.voterId, at: nextTime(visitor.data) });
  post.status = status;
  post.shippedAt = move.effect.shippedAt;
}
