import {
  assertUnchangedSince,
  demandDays,
  DEFAULT_PRIORITY_FORMULA,
  checkCustomerRequest,
  checkPriorityFormula,
  checkPriorityInputs,
  customerValue,
  evidenceCounts,
  peopleBreakdown,
  personValueFromTraits,
  priorityScore,
  requesterKey,
  type Author,
  type CustomerRequest,
  type Demand,
  type EvidenceCount,
  type NewCustomerRequest,
  type PersonValue,
  type PriorityExplanation,
  type SaysoAdapter,
  type SaysoAdminApi,
} from '@sayso/core';
import { canonicalPost, directPeople, mergedBelow, nextTime, voteKey, type MemoryData, type StoredPost } from './data.js';
import { refuse, type MemoryVisitor } from './visitor.js';

/**
 * An idea's distinct people (the ideas of its merge tree), each by their key (a voter's private
 * id, `request:<requesterKey>`) with what they are worth: their traits, or what the request says.
 */
export function peopleValues(data: MemoryData, tree: StoredPost[]): Map<string, PersonValue> {
  const values = new Map<string, PersonValue>();
  for (const idea of tree) {
    for (const voter of idea.voters) values.set(voter, personValueFromTraits(data.traits.get(voter) ?? {}));
    for (const [key, request] of idea.requests) {
      values.set(`request:${key}`, { company: request.company, mrr: null, plan: null });
    }
  }
  return values;
}

/** The feedback linked to the ideas of a merge tree, per source (core's `evidenceCounts`). */
export function evidenceOfTree(data: MemoryData, tree: StoredPost[]): EvidenceCount[] {
  const ids = new Set(tree.map((idea) => idea.id));
  return evidenceCounts([...data.feedback.values()].filter((item) => item.postId !== null && ids.has(item.postId)));
}

/** The demand behind an idea (the canonical, when it is merged), as this visitor may see it. */
export function demandOf(visitor: MemoryVisitor, asked: StoredPost): Demand {
  const { data, isAdmin } = visitor;
  const post = canonicalPost(data, asked);
  const below = mergedBelow(data, post);
  const people = peopleBreakdown(directPeople(post), below.flatMap(directPeople));
  const merged = below.map((idea) => ({ id: idea.id, title: idea.title, people: new Set(directPeople(idea)).size }));
  const tree = [post, ...below];
  const evidence = evidenceOfTree(data, tree);
  if (!isAdmin) return { postId: post.id, people, merged, requests: null, customers: null, priority: null, evidence };
  const customers = customerValue([...peopleValues(data, tree).values()]);
  const requests = tree.flatMap((idea) => [...idea.requests.values()]).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const formula = data.priorityFormulas.get(post.board) ?? DEFAULT_PRIORITY_FORMULA;
  const priority = priorityScore(formula, { people: people.total, mrr: customers.mrr }, post.priorityInputs);
  return { postId: post.id, people, merged, requests, customers, priority, evidence };
}

/**
 * Records that someone asked for an idea, once per person (core's `requesterKey`): the request
 * stored first answers a repeat (`created: false`). Check the input first.
 */
export function recordRequest(data: MemoryData, post: StoredPost, input: NewCustomerRequest, addedBy: Author): { request: CustomerRequest; created: boolean } {
  const key = requesterKey(input);
  const first = post.requests.get(key);
  if (first) return { request: first, created: false };
  const text = (value: string | undefined) => value?.trim() || null;
  const request: CustomerRequest = {
    id: `request-${Math.random().toString(36).slice(2, 10)}`,
    postId: post.id,
    person: { name: text(input.name), email: text(input.email) },
    company: text(input.company),
    sourceUrl: text(input.sourceUrl),
    note: text(input.note),
    importance: input.importance ?? 'important',
    addedBy,
    createdAt: nextTime(data),
  };
  post.requests.set(key, request);
  return { request, created: true };
}

/** An idea's priority score under its board's formula, for the admins' `priority` sort. */
export function priorityOf(visitor: MemoryVisitor, post: StoredPost): PriorityExplanation {
  return demandOf({ ...visitor, isAdmin: true }, post).priority!;
}

export function demandOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'getDemand'> {
  return { getDemand: ({ postId }) => visitor.settle(() => demandOf(visitor, visitor.postOf(postId))) };
}

/** The admin's demand operations: customer requests, the board's formula and each idea's inputs. */
export function demandAdminOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'addCustomerRequest' | 'getPriorityFormula' | 'setPriorityFormula' | 'setPriorityInputs' | 'getDemandHistory'> {
  const { data, voterId, settle, commit, boardOf, postOf } = visitor;
  return {
    getDemandHistory: ({ postId }) =>
      settle(() => {
        const post = canonicalPost(data, postOf(postId));
        // Each person's first sign of wanting the idea anywhere in its tree, as the server reads votes and requests.
        const firstWanted = new Map<string, string>();
        const wanted = (person: string, at: string) => {
          const earlier = firstWanted.get(person);
          if (earlier === undefined || at < earlier) firstWanted.set(person, at);
        };
        for (const idea of [post, ...mergedBelow(data, post)]) {
          for (const voter of idea.voters) wanted(voter, data.voteTimes.get(voteKey(idea.id, voter)) ?? idea.createdAt);
          for (const [key, request] of idea.requests) wanted(`request:${key}`, request.createdAt);
        }
        const perDay = new Map<string, number>();
        for (const at of firstWanted.values()) perDay.set(at.slice(0, 10), (perDay.get(at.slice(0, 10)) ?? 0) + 1);
        return { postId: post.id, days: demandDays([...perDay].map(([date, added]) => ({ date, added }))) };
      }),

    addCustomerRequest: ({ postId, ...input }) =>
      commit(() => {
        const post = postOf(postId);
        refuse(checkCustomerRequest(input));
        return recordRequest(data, post, input, visitor.actorOf(voterId)).request;
      }),

    getPriorityFormula: ({ board }) =>
      settle(() => {
        boardOf(board);
        return data.priorityFormulas.get(board) ?? { ...DEFAULT_PRIORITY_FORMULA };
      }),

    setPriorityFormula: ({ board, peopleWeight, mrrWeight }) =>
      commit(() => {
        boardOf(board);
        refuse(checkPriorityFormula({ peopleWeight, mrrWeight }));
        data.priorityFormulas.set(board, { peopleWeight, mrrWeight });
        return { peopleWeight, mrrWeight };
      }),

    setPriorityInputs: ({ postId, impact, effort, expected }) =>
      commit(() => {
        // Weighed on the idea people count on, so a merged idea's link weighs the canonical.
        const post = canonicalPost(data, postOf(postId));
        refuse(checkPriorityInputs({ impact, effort }));
        assertUnchangedSince(post.priorityInputs, expected);
        post.priorityInputs = { impact: impact ?? post.priorityInputs.impact, effort: effort ?? post.priorityInputs.effort };
        return demandOf(visitor, post);
      }),
  };
}
