import { describe, expect, it, vi } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import { DEFAULT_CAPACITY_SETTINGS, capacityReport } from '../backlog/rules.js';
import type { CapacityReport, CapacitySettings } from '../backlog/types.js';
import { createSaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import {
  capacityBars,
  capacityDraftOf,
  capacityGapWords,
  capacityScale,
  capacitySettingsOfDraft,
  createAdminCapacityView,
  effortWords,
  type CapacityDraft,
} from './capacity.js';

const settings: CapacitySettings = { ...DEFAULT_CAPACITY_SETTINGS, engineeringTarget: 20, categoryMinimums: { security_compliance: 5 } };

/** 2 of 100 days on security, 10 on performance, 88 on shipped ideas. */
const report: CapacityReport = capacityReport({
  board: 'demo',
  settings,
  now: new Date('2026-06-01T00:00:00Z'),
  done: {
    items: [
      { category: 'security_compliance', estimate: 2 },
      { category: 'performance', estimate: 10 },
    ],
    ideas: [{ effort: 88 }],
  },
});

/** A client whose admin part has only the capacity methods given. */
const clientWith = (admin: Partial<SaysoAdminApi>) => createSaysoClient({ adapter: { admin } as unknown as SaysoAdapter });

describe('capacity in words', () => {
  it('says how far a share is from its target', () => {
    expect(capacityGapWords('Security', 2, 5)).toBe('Security 2 % of 5 % target: 3 percentage points short');
    expect(capacityGapWords('Engineering', 21, 20)).toBe('Engineering 21 % of 20 % target: 1 percentage point over');
    expect(capacityGapWords('Engineering', 20, 20)).toBe('Engineering 20 % of 20 % target: on target');
    expect(capacityGapWords('Performance', 33.333, null)).toBe('Performance 33.3 %, no target');
    expect(capacityGapWords('Refactoring', 0.24, 0.46)).toBe('Refactoring 0.2 % of 0.5 % target: 0.3 percentage points short');
  });

  it('charts engineering overall, then every category, on an axis that fits the largest share', () => {
    const bars = capacityBars(report);
    expect(bars.map((bar) => bar.key)).toEqual(['engineering', 'tech_debt', 'infrastructure', 'developer_experience', 'security_compliance', 'refactoring', 'performance']);
    expect(bars[0]).toEqual({ key: 'engineering', name: 'Engineering', target: 20, actual: 12, effort: 12, gap: -8, verdict: '8 percentage points short', words: 'Engineering 12 % of 20 % target: 8 percentage points short' });
    expect(bars.find((bar) => bar.key === 'security_compliance')!.words).toBe('Security and compliance 2 % of 5 % target: 3 percentage points short');
    expect(bars.find((bar) => bar.key === 'performance')).toMatchObject({ verdict: 'no target', words: 'Performance 10 %, no target' });
    expect(capacityScale(bars)).toBe(20);
    expect(capacityScale(capacityBars({ ...report, engineeringActual: 0, engineeringTarget: 0, categories: [] }))).toBe(10);
    expect(capacityScale(capacityBars({ ...report, engineeringActual: 100 }))).toBe(100);
  });

  it('words effort in the board unit', () => {
    expect(effortWords(1, 'days')).toBe('1 day');
    expect(effortWords(12.25, 'points')).toBe('12.3 points');
    expect(effortWords(0, 'days')).toBe('0 days');
  });
});

describe('the capacity form', () => {
  it('fills its fields from saved settings and reads them back', () => {
    const draft = capacityDraftOf(settings);
    expect(draft).toEqual({ engineeringTarget: '20', categoryMinimums: { security_compliance: '5' }, windowWeeks: '6', staleDays: '90', riskWeight: '5', estimateUnit: 'days' });
    expect(capacitySettingsOfDraft(draft)).toEqual(settings);
  });

  it('leaves an emptied minimum out and keeps what is not a number as NaN, for the check to refuse', () => {
    const typed = capacitySettingsOfDraft({ ...capacityDraftOf(settings), engineeringTarget: ' ', windowWeeks: 'six', categoryMinimums: { security_compliance: '', performance: ' 4 ' } });
    expect(typed.categoryMinimums).toEqual({ performance: 4 });
    expect(typed.engineeringTarget).toBeNaN();
    expect(typed.windowWeeks).toBeNaN();
  });
});

describe('createAdminCapacityView', () => {
  const draft = (change: Partial<CapacityDraft> = {}): CapacityDraft => ({ ...capacityDraftOf(settings), ...change });

  it('loads the report and saves settings that pass, showing the new report', async () => {
    const saved = { ...report, settings: { ...settings, engineeringTarget: 25 }, engineeringTarget: 25 };
    const setCapacitySettings = vi.fn(async () => saved);
    const view = createAdminCapacityView(clientWith({ getCapacity: async () => report, setCapacitySettings }), { board: 'demo' });
    await view.load();
    expect(view.$report.get()).toEqual({ status: 'ready', value: report, error: null });

    expect(await view.save(draft({ engineeringTarget: '25' }))).toBe(true);
    expect(setCapacitySettings).toHaveBeenCalledWith({ board: 'demo', ...settings, engineeringTarget: 25 });
    expect(view.$report.get().value).toBe(saved);
    expect(view.$save.get()).toEqual({ status: 'saved', problems: [], error: null });
  });

  it('refuses settings core finds wrong, field by field, without sending them', async () => {
    const setCapacitySettings = vi.fn(async () => report);
    const view = createAdminCapacityView(clientWith({ getCapacity: async () => report, setCapacitySettings }), { board: 'demo' });
    await view.load();
    expect(await view.save(draft({ engineeringTarget: '120', windowWeeks: '', categoryMinimums: { security_compliance: '60', performance: '50' } }))).toBe(false);
    expect(setCapacitySettings).not.toHaveBeenCalled();
    expect(view.$save.get().status).toBe('refused');
    expect(view.$save.get().problems.map((problem) => problem.field)).toEqual(['engineeringTarget', 'categoryMinimums', 'windowWeeks']);
    expect(view.$save.get().problems[1]!.message).toContain('more than 100 %');
    expect(view.$report.get().value).toBe(report);
    // Shown anew, the form starts from the saved settings: the refusal went with what was typed.
    await view.load();
    expect(view.$save.get()).toEqual({ status: 'idle', problems: [], error: null });
  });

  it('shows the problems the backend names, or its failure when it names none', async () => {
    const refusal = new SaysoError('invalid_input', 'Refused.', { problems: [{ field: 'staleDays', message: 'Too long for this server.' }] });
    const answers = [Promise.reject(refusal), Promise.reject(new SaysoError('network', 'offline'))];
    const view = createAdminCapacityView(clientWith({ getCapacity: async () => report, setCapacitySettings: () => answers.shift()! }), { board: 'demo' });
    await view.load();
    expect(await view.save(draft())).toBe(false);
    expect(view.$save.get()).toEqual({ status: 'refused', problems: [{ field: 'staleDays', message: 'Too long for this server.' }], error: null });
    expect(await view.save(draft())).toBe(false);
    expect(view.$save.get()).toMatchObject({ status: 'refused', problems: [], error: { code: 'network' } });
  });

  it('says why the report could not be loaded, and loads it on a second try', async () => {
    const answers = [Promise.reject(new SaysoError('server', 'boom')), Promise.resolve(report)];
    const view = createAdminCapacityView(clientWith({ getCapacity: () => answers.shift()! }), { board: 'demo' });
    await view.load();
    expect(view.$report.get()).toMatchObject({ status: 'error', error: { code: 'server' } });
    await view.load();
    expect(view.$report.get()).toEqual({ status: 'ready', value: report, error: null });
  });
});
