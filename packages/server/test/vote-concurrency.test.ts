import type { Post, VoteResult } from '@sayso/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { startServer, type RunningServer } from '../src/server.js';
import { testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const databases = testDatabases();
const voter = (n: number) => `concurrent-voter-${String(n).padStart(4, '0')}`;

const voteRows = async (db: Database, postId: string) =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM votes WHERE post_id = $1', [postId]))[0]!.n;

describe('exact vote counts over HTTP on PostgreSQL', () => {
  let db: Database;
  let server: RunningServer;

  beforeAll(async () => {
    db = await databases.open('postgres');
    await createBoard(db, { slug: 'races' });
    server = await startServer({ port: 0, hostname: '127.0.0.1', db });
  });
  afterAll(() => server?.close());

  const send = async (method: string, path: string, who: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...(await visitorHeaders(db, who)), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status).toBeLessThan(300);
    return response.json() as Promise<unknown>;
  };

  it('counts 200 parallel votes from 200 visitors, the author among them, as 200', async () => {
    const post = (await send('POST', '/boards/races/posts', voter(0), { title: 'Two hundred votes' })) as Post;
    expect(post.voteCount).toBe(1);
    const results = (await Promise.all(
      Array.from({ length: 200 }, (_, i) => send('POST', `/posts/${post.id}/votes`, voter(i))),
    )) as VoteResult[];
    expect(results.every((r) => r.voted && r.voteCount >= 1 && r.voteCount <= 200)).toBe(true);
    expect(((await send('GET', `/posts/${post.id}`, voter(1))) as Post).voteCount).toBe(200);
    expect(await voteRows(db, post.id)).toBe(200);
  });

  it('counts 50 parallel votes of one visitor once', async () => {
    const post = (await send('POST', '/boards/races/posts', 'concurrent-author', { title: 'One voter, fifty clicks' })) as Post;
    expect(((await send('DELETE', `/posts/${post.id}/votes`, 'concurrent-author')) as VoteResult).voteCount).toBe(0);
    const results = (await Promise.all(
      Array.from({ length: 50 }, () => send('POST', `/posts/${post.id}/votes`, 'concurrent-repeater')),
    )) as VoteResult[];
    expect(results.every((r) => r.voted && r.voteCount === 1)).toBe(true);
    expect(((await send('GET', `/posts/${post.id}`, 'concurrent-author')) as Post).voteCount).toBe(1);
    expect(await voteRows(db, post.id)).toBe(1);
    // Fifty first writes of a new visitor at once make one users row.
    const [users] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE key = 'visitor:concurrent-repeater'`);
    expect(users!.n).toBe(1);
  });
});

describe('vote counts under random vote and unvote sequences (PGlite)', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let posts = 0;

  beforeAll(async () => {
    db = await databases.open('pglite');
    await createBoard(db, { slug: 'property' });
    app = createApp({ db });
  });

  const request = async (method: string, path: string, who: string, body?: unknown) => {
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers: { ...(await visitorHeaders(db, who)), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status).toBeLessThan(300);
    return response.json() as Promise<any>;
  };

  // A step is a batch of changes by distinct visitors, sent at once: their order within the batch
  // is the server's to choose, yet the end state is known.
  const change = fc.record({ voter: fc.integer({ min: 0, max: 5 }), voted: fc.boolean() });
  const batch = fc.uniqueArray(change, { minLength: 1, maxLength: 6, selector: (c) => c.voter });

  it('keeps voteCount = vote rows = the model after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 8 }), async (steps) => {
        const author = `property-voter-0`;
        const post = (await request('POST', '/boards/property/posts', author, { title: `Property ${++posts}` })) as Post;
        const model = new Set<number>([0]); // the author's vote counts
        for (const step of steps) {
          const answers = (await Promise.all(
            step.map(({ voter: n, voted }) =>
              request(voted ? 'POST' : 'DELETE', `/posts/${post.id}/votes`, `property-voter-${n}`),
            ),
          )) as VoteResult[];
          for (const [i, { voter: n, voted }] of step.entries()) {
            expect(answers[i]!.voted).toBe(voted);
            if (voted) model.add(n);
            else model.delete(n);
          }
          const seen = (await request('GET', `/posts/${post.id}`, author)) as Post;
          expect(seen.voteCount).toBe(model.size);
          expect(await voteRows(db, post.id)).toBe(model.size);
          expect(seen.voted).toBe(model.has(0));
        }
      }),
      { numRuns: 50 },
    );
  });
});
