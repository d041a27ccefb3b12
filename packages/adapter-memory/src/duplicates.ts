import {
  DUPLICATE_PAIR_THRESHOLD,
  LIMITS,
  SimilarityIndex,
  checkPageLimit,
  suggestedCanonical,
  type ComparedIdea,
  type DuplicateCandidate,
  type SaysoAdminApi,
} from '@sayso/core';
import { directPeople, mergeTree, statusKindOf, type MemoryData, type StoredPost } from './data.js';
import { evidenceOfTree } from './demand.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** One key per pair, whichever way round it is named. */
const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);

/** Both ideas' text, in the pair's order: a dismissal holds while this stays the same. */
const pairText = (data: MemoryData, a: string, b: string) => {
  const [first, second] = a < b ? [a, b] : [b, a];
  return JSON.stringify([first, second].map((id) => [data.posts.get(id)?.title, data.posts.get(id)?.body]));
};

/** An idea's people (its own and those of the ideas merged into it), by key, with a name where one is known. */
function peopleOf(data: MemoryData, post: StoredPost): Map<string, string | null> {
  const people = new Map<string, string | null>();
  for (const idea of mergeTree(data, post)) {
    // Memory visitors have no names; a recorded request names its person.
    for (const person of directPeople(idea)) if (!people.has(person)) people.set(person, null);
    for (const [key, request] of idea.requests) people.set(`request:${key}`, request.person.name ?? request.person.email);
  }
  return people;
}

/** Two different ideas named by id, else `invalid_input`. */
function twoIdeas(postIds: unknown): [string, string] {
  if (!Array.isArray(postIds) || postIds.length !== 2 || postIds[0] === postIds[1]) {
    throw invalid('postIds names two different ideas.', { field: 'postIds' });
  }
  return postIds as [string, string];
}

/**
 * A board's candidate pairs as scored now (memory boards are small, so every pair is scored
 * afresh on each call; the server keeps an index): both ideas standing alone, the pair above the
 * threshold and not dismissed at their present texts.
 */
export function openDuplicatePairs({ data }: MemoryVisitor, board: string): Array<{ a: StoredPost; b: StoredPost; score: number }> {
  const standsAlone = (post: StoredPost) => post.mergedInto === null && statusKindOf(data, post.board, post.status) !== 'duplicate';
  const posts = [...data.posts.values()].filter((post) => post.board === board && standsAlone(post));
  const index = new SimilarityIndex(posts);
  return posts.flatMap((a, i) =>
    posts.slice(i + 1).flatMap((b) => {
      const score = index.pairScore(a.id, b.id);
      if (score < DUPLICATE_PAIR_THRESHOLD || data.dismissals.get(pairKey(a.id, b.id)) === pairText(data, a.id, b.id)) return [];
      return [{ a, b, score }];
    }),
  );
}

/** The admin's duplicate queue: candidate pairs of a board, dismissals that stick, and two ideas compared. */
export function duplicateOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'listDuplicateCandidates' | 'dismissDuplicateCandidate' | 'compareIdeas'> {
  const { data, settle, commit, view, boardOf, postOf } = visitor;
  return {
    listDuplicateCandidates: ({ board, limit = LIMITS.pageSizeDefault }) =>
      settle(() => {
        boardOf(board);
        refuse(checkPageLimit(limit));
        const candidates: DuplicateCandidate[] = openDuplicatePairs(visitor, board).map(({ a, b, score }) => {
          const [first, second] = [view(a), view(b)];
          const keep = suggestedCanonical(first, second);
          return { posts: keep === first ? [first, second] : [second, first], score, suggestedCanonical: keep.id };
        });
        return candidates.sort((x, y) => y.score - x.score || x.suggestedCanonical.localeCompare(y.suggestedCanonical)).slice(0, limit);
      }),

    dismissDuplicateCandidate: ({ postIds }) =>
      commit(() => {
        const [a, b] = twoIdeas(postIds).map((id) => postOf(id).id) as [string, string];
        data.dismissals.set(pairKey(a, b), pairText(data, a, b));
      }),

    compareIdeas: ({ postIds }) =>
      settle(() => {
        const posts = twoIdeas(postIds).map(postOf) as [StoredPost, StoredPost];
        const [first, second] = posts.map((post) => peopleOf(data, post)) as [Map<string, string | null>, Map<string, string | null>];
        const shared = [...first.keys()].filter((person) => second.has(person));
        const side = (post: StoredPost, mine: Map<string, string | null>): ComparedIdea => ({
          post: view(post),
          onlyHere: mine.size - shared.length,
          evidence: evidenceOfTree(data, mergeTree(data, post)),
        });
        return {
          ideas: [side(posts[0], first), side(posts[1], second)],
          sharedPeople: shared.length,
          sharedNames: shared
            .flatMap((person) => first.get(person) ?? second.get(person) ?? [])
            .sort((a, b) => a.localeCompare(b))
            .slice(0, LIMITS.comparedNamesMax),
        };
      }),
  };
}
