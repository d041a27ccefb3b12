// A property test of merging: random sequences of votes, unvotes, merges, unmerges and customer
// requests, checked against a model small enough to be obviously right.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import { SaysoError } from '../errors.js';
import type { Post } from '../types.js';
import type { AdapterSuiteFixture } from './suite.js';

const POSTS = 4;
const PEOPLE = 4;
const REQUESTERS = 3;

type Step =
  | { kind: 'vote' | 'unvote'; person: number; post: number }
  | { kind: 'merge' | 'merge-and-unmerge'; post: number; into: number }
  | { kind: 'unmerge'; post: number }
  | { kind: 'request'; post: number; requester: number };

const post = fc.nat(POSTS - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('vote' as const, 'unvote' as const), person: fc.nat(PEOPLE - 1), post }),
  fc.record({ kind: fc.constantFrom('merge' as const, 'merge-and-unmerge' as const), post, into: post }),
  fc.record({ kind: fc.constant('unmerge' as const), post }),
  fc.record({ kind: fc.constant('request' as const), post, requester: fc.nat(REQUESTERS - 1) }),
);

/**
 * What the contract says, written the plain way: who voted for and was recorded on each idea,
 * and where each is merged. People are counted by brute force over an idea's whole merge tree.
 */
class MergeModel {
  readonly voters = Array.from({ length: POSTS }, (_, author) => new Set([`person-${author}`]));
  readonly requesters = Array.from({ length: POSTS }, () => new Set<number>());
  readonly mergedInto: Array<number | null> = Array.from({ length: POSTS }, () => null);

  canonical(index: number): number {
    let current = index;
    while (this.mergedInto[current] !== null) current = this.mergedInto[current]!;
    return current;
  }

  /** The idea and every idea whose chain passes through it. */
  tree(index: number): number[] {
    return this.mergedInto.map((_, other) => other).filter((other) => this.chainOf(other).includes(index));
  }

  people(index: number): number {
    const everyone = new Set<string>();
    for (const idea of this.tree(index)) {
      for (const voter of this.voters[idea]!) everyone.add(voter);
      for (const requester of this.requesters[idea]!) everyone.add(`request-${requester}`);
    }
    return everyone.size;
  }

  /** The code a merge is refused with, or `null` when it is allowed. */
  mergeRefusal(index: number, into: number): 'invalid_input' | 'conflict' | null {
    if (index === into || this.canonical(into) === index) return 'invalid_input';
    return this.mergedInto[index] === null ? null : 'conflict';
  }

  vote(person: number, index: number, voted: boolean): void {
    const tree = this.tree(this.canonical(index));
    const who = `person-${person}`;
    if (!voted) for (const idea of tree) this.voters[idea]!.delete(who);
    else if (!tree.some((idea) => this.voters[idea]!.has(who))) this.voters[this.canonical(index)]!.add(who);
  }

  private chainOf(index: number): number[] {
    const chain = [index];
    while (this.mergedInto[chain[chain.length - 1]!] !== null) chain.push(this.mergedInto[chain[chain.length - 1]!]!);
    return chain;
  }
}

async function expectRefusal(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => new Error(`expected "${code}", but the call succeeded`), (reason: unknown) => reason);
  expect(error).toBeInstanceOf(SaysoError);
  expect((error as SaysoError).code).toBe(code);
}

let runs = 0;

/** Plays one sequence against a fresh board, checking every count against the model after each step. */
async function play(fixture: AdapterSuiteFixture, steps: Step[]): Promise<void> {
  const board = await fixture.createBoard();
  const run = ++runs;
  const people: SaysoAdapter[] = Array.from({ length: PEOPLE }, (_, n) => fixture.adapterFor(`merge-property-${run}-${n}`));
  const admin: SaysoAdminApi = fixture.adminAdapter!().admin!;
  const observer = fixture.adapterFor(`merge-property-${run}-observer`);
  const ids: string[] = [];
  for (let n = 0; n < POSTS; n++) ids.push((await people[n]!.createPost({ board, title: `Idea number ${n + 1}`, body: '' })).id);
  const model = new MergeModel();

  const checkCounts = async (after: Step | null) => {
    const listed = [
      ...(await observer.listPosts({ board, limit: 100 })).items,
      ...(await observer.listPosts({ board, status: 'merged', limit: 100 })).items,
    ];
    const byId = new Map(listed.map((shown) => [shown.id, shown]));
    const seen = ids.map((id) => byId.get(id)?.peopleCount);
    expect(seen, `people after ${JSON.stringify(after)}`).toEqual(ids.map((_, index) => model.people(index)));
  };

  for (const next of steps) {
    switch (next.kind) {
      case 'vote':
      case 'unvote': {
        model.vote(next.person, next.post, next.kind === 'vote');
        const canonical = model.canonical(next.post);
        const result = await people[next.person]![next.kind]({ postId: ids[next.post]! });
        expect(result).toMatchObject({ postId: ids[canonical], voted: next.kind === 'vote', peopleCount: model.people(canonical) });
        break;
      }
      case 'request':
        model.requesters[next.post]!.add(next.requester);
        expect(await admin.addCustomerRequest({ postId: ids[next.post]!, email: `customer-${next.requester}@example.test` })).toMatchObject({
          postId: ids[next.post],
        });
        break;
      case 'unmerge':
        if (model.mergedInto[next.post] === null) {
          await expectRefusal(admin.unmergePost({ postId: ids[next.post]! }), 'conflict');
          break;
        }
        model.mergedInto[next.post] = null;
        await admin.unmergePost({ postId: ids[next.post]! });
        break;
      case 'merge':
      case 'merge-and-unmerge': {
        const refusal = model.mergeRefusal(next.post, next.into);
        const params = { postId: ids[next.post]!, into: ids[next.into]! };
        if (refusal) {
          await expectRefusal(admin.mergePost(params), refusal);
          break;
        }
        const readBoth = () => Promise.all([observer.getPost({ postId: params.postId }), observer.getPost({ postId: params.into })]);
        const before: Post[] = await readBoth();
        await admin.mergePost(params);
        if (next.kind === 'merge') {
          model.mergedInto[next.post] = next.into;
          expect((await observer.getPost({ postId: params.postId })).id).toBe(ids[model.canonical(next.post)]);
          break;
        }
        await admin.unmergePost({ postId: params.postId });
        expect(await readBoth(), 'unmerge right after merge is the identity').toEqual(before);
        break;
      }
    }
    await checkCounts(next);
  }
}

/**
 * The merge property, for any adapter with an admin: for random sequences of votes, unvotes,
 * merges (chains included), unmerges and customer requests over a handful of ideas and people,
 * every idea's `peopleCount` equals a brute-force recount of the people of the idea and of
 * everything merged into it, each once; refused merges are refused with the contract's code; and
 * an unmerge right after a merge gives back exactly the two ideas as a visitor read them.
 *
 * @example
 * runMergeProperty('my adapter', async () => ({ createBoard, adapterFor, adminAdapter }));
 */
export function runMergeProperty(
  name: string,
  setup: () => Promise<AdapterSuiteFixture>,
  options: { numRuns?: number; timeoutMs?: number } = {},
): void {
  describe(`merge property: ${name}`, () => {
    let fixture: AdapterSuiteFixture | undefined;
    beforeAll(async () => {
      fixture = await setup();
      if (!fixture.adminAdapter) throw new Error('The merge property needs an adminAdapter in the fixture.');
    });
    afterAll(async () => {
      await fixture?.close?.();
    });
    it(
      'counts every idea\'s people as a brute-force recount does, and unmerge right after merge is the identity',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), (steps) => play(fixture!, steps)),
          { numRuns: options.numRuns ?? 60 },
        );
      },
      options.timeoutMs ?? 60_000,
    );
  });
}
