import type { CustomerValue, DemandDay, NewCustomerRequest, PeopleBreakdown, PriorityExplanation, PriorityFormula, PriorityInputs } from '../types.js';
import { REQUEST_IMPORTANCES } from '../types.js';
import type { InputProblem } from '../validation.js';

/**
 * Counts an idea's people each once: `direct` are the people of the idea itself (voters and
 * recorded requests), `viaMerged` those of every idea merged into it. Any iterable of person ids.
 */
export function peopleBreakdown(direct: Iterable<string>, viaMerged: Iterable<string>): PeopleBreakdown {
  const own = new Set(direct);
  const merged = new Set(viaMerged);
  let inBoth = 0;
  for (const person of merged) if (own.has(person)) inBoth += 1;
  return { total: own.size + merged.size - inBoth, direct: own.size, viaMerged: merged.size, inBoth };
}

/** What customer value needs to know of one person: their identity traits or request. */
export interface PersonValue {
  company: string | null;
  /** Monthly recurring revenue of the person's company, when known. */
  mrr: number | null;
  plan: string | null;
}

/** Reads `company`, `mrr` and `plan` from identity traits, ignoring values of the wrong type. */
export function personValueFromTraits(traits: Readonly<Record<string, unknown>>): PersonValue {
  const company = typeof traits.company === 'string' && traits.company.trim() ? traits.company.trim() : null;
  const mrr = typeof traits.mrr === 'number' && Number.isFinite(traits.mrr) && traits.mrr >= 0 ? traits.mrr : null;
  const plan = typeof traits.plan === 'string' && traits.plan.trim() ? traits.plan.trim() : null;
  return { company, mrr, plan };
}

/**
 * Customer value of an idea's people (one entry per distinct person): companies are matched
 * case-insensitively and keep the highest MRR any of their people report, so a company with ten
 * people asking counts its MRR once.
 */
export function customerValue(people: readonly PersonValue[]): CustomerValue {
  const companies = new Map<string, { name: string; mrr: number; people: number; plan: string | null }>();
  const plans = new Map<string | null, { people: number; companies: Set<string> }>();
  for (const person of people) {
    const plan = plans.get(person.plan) ?? { people: 0, companies: new Set<string>() };
    plan.people += 1;
    plans.set(person.plan, plan);
    if (!person.company) continue;
    const key = person.company.toLowerCase();
    plan.companies.add(key);
    const company = companies.get(key) ?? { name: person.company, mrr: 0, people: 0, plan: person.plan };
    company.people += 1;
    company.mrr = Math.max(company.mrr, person.mrr ?? 0);
    companies.set(key, company);
  }
  const ranked = [...companies.values()].sort((a, b) => b.mrr - a.mrr || b.people - a.people || a.name.localeCompare(b.name));
  return {
    companies: ranked.map(({ name, mrr, people }) => ({ name, mrr, people })),
    mrr: ranked.reduce((sum, company) => sum + company.mrr, 0),
    segments: [...plans.entries()]
      .map(([plan, segment]) => ({
        plan,
        people: segment.people,
        companies: segment.companies.size,
        mrr: [...segment.companies].reduce((sum, key) => sum + (companies.get(key)?.mrr ?? 0), 0),
      }))
      .sort((a, b) => b.mrr - a.mrr || b.people - a.people || String(a.plan).localeCompare(String(b.plan))),
  };
}

/** A board's formula until an admin sets one: a person counts 1, each unit of MRR 0.01. */
export const DEFAULT_PRIORITY_FORMULA: Readonly<PriorityFormula> = { peopleWeight: 1, mrrWeight: 0.01 };

/** Impact and effort of an idea no admin has weighed yet. */
export const DEFAULT_PRIORITY_INPUTS: Readonly<Required<PriorityInputs>> = { impact: 1, effort: 1 };

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * An idea's priority under a board's formula, with each term, so the idea can say why it ranks
 * where it does: `(people × peopleWeight + MRR × mrrWeight) × impact ÷ effort`.
 */
export function priorityScore(
  formula: PriorityFormula,
  demand: { people: number; mrr: number },
  inputs: Required<PriorityInputs> = DEFAULT_PRIORITY_INPUTS,
): PriorityExplanation {
  const people = demand.people * formula.peopleWeight;
  const mrr = demand.mrr * formula.mrrWeight;
  const score = ((people + mrr) * inputs.impact) / inputs.effort;
  return {
    score: round(score),
    formula: `(people × ${formula.peopleWeight} + MRR × ${formula.mrrWeight}) × impact ÷ effort`,
    terms: [
      { name: 'people', value: demand.people, weight: formula.peopleWeight, contribution: round(people) },
      { name: 'mrr', value: demand.mrr, weight: formula.mrrWeight, contribution: round(mrr) },
      { name: 'impact', value: inputs.impact, weight: null, contribution: inputs.impact },
      { name: 'effort', value: inputs.effort, weight: null, contribution: inputs.effort },
    ],
  };
}

/** Checks a priority formula: both weights finite and at least 0. */
export function checkPriorityFormula(formula: PriorityFormula): InputProblem[] {
  return (['peopleWeight', 'mrrWeight'] as const)
    .filter((field) => !(Number.isFinite(formula[field]) && formula[field] >= 0))
    .map((field) => ({ field, message: `${field} must be a number of at least 0.` }));
}

/** Checks an idea's impact (finite, ≥ 0) and effort (finite, > 0). */
export function checkPriorityInputs(inputs: PriorityInputs): InputProblem[] {
  const problems: InputProblem[] = [];
  if (inputs.impact !== undefined && !(Number.isFinite(inputs.impact) && inputs.impact >= 0)) {
    problems.push({ field: 'impact', message: 'Impact must be a number of at least 0.' });
  }
  if (inputs.effort !== undefined && !(Number.isFinite(inputs.effort) && inputs.effort > 0)) {
    problems.push({ field: 'effort', message: 'Effort must be a number above 0.' });
  }
  return problems;
}

/** Checks a customer request before it is recorded: who asked, and sensible lengths. */
export function checkCustomerRequest(input: NewCustomerRequest): InputProblem[] {
  const problems: InputProblem[] = [];
  const name = input.name?.trim() ?? '';
  const email = input.email?.trim() ?? '';
  if (!name && !email) problems.push({ field: 'name', message: 'Say who asked: a name or an email.', rule: 'required' });
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push({ field: 'email', message: 'That email address does not look right.' });
  for (const [field, max] of [['name', 200], ['email', 320], ['company', 200], ['sourceUrl', 2000], ['note', 5000]] as const) {
    if ((input[field]?.length ?? 0) > max) problems.push({ field, message: `${field} can have at most ${max} characters.`, rule: 'too_long', limit: max });
  }
  if (input.sourceUrl && !/^https?:\/\//i.test(input.sourceUrl.trim())) problems.push({ field: 'sourceUrl', message: 'The source must be an http(s) link.' });
  if (input.importance !== undefined && !REQUEST_IMPORTANCES.includes(input.importance)) {
    problems.push({ field: 'importance', message: `Importance is one of ${REQUEST_IMPORTANCES.join(', ')}.` });
  }
  return problems;
}

/** The key that makes a request idempotent per person and idea: the email, else the name, lower-cased. */
export function requesterKey(input: Pick<NewCustomerRequest, 'name' | 'email'>): string {
  const email = input.email?.trim().toLowerCase();
  return email ? `email:${email}` : `name:${(input.name ?? '').trim().toLowerCase()}`;
}

/** The demand-over-time days from how many people first wanted an idea on each day (any order, a day once). */
export function demandDays(perDay: ReadonlyArray<{ date: string; added: number }>): DemandDay[] {
  let total = 0;
  return [...perDay]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(({ date, added }) => ({ date, added, total: (total += added) }));
}
