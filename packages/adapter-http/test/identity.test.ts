// Identified users through the adapter, against the real server: the host signs a token, the
// adapter sends it, and when it expires the adapter asks the host once for a fresh one.
import { SaysoError } from '@sayso/core';
import { createBoard, migrate, openDatabase, signUserToken, startServer, type Database, type RunningServer } from '@sayso/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage } from './storage.js';

const JWT_SECRET = 'host-app-secret-for-identity-tests-0123456789';
let db: Database;
let server: RunningServer;

beforeAll(async () => {
  db = await openDatabase();
  await migrate(db);
  server = await startServer({ port: 0, hostname: '127.0.0.1', db, jwtSecret: JWT_SECRET });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** A token as a host app signs it: valid for ten minutes, or one that expired an hour ago. */
const tokenFor = (sub: string, state: 'valid' | 'expired' = 'valid') =>
  signUserToken({ sub, name: 'Ada Lovelace', email: `${sub}@example.com`, traits: { plan: 'pro' } }, JWT_SECRET, {
    expiresInSeconds: 600,
    now: state === 'valid' ? new Date() : new Date(Date.now() - 3_600_000),
  });

async function rejection(promise: Promise<unknown>): Promise<SaysoError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SaysoError);
  return error as SaysoError;
}

describe('identified users through the HTTP adapter', () => {
  it('posts and votes as the signed-in user, shown by name', async () => {
    const { slug } = await createBoard(db, { slug: 'identity-a', name: 'A' });
    const adapter = createHttpAdapter({ baseUrl: server.url, token: await tokenFor('ada') });
    const post = await adapter.createPost({ board: slug, title: 'Signed-in idea', body: '' });
    expect(post.author.name).toBe('Ada Lovelace');
    expect(post).toMatchObject({ voted: true, voteCount: 1 });
    const [row] = await db.query<{ email: string; traits: Record<string, unknown> }>(
      "SELECT email, traits FROM users WHERE key = 'user:ada'",
    );
    expect(row).toEqual({ email: 'ada@example.com', traits: { plan: 'pro' } });
  });

  it('asks the host once for a fresh token when the one it has expired, then retries', async () => {
    const { slug } = await createBoard(db, { slug: 'identity-b', name: 'B' });
    let asked = 0;
    const adapter = createHttpAdapter({
      baseUrl: server.url,
      token: await tokenFor('grace', 'expired'),
      getToken: async () => (asked++, tokenFor('grace')),
    });
    const post = await adapter.createPost({ board: slug, title: 'Made after a refresh', body: '' });
    expect(asked).toBe(1);
    expect(post.author.name).toBe('Ada Lovelace');
    const listed = await adapter.listPosts({ board: slug });
    expect(listed.items.map((p) => p.id)).toEqual([post.id]);
    expect(listed.items[0]!.voted).toBe(true);
  });

  it('gives up with token_expired when the fresh token is expired too, without looping', async () => {
    const { slug } = await createBoard(db, { slug: 'identity-c', name: 'C' });
    let asked = 0;
    const adapter = createHttpAdapter({
      baseUrl: server.url,
      getToken: async () => (asked++, tokenFor('linus', 'expired')),
    });
    const error = await rejection(adapter.createPost({ board: slug, title: 'Never made', body: '' }));
    expect(error.code).toBe('token_expired');
    // Once for the first token, once more after it was refused as expired: never a third time.
    expect(asked).toBe(2);
    const [{ count }] = (await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM posts p JOIN boards b ON b.id = p.board_id WHERE b.slug = $1',
      [slug],
    )) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('surfaces a board closed to anonymous visitors as unauthorized, and lets signed-in users act', async () => {
    const { slug } = await createBoard(db, { slug: 'identity-d', name: 'D', anonymous: 'off' });
    const anonymous = createHttpAdapter({ baseUrl: server.url, visitorStorage: memoryStorage() });
    const refused = await rejection(anonymous.createPost({ board: slug, title: 'Anonymous idea', body: '' }));
    expect(refused.code).toBe('unauthorized');
    const signedIn = createHttpAdapter({ baseUrl: server.url, token: await tokenFor('margaret') });
    const post = await signedIn.createPost({ board: slug, title: 'Signed-in idea', body: '' });
    await rejection(anonymous.vote({ postId: post.id })).then((e) => expect(e.code).toBe('unauthorized'));
    expect((await anonymous.getPost({ postId: post.id })).voteCount).toBe(1);
  });
});
