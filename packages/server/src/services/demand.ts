import {
  DEFAULT_PRIORITY_FORMULA,
  DEFAULT_PRIORITY_INPUTS,
  customerValue,
  demandDays,
  peopleBreakdown,
  personValueFromTraits,
  priorityScore,
  type Demand,
  type DemandHistory,
  type PersonValue,
  type PriorityFormula,
} from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { customerRequestsOf } from '../db/customer-requests.js';
import { evidenceOf } from '../db/feedback-items.js';
import { demandSubject, mergedIdeas, peopleFirstWantedPerDay, peopleTraits } from '../db/demand.js';
import { peopleOfPost } from '../db/people.js';
import { boardPriorityFormulaById } from '../db/priority.js';

/** The formula a board ranks by: the one its admins set, else core's default. */
export const formulaOrDefault = (formula: PriorityFormula | null): PriorityFormula => formula ?? { ...DEFAULT_PRIORITY_FORMULA };

/**
 * The demand behind an idea (the canonical one, when `postId` was merged): its people counted by
 * core's peopleBreakdown, the ideas merged into it, and for admins the customer requests, the
 * customer value of its people (core's customerValue over their identity traits, a request's
 * company standing in for a person whose traits name none) and its priority (core's
 * priorityScore under the board's formula). Visitors get `null` for the admins' parts.
 */
export async function demandOf(db: Queryable, params: { postId: string; admin: boolean }): Promise<Demand> {
  const subject = await demandSubject(db, params.postId);
  const { canonicalId } = subject;
  const [direct, viaMerged, merged, evidence] = await Promise.all([
    peopleOfPost(db, canonicalId, 'direct'),
    peopleOfPost(db, canonicalId, 'merged'),
    mergedIdeas(db, canonicalId),
    evidenceOf(db, canonicalId),
  ]);
  const people = peopleBreakdown(direct, viaMerged);
  const demand: Demand = {
    postId: canonicalId,
    people,
    merged: (
      await Promise.all(merged.map(async (idea) => ({ ...idea, people: (await peopleOfPost(db, idea.id, 'direct')).length })))
    ).sort((a, b) => b.people - a.people),
    requests: null,
    customers: null,
    priority: null,
    evidence,
  };
  if (!params.admin) return demand;

  const [requests, traits, formula] = await Promise.all([
    customerRequestsOf(db, canonicalId),
    peopleTraits(db, canonicalId, [...new Set([...direct, ...viaMerged])]),
    boardPriorityFormulaById(db, subject.boardId),
  ]);
  const customers = customerValue(traits.map((person) => personValue(person.traits, person.request_company)));
  const priority = priorityScore(
    formulaOrDefault(formula),
    { people: people.total, mrr: customers.mrr },
    { ...DEFAULT_PRIORITY_INPUTS, ...subject.inputs },
  );
  return { ...demand, requests, customers, priority };
}

/** A person's value from their traits; a request's (or a feedback item's) company when the traits name none. */
export function personValue(traits: Readonly<Record<string, unknown>>, requestCompany: string | null): PersonValue {
  const value = personValueFromTraits(traits);
  return value.company === null && requestCompany !== null ? { ...value, company: requestCompany.trim() } : value;
}

/** How an idea's demand grew (core's demandDays over the days its people first wanted it); a merged idea answers for its canonical. */
export async function demandHistoryOf(db: Queryable, postId: string): Promise<DemandHistory> {
  const { canonicalId } = await demandSubject(db, postId);
  return { postId: canonicalId, days: demandDays(await peopleFirstWantedPerDay(db, canonicalId)) };
}
