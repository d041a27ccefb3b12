import type { CustomerValue, FeedbackSource, PostRef } from '../types.js';

// The engineering backlog (issue 14): technical work (debt, infrastructure, security…) linked to
// what users said, so it ranks by what they suffer and they are told when it is fixed.

/** What kind of engineering work an item is. */
export const BACKLOG_CATEGORIES = [
  'tech_debt',
  'infrastructure',
  'developer_experience',
  'security_compliance',
  'refactoring',
  'performance',
] as const;
export type BacklogCategory = (typeof BACKLOG_CATEGORIES)[number];

/** Where an item stands; `done` tells everyone behind its evidence, once. */
export const BACKLOG_STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'dropped'] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

/** The unit a board's estimates are in (items' `estimate`, ideas' `effort`). */
export type EstimateUnit = 'points' | 'days';

/**
 * How bad it would be to leave a security or compliance item undone: 0 none … 3 high. It weighs
 * in the priority of `security_compliance` items only.
 */
export type BacklogRisk = 0 | 1 | 2 | 3;

/** What an admin writes for an item; on a change, fields left out stay. */
export interface BacklogItemFields {
  title: string;
  /** Markdown; may be empty. */
  description?: string;
  /** The concrete next thing to do; an item without one is flagged vague. */
  nextStep?: string;
  category: BacklogCategory;
  /** Defaults to `proposed`. */
  status?: BacklogStatus;
  /** Effort in the board's unit ({@link CapacitySettings.estimateUnit}), above 0; `null`: not estimated. */
  estimate?: number | null;
  risk?: BacklogRisk;
  /** Who drives it (a name or handle); `null`: nobody yet. */
  owner?: string | null;
  /** Where the work is tracked (GitHub, GitLab, Jira, Linear… issue URLs), at most 10. */
  trackerUrls?: string[];
  /** Shown read-only on the public roadmap (`<sayso-roadmap show-engineering>`). */
  public?: boolean;
}

/** The people behind an item: every person behind any of its evidence, each once. */
export interface BacklogDemand {
  /** Distinct people: the people of every linked idea (merged ideas and on-behalf requests included) and every linked feedback item's author. */
  people: number;
  /** Their companies and MRR, each company once (core's customerValue). */
  customers: CustomerValue;
  /** Linked ideas and feedback items. */
  ideas: number;
  feedback: number;
}

/** One term of an item's priority, as for ideas. */
export interface BacklogPriorityTerm {
  name: 'people' | 'mrr' | 'risk' | 'effort';
  value: number;
  weight: number | null;
  contribution: number;
}

/** An item's priority with the formula and every term, so it can say why it ranks where it does. */
export interface BacklogPriority {
  score: number;
  /** With the weights written in, e.g. `(people × 1 + MRR × 0.01 + risk × 5) ÷ effort`. */
  formula: string;
  terms: BacklogPriorityTerm[];
}

/** One engineering backlog item as admins see it, with its demand and priority. */
export interface BacklogItem {
  id: string;
  board: string;
  title: string;
  description: string;
  nextStep: string;
  category: BacklogCategory;
  status: BacklogStatus;
  estimate: number | null;
  risk: BacklogRisk;
  owner: string | null;
  trackerUrls: string[];
  public: boolean;
  demand: BacklogDemand;
  priority: BacklogPriority;
  /** No concrete next step written. */
  vague: boolean;
  /** Open (not done or dropped) and untouched for longer than the board's `staleDays`. */
  stale: boolean;
  /** ISO 8601. */
  createdAt: string;
  /** When it last changed (text, status, evidence), ISO 8601: what `stale` is measured from. */
  updatedAt: string;
  /** When it moved to done; `null` otherwise. */
  doneAt: string | null;
}

/** What an item was when an editor saw it: a change meanwhile is a `conflict`. */
export interface BacklogItemSnapshot {
  updatedAt: string;
}

/** Narrows the backlog; every filter is optional. */
export interface BacklogFilters {
  category?: BacklogCategory;
  status?: BacklogStatus;
  /** Only items without a next step. */
  vague?: boolean;
  /** Only open items untouched for longer than the board's `staleDays` (the pruning list). */
  stale?: boolean;
  /** Words in the title, description or next step. */
  q?: string;
}

/** One piece of evidence behind an item: an idea or a feedback item. */
export interface BacklogEvidence {
  id: string;
  itemId: string;
  /** An idea (as linked; its people are its canonical's) … */
  post: (PostRef & { board: string; people: number; status: string }) | null;
  /** … or a feedback item, with its author. */
  feedback: { id: string; source: FeedbackSource; title: string | null; text: string; authorName: string | null; authorEmail: string | null; authorCompany: string | null } | null;
  /** ISO 8601. */
  addedAt: string;
}

/** Ideas and feedback that look like an item (the similarity engine), not linked yet, most similar first. */
export interface BacklogSuggestions {
  ideas: Array<PostRef & { people: number; score: number }>;
  feedback: Array<{ id: string; source: FeedbackSource; title: string | null; text: string; score: number }>;
}

/** A board's engineering capacity targets and backlog settings. */
export interface CapacitySettings {
  /** Target share of all effort for engineering work, 0–100 %. */
  engineeringTarget: number;
  /** Minimum share per category, in % of all effort (e.g. security at least 5). */
  categoryMinimums: Partial<Record<BacklogCategory, number>>;
  /** How many weeks back the actual shares look, 1–52. */
  windowWeeks: number;
  /** Open items untouched for longer are listed for pruning, 1–3650. */
  staleDays: number;
  /** Weight of a security or compliance item's risk (0–3) in its priority, ≥ 0. */
  riskWeight: number;
  estimateUnit: EstimateUnit;
}

/** Planned against actual for one category of engineering work. */
export interface CapacityShare {
  category: BacklogCategory;
  /** Effort done in the window. */
  effort: number;
  /** Share of all effort done in the window, %. */
  actual: number;
  /** The target minimum, %; `null` when none is set. */
  target: number | null;
  /** actual − target (negative: below target); `null` without a target. */
  gap: number | null;
}

/** A board's capacity: the targets beside the actual shares of effort done in the last weeks. */
export interface CapacityReport {
  board: string;
  settings: CapacitySettings;
  /** The window, ISO 8601. */
  from: string;
  to: string;
  /** Effort of ideas shipped in the window (their effort, 1 when not set). */
  ideaEffort: number;
  /** Effort of backlog items done in the window (their estimate, 1 when not set). */
  engineeringEffort: number;
  /** Engineering's share of all effort done, %; 0 when nothing was done. */
  engineeringActual: number;
  engineeringTarget: number;
  /** engineeringActual − engineeringTarget. */
  engineeringGap: number;
  categories: CapacityShare[];
  /** Work done in the window without an estimate (counted as 1). */
  unestimated: number;
}

/** A backlog item as visitors see it on the public roadmap: only what the team marked public. */
export interface PublicBacklogItem {
  id: string;
  title: string;
  category: BacklogCategory;
  status: BacklogStatus;
  /** How many people asked for what it fixes. */
  people: number;
}

/** A file of the ranked backlog for planning meetings. */
export type BacklogExportFormat = 'csv' | 'json';

export interface BacklogExport {
  filename: string;
  contentType: string;
  body: string;
}
