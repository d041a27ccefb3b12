import {
  DEFAULT_PRIORITY_FORMULA,
  DEFAULT_PRIORITY_INPUTS,
  customerValue,
  peopleBreakdown,
  personValueFromTraits,
  priorityScore,
  type Demand,
  type PersonValue,
  type PriorityFormula,
} from '@sayso/core';
import type { Queryable } from '../db/database.js';
import { demandSubject, mergedIdeas, treePeople, treePeopleValues, treeRequests } from '../db/demand.js';
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
  const [people, merged] = await Promise.all([treePeople(db, canonicalId), mergedIdeas(db, canonicalId)]);
  const peopleOf = (postId: string) => new Set(people.filter((row) => row.post_id === postId).map((row) => row.user_id));
  const breakdown = peopleBreakdown(
    peopleOf(canonicalId),
    people.filter((row) => row.post_id !== canonicalId).map((row) => row.user_id),
  );
  const demand: Demand = {
    postId: canonicalId,
    people: breakdown,
    merged: merged
      .map((idea) => ({ id: idea.id, title: idea.title, people: peopleOf(idea.id).size }))
      .sort((a, b) => b.people - a.people),
    requests: null,
    customers: null,
    priority: null,
  };
  if (!params.admin) return demand;

  const [requests, values, formula] = await Promise.all([
    treeRequests(db, canonicalId),
    treePeopleValues(db, canonicalId),
    boardPriorityFormulaById(db, subject.boardId),
  ]);
  const customers = customerValue(values.map((person) => personValue(person.traits, person.request_company)));
  const priority = priorityScore(
    formulaOrDefault(formula),
    { people: breakdown.total, mrr: customers.mrr },
    { ...DEFAULT_PRIORITY_INPUTS, ...subject.inputs },
  );
  return { ...demand, requests, customers, priority };
}

/** A person's value from their traits; a request's company when the traits name none. */
function personValue(traits: Readonly<Record<string, unknown>>, requestCompany: string | null): PersonValue {
  const value = personValueFromTraits(traits);
  return value.company === null && requestCompany !== null ? { ...value, company: requestCompany.trim() } : value;
}
