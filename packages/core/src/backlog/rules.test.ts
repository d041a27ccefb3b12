import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_FORMULA } from '../rules/demand.js';
import { listedBacklogItem } from '../testing/backlog-item.js';
import {
  BACKLOG_LIMITS,
  DEFAULT_CAPACITY_SETTINGS,
  backlogItemView,
  backlogPriority,
  capacityReport,
  capacityWindowStart,
  checkBacklogItem,
  checkCapacitySettings,
  compareBacklogRank,
  isStale,
  isVague,
  trackerIssueOf,
} from './rules.js';

const fieldsOf = (problems: Array<{ field: string }>) => problems.map((problem) => problem.field);

/** An item as listed, with only what ranking reads set on purpose. */
const ranked = (id: string, score: number, people: number, createdAt = '2026-01-01T00:00:00.000Z') =>
  listedBacklogItem(id, { priority: { score, formula: '', terms: [] }, demand: { ...listedBacklogItem(id).demand, people }, createdAt });

describe('backlog item fields', () => {
  it('takes a complete new item and any partial change of valid fields', () => {
    expect(checkBacklogItem({ title: 'Rotate keys', category: 'security_compliance' })).toEqual([]);
    expect(
      checkBacklogItem({
        title: 'Rotate keys',
        category: 'security_compliance',
        status: 'planned',
        estimate: 0.5,
        risk: 3,
        owner: null,
        description: '',
        nextStep: 'Write the runbook',
        trackerUrls: ['https://github.com/acme/api/issues/1', 'https://acme.atlassian.net/browse/SEC-4'],
      }),
    ).toEqual([]);
    expect(checkBacklogItem({ estimate: null }, { partial: true })).toEqual([]);
    expect(checkBacklogItem({}, { partial: true })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(fieldsOf(checkBacklogItem({}))).toEqual(['title', 'category']);
    expect(fieldsOf(checkBacklogItem({ title: '   ', category: 'tech_debt' }))).toEqual(['title']);
    expect(checkBacklogItem({ title: 'x'.repeat(BACKLOG_LIMITS.titleMax + 1), category: 'tech_debt' })).toEqual([expect.objectContaining({ field: 'title', rule: 'too_long', limit: 200 })]);
    // Checked trimmed: spaces around a title at the limit do not count.
    expect(checkBacklogItem({ title: ` ${'x'.repeat(BACKLOG_LIMITS.titleMax)} `, category: 'tech_debt' })).toEqual([]);
    const bad = {
      category: 'chores',
      status: 'someday',
      estimate: 0,
      risk: 4,
      nextStep: 'x'.repeat(BACKLOG_LIMITS.nextStepMax + 1),
      owner: 7,
      trackerUrls: ['ftp://files.example/issue/1'],
    } as never;
    expect(fieldsOf(checkBacklogItem(bad, { partial: true })).sort()).toEqual(['category', 'estimate', 'nextStep', 'owner', 'risk', 'status', 'trackerUrls']);
    for (const estimate of [-1, Number.NaN, Number.POSITIVE_INFINITY, '3']) expect(fieldsOf(checkBacklogItem({ estimate } as never, { partial: true }))).toEqual(['estimate']);
    const tooMany = Array.from({ length: BACKLOG_LIMITS.trackerUrls + 1 }, (_, n) => `https://github.com/acme/api/issues/${n}`);
    expect(fieldsOf(checkBacklogItem({ trackerUrls: tooMany }, { partial: true }))).toEqual(['trackerUrls']);
  });
});

describe('capacity settings', () => {
  it('takes the defaults and any valid part of them', () => {
    expect(checkCapacitySettings(DEFAULT_CAPACITY_SETTINGS)).toEqual([]);
    expect(checkCapacitySettings({ categoryMinimums: { security_compliance: 5, performance: 95 }, riskWeight: 0, windowWeeks: 52, staleDays: 3650 })).toEqual([]);
  });

  it('names every bad value', () => {
    const bad = { engineeringTarget: 100.5, windowWeeks: 1.5, staleDays: 0, riskWeight: -0.1, estimateUnit: 'hours' } as never;
    expect(fieldsOf(checkCapacitySettings(bad))).toEqual(['engineeringTarget', 'windowWeeks', 'staleDays', 'riskWeight', 'estimateUnit']);
    expect(fieldsOf(checkCapacitySettings({ windowWeeks: 53 }))).toEqual(['windowWeeks']);
    expect(checkCapacitySettings({ categoryMinimums: { security_compliance: 60, performance: 41 } })).toEqual([
      { field: 'categoryMinimums', message: 'The category minimums add up to more than 100 %.' },
    ]);
    for (const categoryMinimums of [{ chores: 5 }, { performance: -1 }, null]) {
      expect(fieldsOf(checkCapacitySettings({ categoryMinimums } as never))).toEqual(['categoryMinimums']);
    }
  });
});

describe('backlog priority', () => {
  it('weighs people and MRR as the board weighs ideas, over the estimate, and says how', () => {
    const priority = backlogPriority({ peopleWeight: 2, mrrWeight: 0.01 }, 5, { category: 'performance', risk: 0, estimate: 4 }, { people: 6, mrr: 400 });
    expect(priority).toEqual({
      score: 4,
      formula: '(people × 2 + MRR × 0.01 + risk × 5) ÷ effort',
      terms: [
        { name: 'people', value: 6, weight: 2, contribution: 12 },
        { name: 'mrr', value: 400, weight: 0.01, contribution: 4 },
        { name: 'risk', value: 0, weight: 5, contribution: 0 },
        { name: 'effort', value: 4, weight: null, contribution: 4 },
      ],
    });
  });

  it('counts risk for security and compliance items only, and an unestimated item as effort 1', () => {
    const security = backlogPriority(DEFAULT_PRIORITY_FORMULA, 5, { category: 'security_compliance', risk: 3, estimate: null }, { people: 0, mrr: 0 });
    expect(security.score).toBe(15);
    expect(security.terms.find((term) => term.name === 'effort')).toMatchObject({ value: 1 });
    const debt = backlogPriority(DEFAULT_PRIORITY_FORMULA, 5, { category: 'tech_debt', risk: 3, estimate: null }, { people: 0, mrr: 0 });
    expect(debt.score).toBe(0);
    expect(debt.terms.find((term) => term.name === 'risk')).toEqual({ name: 'risk', value: 0, weight: 5, contribution: 0 });
  });

  it('rounds to three decimals', () => {
    expect(backlogPriority(DEFAULT_PRIORITY_FORMULA, 5, { category: 'tech_debt', risk: 0, estimate: 3 }, { people: 1, mrr: 0 }).score).toBe(0.333);
  });
});

describe('backlog flags and order', () => {
  const now = new Date('2026-06-01T00:00:00.000Z');
  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

  it('calls an item without a next step vague, whitespace included', () => {
    expect(isVague({ nextStep: '' })).toBe(true);
    expect(isVague({ nextStep: ' \n ' })).toBe(true);
    expect(isVague({ nextStep: 'Profile the query' })).toBe(false);
  });

  it('calls an open item stale after more than staleDays untouched; done and dropped never', () => {
    expect(isStale({ status: 'proposed', updatedAt: daysBefore(90) }, now, 90)).toBe(false);
    expect(isStale({ status: 'proposed', updatedAt: daysBefore(90.01) }, now, 90)).toBe(true);
    expect(isStale({ status: 'in_progress', updatedAt: daysBefore(400) }, now, 90)).toBe(true);
    expect(isStale({ status: 'done', updatedAt: daysBefore(400) }, now, 90)).toBe(false);
    expect(isStale({ status: 'dropped', updatedAt: daysBefore(400) }, now, 90)).toBe(false);
  });

  it('ranks by score, then people, then the oldest, then id', () => {
    const items = [
      ranked('newer', 1, 0, '2026-02-01T00:00:00.000Z'),
      ranked('b', 1, 0),
      ranked('a', 1, 0),
      ranked('more-people', 1, 5, '2026-03-01T00:00:00.000Z'),
      ranked('top', 2, 0, '2026-04-01T00:00:00.000Z'),
    ];
    expect(items.sort(compareBacklogRank).map((item) => item.id)).toEqual(['top', 'more-people', 'a', 'b', 'newer']);
  });
});

describe('capacity report', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');

  it('sets the effort done beside the targets, each category by its minimum', () => {
    const settings = { ...DEFAULT_CAPACITY_SETTINGS, engineeringTarget: 30, categoryMinimums: { security_compliance: 10, performance: 5 } };
    const report = capacityReport({
      board: 'demo',
      settings,
      now,
      done: {
        items: [
          { category: 'security_compliance', estimate: 1 },
          { category: 'tech_debt', estimate: null },
          { category: 'tech_debt', estimate: 2 },
        ],
        ideas: [{ effort: 3 }, { effort: null }, { effort: 2 }],
      },
    });
    expect(report).toMatchObject({
      board: 'demo',
      settings,
      from: '2026-04-20T12:00:00.000Z',
      to: '2026-06-01T12:00:00.000Z',
      ideaEffort: 6,
      engineeringEffort: 4,
      engineeringActual: 40,
      engineeringTarget: 30,
      engineeringGap: 10,
      unestimated: 2,
    });
    expect(report.categories).toHaveLength(6);
    expect(report.categories.find((share) => share.category === 'security_compliance')).toEqual({ category: 'security_compliance', effort: 1, actual: 10, target: 10, gap: 0 });
    expect(report.categories.find((share) => share.category === 'tech_debt')).toEqual({ category: 'tech_debt', effort: 3, actual: 30, target: null, gap: null });
    expect(report.categories.find((share) => share.category === 'performance')).toEqual({ category: 'performance', effort: 0, actual: 0, target: 5, gap: -5 });
  });

  it('shows 0 % of nothing when nothing was done, and the window from windowWeeks', () => {
    const report = capacityReport({ board: 'demo', settings: DEFAULT_CAPACITY_SETTINGS, now, done: { items: [], ideas: [] } });
    expect(report).toMatchObject({ ideaEffort: 0, engineeringEffort: 0, engineeringActual: 0, engineeringGap: -20, unestimated: 0 });
    expect(capacityWindowStart(now, 1).toISOString()).toBe('2026-05-25T12:00:00.000Z');
  });

  it('rounds shares to a tenth of a percent', () => {
    const report = capacityReport({ board: 'demo', settings: DEFAULT_CAPACITY_SETTINGS, now, done: { items: [{ category: 'performance', estimate: 1 }], ideas: [{ effort: 2 }] } });
    expect(report.engineeringActual).toBe(33.3);
    expect(report.engineeringGap).toBe(13.3);
  });
});

describe('tracker issue links', () => {
  it('reads GitHub, GitLab, Jira and Linear issues into a label and a comparable key', () => {
    expect(trackerIssueOf('https://github.com/acme/api/issues/12')).toEqual({ tracker: 'github', label: 'acme/api#12', key: 'https://github.com/acme/api/issues/12' });
    expect(trackerIssueOf('https://github.com/acme/api/pull/7')).toMatchObject({ tracker: 'github', label: 'acme/api#7' });
    expect(trackerIssueOf('https://gitlab.example.com/group/sub/app/-/issues/3')).toMatchObject({ tracker: 'gitlab', label: 'group/sub/app#3' });
    expect(trackerIssueOf('https://acme.atlassian.net/browse/SEC-42')).toMatchObject({ tracker: 'jira', label: 'SEC-42' });
    expect(trackerIssueOf('https://linear.app/acme/issue/ENG-9/make-it-faster')).toMatchObject({ tracker: 'linear', label: 'ENG-9' });
    expect(trackerIssueOf('https://tracker.example/tickets/5')).toEqual({ tracker: 'other', label: 'tracker.example/tickets/5', key: 'https://tracker.example/tickets/5' });
  });

  it('keys the same issue alike however it is written: host case, query, fragment, trailing slash, http', () => {
    const key = trackerIssueOf('https://github.com/acme/api/issues/12')!.key;
    for (const url of ['  https://GitHub.com/acme/api/issues/12/  ', 'https://github.com/acme/api/issues/12?ref=x#issuecomment-1', 'http://github.com/acme/api/issues/12']) {
      expect(trackerIssueOf(url)?.key).toBe(key);
    }
  });

  it('refuses anything but an http(s) URL', () => {
    for (const url of ['', 'not a link', 'javascript:alert(1)', 'ftp://github.com/acme/api/issues/1', 'mailto:dev@acme.test']) expect(trackerIssueOf(url)).toBeNull();
  });
});

describe('an item as admins read it', () => {
  it('counts its people once, their companies once, and ranks and flags it from its board', () => {
    const { demand: _demand, priority: _priority, vague: _vague, stale: _stale, ...record } = listedBacklogItem('perf', {
      category: 'performance',
      estimate: 2,
      nextStep: '',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const people = [
      { company: 'Acme', mrr: 500, plan: 'pro' },
      { company: 'acme', mrr: 300, plan: 'pro' },
      { company: null, mrr: null, plan: null },
    ];
    const item = backlogItemView(record, { people, ideas: 2, feedback: 1 }, {
      formula: DEFAULT_PRIORITY_FORMULA,
      settings: { ...DEFAULT_CAPACITY_SETTINGS, staleDays: 30 },
      now: new Date('2026-03-01T00:00:00.000Z'),
    });
    expect(item.demand).toMatchObject({ people: 3, ideas: 2, feedback: 1, customers: { mrr: 500, companies: [{ name: 'Acme', mrr: 500, people: 2 }] } });
    // (3 people × 1 + 500 MRR × 0.01) ÷ 2 days.
    expect(item.priority.score).toBe(4);
    expect(item).toMatchObject({ vague: true, stale: true, title: record.title });
  });
});
