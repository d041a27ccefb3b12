import { DEFAULT_STATUSES, SaysoError, type AnonymousPolicy, type Board, type Status, type StatusKind } from '@sayso/core';
import type { Queryable } from './database.js';

/** A board as created by `createBoard`; `statuses` default to the core workflow. */
export interface NewBoard {
  slug: string;
  name?: string;
  description?: string;
  /** Default `votes-and-posts`. */
  anonymous?: AnonymousPolicy;
  statuses?: readonly Status[];
}

interface BoardRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  anonymous_policy: AnonymousPolicy;
}

interface StatusRow {
  board_id: string;
  key: string;
  name: string;
  kind: StatusKind;
  position: number;
}

/** What a board slug may look like (the same CHECK guards the column). */
export const BOARD_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

const BOARD_COLUMNS = 'id, slug, name, description, anonymous_policy';

const toStatus = (row: StatusRow): Status => ({
  id: row.key,
  name: row.name,
  kind: row.kind,
  position: Number(row.position),
});

const toBoard = (board: BoardRow, statuses: StatusRow[]): Board => ({
  slug: board.slug,
  name: board.name,
  description: board.description,
  anonymous: board.anonymous_policy,
  statuses: statuses.map(toStatus),
});

export const noSuchBoard = (slug: string) => new SaysoError('not_found', `There is no board "${slug}".`);

/** Every board with its workflow, oldest board first. */
export async function listBoards(db: Queryable): Promise<Board[]> {
  const boards = await db.query<BoardRow>(`SELECT ${BOARD_COLUMNS} FROM boards ORDER BY created_at, slug`);
  const statuses = await db.query<StatusRow>(
    'SELECT board_id, key, name, kind, position FROM statuses ORDER BY board_id, position, key',
  );
  return boards.map((board) => toBoard(board, statuses.filter((status) => status.board_id === board.id)));
}

/** One board with its workflow; `not_found` for an unknown slug. */
export async function findBoard(db: Queryable, slug: string): Promise<Board> {
  const [board] = await db.query<BoardRow>(`SELECT ${BOARD_COLUMNS} FROM boards WHERE slug = $1`, [slug]);
  if (!board) throw noSuchBoard(slug);
  const statuses = await db.query<StatusRow>(
    'SELECT board_id, key, name, kind, position FROM statuses WHERE board_id = $1 ORDER BY position, key',
    [board.id],
  );
  return toBoard(board, statuses);
}

/** Inserts a board and its workflow; returns its id too. `conflict` when the slug is taken. */
export async function insertBoard(tx: Queryable, board: NewBoard): Promise<Board & { id: string }> {
  if (!BOARD_SLUG.test(board.slug)) {
    throw new SaysoError('invalid_input', 'A board slug is 1 to 63 lowercase letters, digits or "-".', {
      field: 'slug',
    });
  }
  const statuses = (board.statuses ?? DEFAULT_STATUSES).map((status) => ({ ...status }));
  const [row] = await tx.query<BoardRow>(
    `INSERT INTO boards (slug, name, description, anonymous_policy) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING
     RETURNING ${BOARD_COLUMNS}`,
    [board.slug, board.name ?? board.slug, board.description ?? '', board.anonymous ?? 'votes-and-posts'],
  );
  if (!row) throw new SaysoError('conflict', `There already is a board "${board.slug}".`);
  for (const status of statuses) {
    await tx.query('INSERT INTO statuses (board_id, key, name, kind, position) VALUES ($1, $2, $3, $4, $5)', [
      row.id,
      status.id,
      status.name,
      status.kind,
      status.position,
    ]);
  }
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, anonymous: row.anonymous_policy, statuses };
}

/** What anonymous visitors may do on a board; `undefined` for an unknown board. */
export async function boardPolicy(db: Queryable, slug: string): Promise<AnonymousPolicy | undefined> {
  const [row] = await db.query<{ p: AnonymousPolicy }>('SELECT anonymous_policy AS p FROM boards WHERE slug = $1', [slug]);
  return row?.p;
}

/** The policy of the board a post is on; `undefined` for an unknown post. */
export async function postBoardPolicy(db: Queryable, postId: string): Promise<AnonymousPolicy | undefined> {
  const [row] = await db.query<{ p: AnonymousPolicy }>(
    'SELECT b.anonymous_policy AS p FROM posts p JOIN boards b ON b.id = p.board_id WHERE p.id = $1',
    [postId],
  );
  return row?.p;
}

/** Sets a board's anonymous policy; returns the board's id and the policy it had, or `undefined` for an unknown board. */
export async function updateBoardPolicy(
  tx: Queryable,
  slug: string,
  policy: AnonymousPolicy,
): Promise<{ id: string; previous: AnonymousPolicy } | undefined> {
  const [row] = await tx.query<{ id: string; previous: AnonymousPolicy }>(
    `UPDATE boards b SET anonymous_policy = $2 FROM boards old
      WHERE b.slug = $1 AND old.id = b.id
      RETURNING b.id, old.anonymous_policy AS previous`,
    [slug, policy],
  );
  return row;
}

/** A board's id; `not_found` for an unknown slug. */
export async function boardIdOf(db: Queryable, slug: string): Promise<string> {
  const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [slug]);
  if (!board) throw noSuchBoard(slug);
  return board.id;
}

/** A board's workflow, by position (the board is known to exist). */
export async function boardStatuses(db: Queryable, boardId: string): Promise<Status[]> {
  return db.query<Status>('SELECT key AS id, name, kind, position FROM statuses WHERE board_id = $1 ORDER BY position, key', [boardId]);
}

/** A board's first status of a kind (`open`: where new ideas land; `done`: where a changelog entry ships them); `undefined` when it has none. */
export async function firstStatusOfKind(db: Queryable, boardId: string, kind: StatusKind): Promise<string | undefined> {
  const [first] = await db.query<{ key: string }>(
    `SELECT key FROM statuses WHERE board_id = $1 AND kind = $2 ORDER BY position, key LIMIT 1`,
    [boardId, kind],
  );
  return first?.key;
}

/** The kind of a board's status; `undefined` when the board has no such status. */
export async function statusKind(db: Queryable, boardId: string, key: string): Promise<StatusKind | undefined> {
  const [row] = await db.query<{ kind: StatusKind }>('SELECT kind FROM statuses WHERE board_id = $1 AND key = $2', [boardId, key]);
  return row?.kind;
}

/** The status kinds of a board whose statuses tell an idea's followers (migration 0013). */
export async function notifyKindsOf(db: Queryable, boardId: string): Promise<StatusKind[]> {
  const [row] = await db.query<{ kinds: StatusKind[] }>('SELECT notify_kinds AS kinds FROM boards WHERE id = $1', [boardId]);
  return row?.kinds ?? ['done'];
}

/** Sets which status kinds of a board notify; returns the board's id, or `undefined` for an unknown board. */
export async function updateNotifyKinds(tx: Queryable, slug: string, kinds: readonly StatusKind[]): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>('UPDATE boards SET notify_kinds = $2::text[] WHERE slug = $1 RETURNING id', [slug, kinds]);
  return row?.id;
}

/** Changes a board's name, description or policy where given; the board is known to exist. */
export async function updateBoardFields(
  tx: Queryable,
  boardId: string,
  change: { name?: string | undefined; description?: string | undefined; anonymous?: AnonymousPolicy | undefined },
): Promise<void> {
  await tx.query(
    `UPDATE boards SET name = COALESCE($2, name), description = COALESCE($3, description), anonymous_policy = COALESCE($4, anonymous_policy)
      WHERE id = $1`,
    [boardId, change.name ?? null, change.description ?? null, change.anonymous ?? null],
  );
}

/** Writes a board's workflow as planned: kept statuses updated in place (their key stays), new ones added. */
export async function saveWorkflow(tx: Queryable, boardId: string, statuses: readonly Status[]): Promise<void> {
  for (const status of statuses) {
    await tx.query(
      `INSERT INTO statuses (board_id, key, name, kind, position) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id, key) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, position = EXCLUDED.position`,
      [boardId, status.id, status.name, status.kind, status.position],
    );
  }
}

/** Which of the given statuses of a board hold at least one idea. */
export async function statusesHoldingIdeas(db: Queryable, boardId: string, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<{ key: string }>('SELECT DISTINCT status_key AS key FROM posts WHERE board_id = $1 AND status_key = ANY($2::text[])', [
    boardId,
    keys,
  ]);
  return rows.map((row) => row.key);
}
