import { customerValue, type PersonValue } from '../rules/demand.js';
import type { PriorityFormula } from '../types.js';
import type { InputProblem } from '../validation.js';
import {
  BACKLOG_CATEGORIES,
  BACKLOG_STATUSES,
  type BacklogCategory,
  type BacklogItem,
  type BacklogItemFields,
  type BacklogPriority,
  type BacklogRisk,
  type BacklogStatus,
  type CapacityReport,
  type CapacitySettings,
  type PublicBacklogItem,
} from './types.js';

/** Limits of an item's fields, shared by every backend and the console's form. */
export const BACKLOG_LIMITS = {
  titleMax: 200,
  descriptionMax: 20_000,
  nextStepMax: 1_000,
  ownerMax: 200,
  trackerUrls: 10,
  trackerUrlMax: 2_000,
} as const;

/** What an item has of the fields an admin left out when adding it: a public-less, unestimated, unowned proposal. */
export const BACKLOG_ITEM_DEFAULTS: Readonly<Required<Omit<BacklogItemFields, 'title' | 'category'>>> = {
  description: '',
  nextStep: '',
  status: 'proposed',
  estimate: null,
  risk: 0,
  owner: null,
  trackerUrls: [],
  public: false,
};

/** A board's settings until an admin sets them: 20 % engineering, a six-week window, pruning after 90 days. */
export const DEFAULT_CAPACITY_SETTINGS: Readonly<CapacitySettings> = {
  engineeringTarget: 20,
  categoryMinimums: {},
  windowWeeks: 6,
  staleDays: 90,
  riskWeight: 5,
  estimateUnit: 'days',
};

/** The names people read for each category and status. */
export const BACKLOG_CATEGORY_NAMES: Readonly<Record<BacklogCategory, string>> = {
  tech_debt: 'Technical debt',
  infrastructure: 'Infrastructure',
  developer_experience: 'Developer experience',
  security_compliance: 'Security and compliance',
  refactoring: 'Refactoring and modernization',
  performance: 'Performance',
};
export const BACKLOG_STATUS_NAMES: Readonly<Record<BacklogStatus, string>> = {
  proposed: 'Proposed',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const isBacklogCategory = (value: unknown): value is BacklogCategory => BACKLOG_CATEGORIES.includes(value as BacklogCategory);
export const isBacklogStatus = (value: unknown): value is BacklogStatus => BACKLOG_STATUSES.includes(value as BacklogStatus);

/**
 * Checks an item's fields before they are written: all of them for a new item, only those given
 * for a change (`partial`). Titles and texts are checked trimmed.
 */
export function checkBacklogItem(fields: Partial<BacklogItemFields>, options: { partial?: boolean } = {}): InputProblem[] {
  const problems: InputProblem[] = [];
  const given = (field: keyof BacklogItemFields) => !options.partial || fields[field] !== undefined;
  if (given('title')) {
    const title = typeof fields.title === 'string' ? fields.title.trim() : '';
    if (!title) problems.push({ field: 'title', message: 'Give the item a title.', rule: 'required' });
    else if (title.length > BACKLOG_LIMITS.titleMax) {
      problems.push({ field: 'title', message: `The title can have at most ${BACKLOG_LIMITS.titleMax} characters.`, rule: 'too_long', limit: BACKLOG_LIMITS.titleMax });
    }
  }
  for (const [field, max] of [['description', BACKLOG_LIMITS.descriptionMax], ['nextStep', BACKLOG_LIMITS.nextStepMax], ['owner', BACKLOG_LIMITS.ownerMax]] as const) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') problems.push({ field, message: `${field} must be text.` });
    else if (value.length > max) problems.push({ field, message: `${field} can have at most ${max} characters.`, rule: 'too_long', limit: max });
  }
  if (given('category') && !isBacklogCategory(fields.category)) {
    problems.push({ field: 'category', message: `Category is one of ${BACKLOG_CATEGORIES.join(', ')}.` });
  }
  if (fields.status !== undefined && !isBacklogStatus(fields.status)) {
    problems.push({ field: 'status', message: `Status is one of ${BACKLOG_STATUSES.join(', ')}.` });
  }
  if (fields.estimate !== undefined && fields.estimate !== null && !(typeof fields.estimate === 'number' && Number.isFinite(fields.estimate) && fields.estimate > 0)) {
    problems.push({ field: 'estimate', message: 'The estimate is a number above 0, or none.' });
  }
  if (fields.risk !== undefined && ![0, 1, 2, 3].includes(fields.risk)) {
    problems.push({ field: 'risk', message: 'Risk is 0 (none), 1 (low), 2 (medium) or 3 (high).' });
  }
  if (fields.trackerUrls !== undefined) {
    if (!Array.isArray(fields.trackerUrls) || fields.trackerUrls.length > BACKLOG_LIMITS.trackerUrls) {
      problems.push({ field: 'trackerUrls', message: `Link at most ${BACKLOG_LIMITS.trackerUrls} tracker issues.` });
    } else if (fields.trackerUrls.some((url) => typeof url !== 'string' || url.length > BACKLOG_LIMITS.trackerUrlMax || !trackerIssueOf(url))) {
      problems.push({ field: 'trackerUrls', message: 'Each tracker link is an http(s) URL of an issue.' });
    }
  }
  return problems;
}

/** Checks capacity settings: shares 0–100 (the minimums adding up to at most 100), a window of 1–52 weeks, 1–3650 stale days, a risk weight ≥ 0. */
export function checkCapacitySettings(settings: Partial<CapacitySettings>): InputProblem[] {
  const problems: InputProblem[] = [];
  const share = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100;
  const whole = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  if (settings.engineeringTarget !== undefined && !share(settings.engineeringTarget)) {
    problems.push({ field: 'engineeringTarget', message: 'The engineering target is a share from 0 to 100 %.' });
  }
  if (settings.categoryMinimums !== undefined) {
    const entries = Object.entries(settings.categoryMinimums ?? {});
    if (typeof settings.categoryMinimums !== 'object' || settings.categoryMinimums === null || entries.some(([category, value]) => !isBacklogCategory(category) || !share(value))) {
      problems.push({ field: 'categoryMinimums', message: 'Each category minimum is a share from 0 to 100 % of a known category.' });
    } else if (entries.reduce((sum, [, value]) => sum + (value as number), 0) > 100) {
      problems.push({ field: 'categoryMinimums', message: 'The category minimums add up to more than 100 %.' });
    }
  }
  if (settings.windowWeeks !== undefined && !whole(settings.windowWeeks, 1, 52)) problems.push({ field: 'windowWeeks', message: 'The window is 1 to 52 weeks.' });
  if (settings.staleDays !== undefined && !whole(settings.staleDays, 1, 3650)) problems.push({ field: 'staleDays', message: 'Stale after 1 to 3650 days.' });
  if (settings.riskWeight !== undefined && !(typeof settings.riskWeight === 'number' && Number.isFinite(settings.riskWeight) && settings.riskWeight >= 0)) {
    problems.push({ field: 'riskWeight', message: 'The risk weight is a number of at least 0.' });
  }
  if (settings.estimateUnit !== undefined && settings.estimateUnit !== 'points' && settings.estimateUnit !== 'days') {
    problems.push({ field: 'estimateUnit', message: 'Estimates are in points or days.' });
  }
  return problems;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * An item's priority, written out so it can say why it ranks where it does:
 * `(people × peopleWeight + MRR × mrrWeight + risk × riskWeight) ÷ effort`. People and MRR are the
 * evidence's (the same weights as the board's ideas, so an item and an idea backed by the same
 * people weigh alike); risk counts for security and compliance items only; effort is the
 * estimate, 1 when not estimated.
 */
export function backlogPriority(
  formula: PriorityFormula,
  riskWeight: number,
  item: { category: BacklogCategory; risk: BacklogRisk; estimate: number | null },
  demand: { people: number; mrr: number },
): BacklogPriority {
  const risk = item.category === 'security_compliance' ? item.risk : 0;
  const effort = item.estimate ?? 1;
  const people = demand.people * formula.peopleWeight;
  const mrr = demand.mrr * formula.mrrWeight;
  const riskPart = risk * riskWeight;
  return {
    score: round((people + mrr + riskPart) / effort),
    formula: `(people × ${formula.peopleWeight} + MRR × ${formula.mrrWeight} + risk × ${riskWeight}) ÷ effort`,
    terms: [
      { name: 'people', value: demand.people, weight: formula.peopleWeight, contribution: round(people) },
      { name: 'mrr', value: demand.mrr, weight: formula.mrrWeight, contribution: round(mrr) },
      { name: 'risk', value: risk, weight: riskWeight, contribution: round(riskPart) },
      { name: 'effort', value: effort, weight: null, contribution: effort },
    ],
  };
}

/** What an item is without what is worked out from its evidence and its board. */
export type BacklogItemRecord = Omit<BacklogItem, 'demand' | 'priority' | 'vague' | 'stale'>;

/**
 * An item as admins read it, the same from every backend: its demand from the distinct people
 * behind its evidence (each once) and how many ideas and feedback items that is, its priority under
 * the board's formula and settings, and its flags as of `now`.
 */
export function backlogItemView(
  item: BacklogItemRecord,
  behind: { people: readonly PersonValue[]; ideas: number; feedback: number },
  board: { formula: PriorityFormula; settings: CapacitySettings; now: Date },
): BacklogItem {
  const customers = customerValue(behind.people);
  const people = behind.people.length;
  return {
    ...item,
    demand: { people, customers, ideas: behind.ideas, feedback: behind.feedback },
    priority: backlogPriority(board.formula, board.settings.riskWeight, item, { people, mrr: customers.mrr }),
    vague: isVague(item),
    stale: isStale(item, board.now, board.settings.staleDays),
  };
}

/** An item nobody can act on yet: no concrete next step written. */
export const isVague = (item: { nextStep: string }): boolean => item.nextStep.trim() === '';

/** An open item (not done, not dropped) untouched for more than `staleDays`: listed for pruning. */
export function isStale(item: { status: BacklogStatus; updatedAt: string }, now: Date, staleDays: number): boolean {
  if (item.status === 'done' || item.status === 'dropped') return false;
  return now.getTime() - Date.parse(item.updatedAt) > staleDays * 86_400_000;
}

/** The backlog's order: highest priority first, then most people, then oldest, then id. */
export function compareBacklogRank(a: BacklogItem, b: BacklogItem): number {
  return (
    b.priority.score - a.priority.score ||
    b.demand.people - a.demand.people ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** The order of the public roadmap's engineering work: what is being done, then planned, proposed, done. */
const PUBLIC_STATUS_ORDER: readonly BacklogStatus[] = ['in_progress', 'planned', 'proposed', 'done'];

/**
 * What visitors see of a board's backlog, from the items in rank order: the public ones not
 * dropped, by status (in progress, planned, proposed, then done, newest done first), in rank order
 * within a status, each without its evidence or anything about who asked.
 */
export function publicBacklog(ranked: readonly BacklogItem[]): PublicBacklogItem[] {
  const place = (item: BacklogItem) => PUBLIC_STATUS_ORDER.indexOf(item.status);
  return ranked
    .filter((item) => item.public && item.status !== 'dropped')
    .sort((a, b) => place(a) - place(b) || (b.doneAt ?? '').localeCompare(a.doneAt ?? ''))
    .map((item) => ({ id: item.id, title: item.title, category: item.category, status: item.status, people: item.demand.people }));
}

/** Work done on a board in a window: backlog items (category, estimate) and shipped ideas (effort). */
export interface DoneWork {
  items: ReadonlyArray<{ category: BacklogCategory; estimate: number | null }>;
  ideas: ReadonlyArray<{ effort: number | null }>;
}

/** The start of the capacity window ending at `now`. */
export const capacityWindowStart = (now: Date, windowWeeks: number): Date => new Date(now.getTime() - windowWeeks * 7 * 86_400_000);

/**
 * A board's capacity, planned against actual: the effort done in the window (ideas shipped and
 * items done, each by its estimate, 1 when it has none), engineering's share of it and each
 * category's, beside the targets, with the gaps. Shares are % of all effort done, rounded to 0.1.
 */
export function capacityReport(params: { board: string; settings: CapacitySettings; now: Date; done: DoneWork }): CapacityReport {
  const { settings, done } = params;
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const ideaEffort = done.ideas.reduce((sum, idea) => sum + (idea.effort ?? 1), 0);
  const perCategory = new Map<BacklogCategory, number>();
  for (const item of done.items) perCategory.set(item.category, (perCategory.get(item.category) ?? 0) + (item.estimate ?? 1));
  const engineeringEffort = [...perCategory.values()].reduce((sum, effort) => sum + effort, 0);
  const total = ideaEffort + engineeringEffort;
  const engineeringActual = share(engineeringEffort, total);
  return {
    board: params.board,
    settings,
    from: capacityWindowStart(params.now, settings.windowWeeks).toISOString(),
    to: params.now.toISOString(),
    ideaEffort: round(ideaEffort),
    engineeringEffort: round(engineeringEffort),
    engineeringActual,
    engineeringTarget: settings.engineeringTarget,
    engineeringGap: round(engineeringActual - settings.engineeringTarget),
    categories: BACKLOG_CATEGORIES.map((category) => {
      const effort = perCategory.get(category) ?? 0;
      const actual = share(effort, total);
      const target = settings.categoryMinimums[category] ?? null;
      return { category, effort: round(effort), actual, target, gap: target === null ? null : round(actual - target) };
    }),
    unestimated: done.items.filter((item) => item.estimate === null).length + done.ideas.filter((idea) => idea.effort === null).length,
  };
}

/** A tracker issue an item links to. */
export interface TrackerIssue {
  tracker: 'github' | 'gitlab' | 'jira' | 'linear' | 'other';
  /** Short, for a chip: `owner/repo#12`, `PROJ-7`. */
  label: string;
  /** The URL compared when a tracker says the issue closed: lower-case host, no query, fragment or trailing slash. */
  key: string;
}

/** Reads a tracker issue link; `null` for anything but an http(s) URL. */
export function trackerIssueOf(url: string): TrackerIssue | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname.replace(/\/+$/, '');
  const key = `https://${host}${parsed.port ? `:${parsed.port}` : ''}${path}`;
  const github = host === 'github.com' && /^\/([^/]+)\/([^/]+)\/(?:issues|pull)\/(\d+)$/.exec(path);
  if (github) return { tracker: 'github', label: `${github[1]}/${github[2]}#${github[3]}`, key };
  const gitlab = /^\/(.+)\/-\/(?:issues|merge_requests)\/(\d+)$/.exec(path);
  if (gitlab && host.includes('gitlab')) return { tracker: 'gitlab', label: `${gitlab[1]}#${gitlab[2]}`, key };
  const jira = /\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(path);
  if (jira) return { tracker: 'jira', label: jira[1]!, key };
  const linear = host === 'linear.app' && /\/issue\/([A-Z][A-Z0-9]*-\d+)/.exec(path);
  if (linear) return { tracker: 'linear', label: linear[1]!, key };
  return { tracker: 'other', label: `${host}${path}`, key };
}
