// The admins' sort=priority walks a stored score (migration 0011): each idea keeps its customers'
// MRR and its score, moved by votes, unvotes, requests, merges, unmerges, traits changing on
// sign-in, impact, effort and the board's formula. Whatever happens, in sequence or at once, the
// stored MRR and the order equal a brute-force recount: GET /posts/:id/demand, which values an
// idea's people with core's customerValue and priorityScore in TypeScript.
import { DEFAULT_PRIORITY_FORMULA, DEFAULT_PRIORITY_INPUTS, type Demand, type Post } from '@sayso/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncPriorityDefaults } from '../src/db/priority.js';
import { signUserToken } from '../src/identity/tokens.js';
import type { CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const JWT_SECRET = 'priority-order-secret-0123456789abcdef';
const ADMIN_KEY = 'sayso_admin_priority-order-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };

const IDEAS = 4;
const USERS = 4;
const VISITORS = 2;
/** What a user's token may say: companies differing only by case and spaces are one company. */
const TRAITS: Array<Record<string, string | number>> = [
  {},
  { company: 'Acme', mrr: 300 },
  { company: ' acme ', mrr: 120 },
  { company: 'Globex', mrr: 50 },
  { company: 'Globex' },
  { mrr: 999 },
  { company: 'Initech', mrr: 'lots' },
];

type Step =
  | { kind: 'vote' | 'unvote'; who: number; idea: number }
  | { kind: 'sign-in'; user: number; traits: number }
  | { kind: 'request'; idea: number; user: number | null; company: string | null }
  | { kind: 'merge'; idea: number; into: number }
  | { kind: 'unmerge'; idea: number }
  | { kind: 'effort'; idea: number; effort: number }
  | { kind: 'formula'; peopleWeight: number; mrrWeight: number };

const idea = fc.nat(IDEAS - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('vote' as const, 'unvote' as const), who: fc.nat(USERS + VISITORS - 1), idea }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('sign-in' as const), user: fc.nat(USERS - 1), traits: fc.nat(TRAITS.length - 1) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      idea,
      user: fc.option(fc.nat(USERS - 1)),
      company: fc.constantFrom(null, 'Acme', 'Umbrella', 'GLOBEX'),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('merge' as const), idea, into: idea }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('unmerge' as const), idea }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('effort' as const), idea, effort: fc.constantFrom(0.5, 2, 3) }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('formula' as const), peopleWeight: fc.constantFrom(0, 1, 2), mrrWeight: fc.constantFrom(0, 0.01, 0.5) }),
    weight: 1,
  },
);

describe.each(ENGINES)('the stored priority order on %s', (engine) => {
  const { db, call, freshBoard } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'priority-order', jwtSecret: JWT_SECRET });

  /** A host's signed-in user with these traits; calling with it stores them (as every sign-in does). */
  const user = async (sub: string, traits: Record<string, string | number>): Promise<CallOptions> => ({
    headers: { Authorization: `Bearer ${await signUserToken({ sub, name: sub, email: `${sub}@example.test`, traits }, JWT_SECRET)}` },
  });
  const ok = async (answer: Promise<{ status: number; text: string }>) => {
    const { status, text } = await answer;
    expect(status, text).toBeLessThan(300);
  };

  /**
   * Every idea of the board standing on its own, by priority, against the recount: the stored MRR
   * is core's customer value of its people, and the scores core gives them never rise down the list.
   */
  async function expectRecount(board: string): Promise<void> {
    const listed = (await call('GET', `/boards/${board}/posts?sort=priority&limit=100`, admin)).json.items as Post[];
    const top = (await call('GET', `/boards/${board}/posts?sort=top&limit=100`, admin)).json.items as Post[];
    expect(new Set(listed.map((post) => post.id))).toEqual(new Set(top.map((post) => post.id)));
    const demands = await Promise.all(listed.map(async (post) => (await call('GET', `/posts/${post.id}/demand`, admin)).json as Demand));
    const stored = await db().query<{ id: string; customer_mrr: number; priority_score: string }>(
      'SELECT id, customer_mrr, priority_score FROM posts WHERE id = ANY($1::uuid[])',
      [listed.map((post) => post.id)],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(listed.map((post) => byId.get(post.id)!.customer_mrr)).toEqual(demands.map((demand) => demand.customers!.mrr));
    expect(listed.map((post) => Number(byId.get(post.id)!.priority_score))).toEqual(demands.map((demand) => demand.priority!.score));
    const scores = demands.map((demand) => demand.priority!.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }

  it('equals a brute-force recount after any sequence of votes, sign-ins, requests, merges and settings', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const board = await freshBoard();
        const prefix = `priority-order-${engine}-${++run}`;
        const users = await Promise.all(Array.from({ length: USERS }, (_, n) => user(`${prefix}-u${n}`, TRAITS[n % TRAITS.length]!)));
        const people: CallOptions[] = [...users, ...Array.from({ length: VISITORS }, (_, n) => ({ voter: `${prefix}-v${n}` }))];
        const ids: string[] = [];
        for (let n = 0; n < IDEAS; n++) {
          const created = await call('POST', `/boards/${board}/posts`, { ...people[n]!, body: { title: `Idea number ${n + 1}` } });
          ids.push((created.json as Post).id);
        }
        for (const next of steps) {
          switch (next.kind) {
            case 'vote':
              await ok(call('POST', `/posts/${ids[next.idea]}/votes`, people[next.who]));
              break;
            case 'unvote':
              await ok(call('DELETE', `/posts/${ids[next.idea]}/votes`, people[next.who]));
              break;
            case 'sign-in':
              await ok(call('GET', `/posts/${ids[0]}`, await user(`${prefix}-u${next.user}`, TRAITS[next.traits]!)));
              break;
            case 'request': {
              const email = next.user === null ? `${prefix}-customer@example.test` : `${prefix}-u${next.user}@example.test`;
              await ok(call('POST', `/posts/${ids[next.idea]}/requests`, { ...admin, body: { email, ...(next.company ? { company: next.company } : {}) } }));
              break;
            }
            case 'merge':
              // Refused merges (into itself, into its own tree, already merged) change nothing.
              await call('POST', `/posts/${ids[next.idea]}/merge`, { ...admin, body: { into: ids[next.into] } });
              break;
            case 'unmerge':
              await call('POST', `/posts/${ids[next.idea]}/unmerge`, admin);
              break;
            case 'effort':
              await ok(call('PUT', `/posts/${ids[next.idea]}/priority`, { ...admin, body: { effort: next.effort } }));
              break;
            case 'formula':
              await ok(call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: next.peopleWeight, mrrWeight: next.mrrWeight } }));
              break;
          }
        }
        await expectRecount(board);
      }),
      { numRuns: engine === 'pglite' ? 25 : 40 },
    );
  }, 240_000);

  it('stays exact when customers vote, unvote and change traits at once', async () => {
    const board = await freshBoard();
    const wanted = (await call('POST', `/boards/${board}/posts`, { voter: 'priority-rush-author', body: { title: 'Wanted by everyone at once' } }))
      .json as Post;
    const other = (await call('POST', `/boards/${board}/posts`, { voter: 'priority-rush-author', body: { title: 'Wanted by a few' } })).json as Post;
    const customers = await Promise.all(
      Array.from({ length: 16 }, (_, n) => user(`priority-rush-${engine}-${n}`, { company: `Company ${n % 5}`, mrr: 10 * (n + 1) })),
    );
    await Promise.all(customers.slice(0, 8).map((who) => ok(call('POST', `/posts/${wanted.id}/votes`, who))));
    await Promise.all([
      ...customers.map((who) => ok(call('POST', `/posts/${wanted.id}/votes`, who))),
      ...customers.slice(0, 6).map((who) => ok(call('POST', `/posts/${other.id}/votes`, who))),
      ...customers.slice(0, 4).map((who) => ok(call('DELETE', `/posts/${wanted.id}/votes`, who))),
      // The same people signing in with other traits while their votes land.
      ...Array.from({ length: 8 }, async (_, n) =>
        ok(call('GET', `/posts/${other.id}`, await user(`priority-rush-${engine}-${n * 2}`, { company: `Company ${n % 3}`, mrr: 1000 + n }))),
      ),
      ...Array.from({ length: 8 }, (_, n) => ok(call('POST', `/posts/${wanted.id}/votes`, { voter: `priority-rush-visitor-${n}` }))),
    ]);
    await expectRecount(board);
  }, 60_000);

  it('rescores every idea when core\'s defaults change, and only then', async () => {
    const board = await freshBoard();
    const post = (await call('POST', `/boards/${board}/posts`, { voter: 'priority-defaults-author', body: { title: 'Scored by the defaults' } }))
      .json as Post;
    const scoreOf = async () => Number((await db().query<{ score: string }>('SELECT priority_score AS score FROM posts WHERE id = $1', [post.id]))[0]!.score);
    expect(await scoreOf()).toBe(1);
    await db().transaction((tx) => syncPriorityDefaults(tx, { peopleWeight: 3, mrrWeight: 0.01 }, { impact: 2, effort: 1 }));
    expect(await scoreOf()).toBe(6);
    await db().transaction((tx) => syncPriorityDefaults(tx, DEFAULT_PRIORITY_FORMULA, DEFAULT_PRIORITY_INPUTS));
    expect(await scoreOf()).toBe(1);
  });
});
