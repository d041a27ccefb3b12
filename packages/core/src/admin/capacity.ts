import { atom, type ReadableAtom } from 'nanostores';
import { BACKLOG_CATEGORIES, type BacklogCategory, type CapacityReport, type CapacitySettings, type EstimateUnit } from '../backlog/types.js';
import { BACKLOG_CATEGORY_NAMES, checkCapacitySettings } from '../backlog/rules.js';
import type { SaysoClient } from '../client.js';
import { toSaysoError, type SaysoError } from '../errors.js';
import type { InputProblem } from '../validation.js';
import { adminApiOf } from './admin-api.js';
import { loadable, type Loaded } from './settings.js';

/**
 * The capacity form as the admin typed it: every field as text, so what was typed survives a
 * refused save exactly, and an emptied category minimum means "no minimum".
 */
export interface CapacityDraft {
  engineeringTarget: string;
  categoryMinimums: Partial<Record<BacklogCategory, string>>;
  windowWeeks: string;
  staleDays: string;
  riskWeight: string;
  estimateUnit: string;
}

/** The form's fields for saved settings. */
export function capacityDraftOf(settings: CapacitySettings): CapacityDraft {
  return {
    engineeringTarget: String(settings.engineeringTarget),
    categoryMinimums: Object.fromEntries(Object.entries(settings.categoryMinimums).map(([category, share]) => [category, String(share)])),
    windowWeeks: String(settings.windowWeeks),
    staleDays: String(settings.staleDays),
    riskWeight: String(settings.riskWeight),
    estimateUnit: settings.estimateUnit,
  };
}

/** A typed number; an empty field is not a number (0 would pass the checks unnoticed). */
const typedNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/**
 * The settings a draft asks for, for core's `checkCapacitySettings` to judge: what is not a number
 * stays `NaN` (and is refused there), an empty category minimum is left out.
 */
export function capacitySettingsOfDraft(draft: CapacityDraft): CapacitySettings {
  const categoryMinimums: Partial<Record<BacklogCategory, number>> = {};
  for (const category of BACKLOG_CATEGORIES) {
    const typed = draft.categoryMinimums[category] ?? '';
    if (typed.trim() !== '') categoryMinimums[category] = typedNumber(typed);
  }
  return {
    engineeringTarget: typedNumber(draft.engineeringTarget),
    categoryMinimums,
    windowWeeks: typedNumber(draft.windowWeeks),
    staleDays: typedNumber(draft.staleDays),
    riskWeight: typedNumber(draft.riskWeight),
    estimateUnit: draft.estimateUnit as EstimateUnit,
  };
}

/** One bar pair of the capacity chart: engineering overall or one category, target beside actual. */
export interface CapacityBar {
  key: 'engineering' | BacklogCategory;
  name: string;
  /** % of all effort done in the window; `null` when no target is set. */
  target: number | null;
  actual: number;
  /** Effort done, in the board's estimate unit. */
  effort: number;
  /** actual − target; `null` without a target. */
  gap: number | null;
  /** The gap alone: "3 percentage points short", "on target", "no target". */
  verdict: string;
  /** The gap in words: "Security and compliance 2 % of 5 % target: 3 percentage points short". */
  words: string;
}

/** To a tenth, as shares are shown. */
const tenth = (value: number) => Math.round(value * 10) / 10;
// Percentage points, said in full: a board's estimates may be in (story) points too.
const percentagePoints = (value: number) => `${value} percentage ${value === 1 ? 'point' : 'points'}`;

/**
 * How far a share is from its target: "3 percentage points short", "2 percentage points over",
 * "on target", or "no target". The gap is taken between the shares as shown (to a tenth), so
 * the words add up.
 */
export function capacityVerdict(actual: number, target: number | null): string {
  if (target === null) return 'no target';
  const gap = tenth(tenth(actual) - tenth(target));
  return gap === 0 ? 'on target' : gap < 0 ? `${percentagePoints(-gap)} short` : `${percentagePoints(gap)} over`;
}

/** A share beside its target in words: "Security 2 % of 5 % target: 3 percentage points short", or "Performance 4 %, no target". */
export function capacityGapWords(name: string, actual: number, target: number | null): string {
  if (target === null) return `${name} ${tenth(actual)} %, no target`;
  return `${name} ${tenth(actual)} % of ${tenth(target)} % target: ${capacityVerdict(actual, target)}`;
}

/** The chart's rows: engineering overall, then every category, each with its target, actual share and the gap in words. */
export function capacityBars(report: CapacityReport): CapacityBar[] {
  return [
    {
      key: 'engineering',
      name: 'Engineering',
      target: report.engineeringTarget,
      actual: report.engineeringActual,
      effort: report.engineeringEffort,
      gap: report.engineeringGap,
      verdict: capacityVerdict(report.engineeringActual, report.engineeringTarget),
      words: capacityGapWords('Engineering', report.engineeringActual, report.engineeringTarget),
    },
    ...report.categories.map((category) => {
      const name = BACKLOG_CATEGORY_NAMES[category.category];
      const { target, actual, effort, gap } = category;
      return { key: category.category, name, target, actual, effort, gap, verdict: capacityVerdict(actual, target), words: capacityGapWords(name, actual, target) };
    }),
  ];
}

/** The share the chart's axis ends at: the largest target or actual, rounded up to a multiple of 10 (at least 10, at most 100). */
export function capacityScale(bars: readonly CapacityBar[]): number {
  const largest = Math.max(...bars.map((bar) => Math.max(bar.actual, bar.target ?? 0)), 0);
  return Math.min(100, Math.max(10, Math.ceil(largest / 10) * 10));
}

/** An amount of effort in the board's unit: "1 day", "12.5 points". */
export function effortWords(effort: number, unit: EstimateUnit): string {
  const rounded = tenth(effort);
  return `${rounded} ${rounded === 1 ? unit.slice(0, -1) : unit}`;
}

/** Where the last save of the targets stands. */
export interface CapacitySaveState {
  status: 'idle' | 'saving' | 'saved' | 'refused';
  /** Why it was refused, field by field (core's `checkCapacitySettings`, or the backend's own). */
  problems: InputProblem[];
  /** A failure no field explains (offline, no longer admin, the server failed). */
  error: SaysoError | null;
}

export interface AdminCapacityView {
  /** The board's targets beside the actual shares of effort done in its window. */
  readonly $report: ReadableAtom<Loaded<CapacityReport | null>>;
  readonly $save: ReadableAtom<CapacitySaveState>;
  /** Fetches the report (again), as the screen shows anew: the last save's outcome is forgotten with what was typed for it. */
  load(): Promise<void>;
  /**
   * Checks the typed settings with core's `checkCapacitySettings` and, when they pass, saves them;
   * the report then shows the new targets. Refused or failed, nothing changes: the form keeps
   * what was typed and shows why.
   */
  save(draft: CapacityDraft): Promise<boolean>;
}

/** The problems an `invalid_input` answer names field by field, else none. */
function problemsOf(error: SaysoError): InputProblem[] {
  const problems = error.code === 'invalid_input' ? error.details['problems'] : undefined;
  return Array.isArray(problems) ? (problems as InputProblem[]) : [];
}

/**
 * The console's capacity screen for one board (`client.view(createAdminCapacityView, { board })`):
 * the report of targets against actual shares, and the form that sets the targets and backlog
 * settings.
 */
export function createAdminCapacityView(client: SaysoClient, options: { board: string }): AdminCapacityView {
  const { board } = options;
  const report = loadable<CapacityReport | null>(null, () => adminApiOf(client).getCapacity({ board }));
  const $save = atom<CapacitySaveState>({ status: 'idle', problems: [], error: null });
  return {
    $report: report.$state,
    $save,
    load: () => {
      if ($save.get().status !== 'saving') $save.set({ status: 'idle', problems: [], error: null });
      return report.load();
    },
    save: async (draft) => {
      if ($save.get().status === 'saving') return false;
      const settings = capacitySettingsOfDraft(draft);
      const problems = checkCapacitySettings(settings);
      if (problems.length > 0) {
        $save.set({ status: 'refused', problems, error: null });
        return false;
      }
      $save.set({ status: 'saving', problems: [], error: null });
      try {
        const saved = await adminApiOf(client).setCapacitySettings({ board, ...settings });
        report.change(() => saved);
        $save.set({ status: 'saved', problems: [], error: null });
        return true;
      } catch (caught) {
        const error = toSaysoError(caught);
        const named = problemsOf(error);
        $save.set({ status: 'refused', problems: named, error: named.length > 0 ? null : error });
        return false;
      }
    },
  };
}
