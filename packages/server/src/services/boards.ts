import type { AnonymousPolicy, Board, BoardNotificationSettings, StatusKind } from '@sayso/core';
import * as boards from '../db/boards.js';
import type { Database, Queryable } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/** Creates a board, with the default workflow or the given one, inside the caller's transaction (seeds). */
export async function insertBoard(tx: Queryable, board: boards.NewBoard): Promise<Board> {
  const { id, ...created } = await boards.insertBoard(tx, board);
  await record(tx, { type: 'board.created', subject: { type: 'board', id }, actorId: null, payload: { slug: created.slug } });
  return created;
}

/** Creates a board with the default workflow (or the given one); for seeds, tests and admins. */
export function createBoard(db: Database, board: boards.NewBoard): Promise<Board> {
  return db.transaction((tx) => insertBoard(tx, board));
}

/** Changes what anonymous visitors may do on a board; `not_found` for an unknown board. */
export async function setBoardPolicy(db: Database, params: { board: string; anonymous: AnonymousPolicy; actor: Actor }): Promise<Board> {
  return db.transaction(async (tx) => {
    const changed = await boards.updateBoardPolicy(tx, params.board, params.anonymous);
    if (!changed) throw boards.noSuchBoard(params.board);
    if (changed.previous !== params.anonymous) {
      await record(tx, {
        type: 'board.policy_changed',
        subject: { type: 'board', id: changed.id },
        actorId: await ensureUser(tx, params.actor.key),
        payload: { from: changed.previous, to: params.anonymous },
      });
    }
    return boards.findBoard(tx, params.board);
  });
}

/** Which status kinds of a board tell the ideas' followers; `not_found` for an unknown board. */
export async function notificationSettingsOf(db: Queryable, board: string): Promise<BoardNotificationSettings> {
  return { notifyKinds: await boards.notifyKindsOf(db, await boards.boardIdOf(db, board)) };
}

/** Sets which status kinds notify (`done` always, as the schema checked); records `board.notifications_changed`. */
export async function setNotificationSettings(
  db: Database,
  params: { board: string; notifyKinds: StatusKind[]; actor: Actor },
): Promise<BoardNotificationSettings> {
  return db.transaction(async (tx) => {
    const id = await boards.updateNotifyKinds(tx, params.board, params.notifyKinds);
    if (!id) throw boards.noSuchBoard(params.board);
    await record(tx, {
      type: 'board.notifications_changed',
      subject: { type: 'board', id },
      actorId: await ensureUser(tx, params.actor.key),
      payload: { notifyKinds: params.notifyKinds },
    });
    return { notifyKinds: params.notifyKinds };
  });
}
