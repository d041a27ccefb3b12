import { DEFAULT_STATUSES } from '../defaults.js';
import { ANONYMOUS_POLICIES, type AnonymousPolicy, type Status, type StatusKind } from '../types.js';
import { tagSlug, type InputProblem } from '../validation.js';

/** The longest board name, description and status name. */
export const BOARD_LIMITS = { nameMax: 80, descriptionMax: 1_000, statusNameMax: 40 } as const;

const STATUS_KINDS: readonly StatusKind[] = ['open', 'active', 'done', 'declined', 'duplicate'];

/**
 * One status of a workflow as an admin edits it: with the `id` of an existing status to keep it
 * (renamed, of another kind, moved), without to add one. The list's order is the workflow's.
 */
export interface WorkflowStatus {
  id?: string;
  name: string;
  kind: StatusKind;
}

/** What an admin may change on a board; fields left out stay. */
export interface BoardChange {
  name?: string;
  description?: string;
  anonymous?: AnonymousPolicy;
  /** The whole workflow in order: every existing status, by `id`, and any new ones. */
  statuses?: WorkflowStatus[];
}

/** A board an admin creates: its slug is its address and never changes. */
export interface NewBoardSettings extends BoardChange {
  slug: string;
  name: string;
}

/** What a board slug may look like (the server's column checks the same). */
export const BOARD_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Checks a board's name, description and policy where given. */
export function checkBoardFields(change: BoardChange): InputProblem[] {
  const problems: InputProblem[] = [];
  if (change.name !== undefined) {
    const name = typeof change.name === 'string' ? change.name.trim() : '';
    if (!name) problems.push({ field: 'name', message: 'A board needs a name.' });
    else if (name.length > BOARD_LIMITS.nameMax) problems.push({ field: 'name', message: `A board name can have at most ${BOARD_LIMITS.nameMax} characters.` });
  }
  if (change.description !== undefined && (typeof change.description !== 'string' || change.description.length > BOARD_LIMITS.descriptionMax)) {
    problems.push({ field: 'description', message: `A description is text of at most ${BOARD_LIMITS.descriptionMax} characters.` });
  }
  if (change.anonymous !== undefined && !ANONYMOUS_POLICIES.includes(change.anonymous)) {
    problems.push({ field: 'anonymous', message: `anonymous must be one of ${ANONYMOUS_POLICIES.join(', ')}.` });
  }
  return problems;
}

/** Checks a new board: its slug, and its fields as {@link checkBoardFields}; `name` is required. */
export function checkNewBoard(board: NewBoardSettings): InputProblem[] {
  const problems = checkBoardFields({ ...board, name: board.name ?? '' });
  if (typeof board.slug !== 'string' || !BOARD_SLUG_PATTERN.test(board.slug)) {
    problems.unshift({ field: 'slug', message: 'A board slug is 1 to 63 lowercase letters, digits or "-", starting with a letter or digit.' });
  }
  return problems;
}

/** A workflow as planned: the statuses in order, or why it cannot be. */
export type WorkflowPlan =
  | { ok: true; statuses: Status[]; /** Ids of kept statuses whose kind changes (refused while they hold ideas). */ kindChanged: string[] }
  | { ok: false; problems: InputProblem[] };

/**
 * Plans a board's workflow from what the admin sent: statuses keep their ids (their key in
 * addresses and filters) however renamed or moved; a new one gets a key made from its name,
 * unique on the board. Every existing status must be listed (removing one would strand its
 * ideas), names are unique (case-insensitively), and the board keeps an `open` status (where
 * new ideas land) and a `done` one (where shipped ideas go).
 */
export function planWorkflow(current: readonly Status[], wanted: readonly WorkflowStatus[] | undefined): WorkflowPlan {
  const fail = (message: string): WorkflowPlan => ({ ok: false, problems: [{ field: 'statuses', message }] });
  if (!Array.isArray(wanted) || wanted.length === 0) return fail('statuses must list the workflow, one or more statuses.');
  const byId = new Map(current.map((status) => [status.id, status]));
  const names = new Set<string>();
  const keys = new Set(current.map((status) => status.id));
  const listed = new Set<string>();
  const statuses: Status[] = [];
  const kindChanged: string[] = [];
  for (const [position, entry] of wanted.entries()) {
    const name = typeof entry?.name === 'string' ? entry.name.trim() : '';
    if (!name || name.length > BOARD_LIMITS.statusNameMax) return fail(`Each status needs a name of 1 to ${BOARD_LIMITS.statusNameMax} characters.`);
    if (!STATUS_KINDS.includes(entry.kind)) return fail(`A status's kind is one of ${STATUS_KINDS.join(', ')}.`);
    if (names.has(name.toLowerCase())) return fail(`Two statuses are named "${name}": each name is used once.`);
    names.add(name.toLowerCase());
    let id = entry.id;
    if (id !== undefined) {
      const existing = byId.get(id);
      if (!existing || listed.has(id)) return fail(`There is no status "${id}" to keep, or it is listed twice.`);
      if (existing.kind !== entry.kind) kindChanged.push(id);
    } else {
      const base = tagSlug(name) || 'status';
      id = base;
      for (let n = 2; keys.has(id); n++) id = `${base}-${n}`;
      keys.add(id);
    }
    listed.add(id);
    statuses.push({ id, name, kind: entry.kind, position });
  }
  const missing = current.filter((status) => !listed.has(status.id));
  if (missing.length > 0) return fail(`Every status stays: ${missing.map((status) => `"${status.name}"`).join(', ')} must be listed.`);
  for (const kind of ['open', 'done'] as const) {
    if (!statuses.some((status) => status.kind === kind)) return fail(`A board needs a status of kind ${kind}.`);
  }
  return { ok: true, statuses, kindChanged };
}

/** The workflow of a new board: the one given, else the default. */
export function newBoardWorkflow(wanted: readonly WorkflowStatus[] | undefined): WorkflowPlan {
  return wanted === undefined ? { ok: true, statuses: DEFAULT_STATUSES.map((status) => ({ ...status })), kindChanged: [] } : planWorkflow([], wanted);
}
