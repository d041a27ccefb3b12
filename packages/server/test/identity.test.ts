import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { BOARD_POLICY_TTL_MS } from '../src/board-policies.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { signUserToken, signVisitorToken } from '../src/identity/tokens.js';
import { apiClient, expectError } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { visitorHeaders } from './support/visitors.js';

const JWT_SECRET = 'identity-test-secret-0123456789abcdef';
const ADMIN_KEY = 'sayso_admin_identity-test-key-0123456789';
const databases = testDatabases();

describe.each(ENGINES)('identity on %s', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    app = createApp({ db, jwtSecret: JWT_SECRET, adminKeys: [ADMIN_KEY] });
    call = apiClient(app, db);
  });

  const freshBoard = async (anonymous: 'off' | 'votes' | 'votes-and-posts' = 'votes-and-posts') =>
    (await createBoard(db, { slug: `identity-${++boards}`, anonymous })).slug;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  describe('POST /visitors', () => {
    it('issues a signed visitor token that votes as one visitor', async () => {
      const board = await freshBoard();
      const created = await call('POST', `/boards/${board}/posts`, { voter: 'identity-author', body: { title: 'Idea' } });
      const issued = await call('POST', '/visitors');
      expect(issued.status).toBe(201);
      expect(issued.json).toEqual({ visitorToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
      const headers = { 'X-Sayso-Visitor': issued.json.visitorToken };
      expect((await call('POST', `/posts/${created.json.id}/votes`, { headers })).json).toMatchObject({ voteCount: 2, voted: true });
      expect((await call('GET', `/posts/${created.json.id}`, { headers })).json.voted).toBe(true);
      expect((await call('GET', `/posts/${created.json.id}`)).json.voted).toBe(false);
      const other = (await call('POST', '/visitors')).json.visitorToken;
      expect(other).not.toBe(issued.json.visitorToken);
    });

    it('refuses forged, foreign and garbled visitor tokens with 401 on reads too, never anonymously', async () => {
      const board = await freshBoard();
      const foreign = await signVisitorToken('someone', new Uint8Array(32).fill(1));
      const valid = await visitorHeaders(db, 'someone');
      const [head, payload] = valid['X-Sayso-Visitor']!.split('.');
      for (const token of [foreign, 'not-a-token', `${head}.${payload}.`, `${head}.${payload}.AAAA`]) {
        const error = await expectError(call('GET', `/boards/${board}/posts`, { headers: { 'X-Sayso-Visitor': token } }), 401, 'unauthorized');
        expect(error.details).toEqual({ credential: 'visitor_token' });
      }
      // A host token is not a visitor token, nor the other way round.
      const userToken = await signUserToken({ sub: 'someone' }, JWT_SECRET);
      await expectError(call('GET', `/boards/${board}/posts`, { headers: { 'X-Sayso-Visitor': userToken } }), 401, 'unauthorized');
      await expectError(call('GET', `/boards/${board}/posts`, { headers: bearer(valid['X-Sayso-Visitor']!) }), 401, 'unauthorized');
    });

    it('remembers a verified token for its own secret only, and never an altered copy of it', async () => {
      const board = await freshBoard();
      const headers = await visitorHeaders(db, 'remembered-visitor');
      // Verified, then answered from what the process remembers.
      for (let i = 0; i < 2; i++) expect((await call('GET', `/boards/${board}/posts`, { headers })).status).toBe(200);
      const [head, payload, signature] = headers['X-Sayso-Visitor']!.split('.') as [string, string, string];
      const altered = `${head}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      await expectError(call('GET', `/boards/${board}/posts`, { headers: { 'X-Sayso-Visitor': altered } }), 401, 'unauthorized');
      // Another deployment with a secret of its own on the same data refuses it.
      const elsewhere = apiClient(createApp({ db, visitorSecret: new Uint8Array(32).fill(9) }), db);
      await expectError(elsewhere('GET', `/boards/${board}/posts`, { headers }), 401, 'unauthorized');
    });

    it('shares the secret between two app instances on one database', async () => {
      const other = apiClient(createApp({ db }));
      const board = await freshBoard();
      const issued = (await other('POST', '/visitors')).json.visitorToken as string;
      const headers = { 'X-Sayso-Visitor': issued };
      const created = await call('POST', `/boards/${board}/posts`, { headers, body: { title: 'Across instances' } });
      expect(created.status).toBe(201);
      expect((await other('GET', `/posts/${created.json.id}`, { headers })).json.voted).toBe(true);
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM server_secrets')) as [{ n: number }];
      expect(n).toBe(1);
    });
  });

  describe('host-signed user tokens', () => {
    it('trusts only the claims: stores name, email and traits, shows the name as author', async () => {
      const board = await freshBoard();
      const token = await signUserToken(
        { sub: 'host-user-1', name: 'Ada Lovelace', email: 'ada@example.com', traits: { plan: 'pro', mrr: 490, company: 'Acme' } },
        JWT_SECRET,
      );
      const created = await call('POST', `/boards/${board}/posts`, {
        headers: bearer(token),
        body: { title: 'Signed idea', author: { id: 'x', name: 'Mallory' }, name: 'Mallory', email: 'm@evil.test' },
      });
      expect(created.status).toBe(201);
      expect(created.json.author.name).toBe('Ada Lovelace');
      const comment = await call('POST', `/posts/${created.json.id}/comments`, { headers: bearer(token), body: { body: 'Hi', name: 'Mallory' } });
      expect(comment.json.author).toEqual(created.json.author);
      const [user] = await db.query<{ name: string; email: string; traits: unknown }>(
        `SELECT name, email, traits FROM users WHERE key = 'user:host-user-1'`,
      );
      expect(user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', traits: { plan: 'pro', mrr: 490, company: 'Acme' } });
      // New claims update the row; the user stays one user.
      const renamed = await signUserToken({ sub: 'host-user-1', name: 'Ada King', traits: { plan: 'enterprise' } }, JWT_SECRET);
      expect((await call('GET', `/posts/${created.json.id}`, { headers: bearer(renamed) })).json).toMatchObject({
        voted: true,
        author: { id: created.json.author.id, name: 'Ada King' },
      });
      const [again] = await db.query(`SELECT name, email, traits FROM users WHERE key = 'user:host-user-1'`);
      expect(again).toEqual({ name: 'Ada King', email: null, traits: { plan: 'enterprise' } });
    });

    it('answers an expired token with 401 token_expired', async () => {
      const board = await freshBoard();
      const expired = await signUserToken({ sub: 'host-user-2' }, JWT_SECRET, { now: new Date(Date.now() - 2 * 3600_000) });
      const error = await expectError(call('GET', `/boards/${board}/posts`, { headers: bearer(expired) }), 401, 'token_expired');
      expect(error.details).toEqual({ credential: 'user_token' });
    });

    it('refuses alg none, HS512, other secrets, tokens without exp and tokens living over 24 h', async () => {
      const board = await freshBoard();
      const key = new TextEncoder().encode(JWT_SECRET);
      const now = Math.floor(Date.now() / 1000);
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', exp: now + 60 })).toString('base64url')}.`;
      const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('x').setIssuedAt().setExpirationTime(now + 60).sign(key);
      const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt().sign(key);
      const longLived = await signUserToken({ sub: 'x' }, JWT_SECRET, { expiresInSeconds: 25 * 3600 });
      const otherSecret = await signUserToken({ sub: 'x' }, 'another-secret-0123456789abcdefghij');
      for (const token of [none, hs512, noExp, longLived, otherSecret]) {
        await expectError(call('POST', `/boards/${board}/posts`, { headers: bearer(token), body: { title: 'Nope' } }), 401, 'unauthorized');
      }
    });

    it('says identified users are not configured when the server has no SAYSO_JWT_SECRET', async () => {
      const bare = apiClient(createApp({ db }));
      const token = await signUserToken({ sub: 'x' }, JWT_SECRET);
      const error = await expectError(bare('GET', '/boards', { headers: bearer(token) }), 401, 'unauthorized');
      expect(error.message).toMatch(/not configured/);
    });
  });

  describe('board policies', () => {
    async function attempts(board: string, headers: Record<string, string>) {
      const admin = { adminKey: ADMIN_KEY };
      const post = (await call('POST', `/boards/${board}/posts`, { ...admin, body: { title: 'Seeded idea' } })).json;
      return {
        read: (await call('GET', `/boards/${board}/posts`, { headers })).status,
        vote: (await call('POST', `/posts/${post.id}/votes`, { headers })).status,
        post: (await call('POST', `/boards/${board}/posts`, { headers, body: { title: 'My idea' } })).status,
        comment: (await call('POST', `/posts/${post.id}/comments`, { headers, body: { body: 'My comment' } })).status,
      };
    }

    it('off: visitors only read; votes: they may vote; votes-and-posts: everything', async () => {
      const visitor = await visitorHeaders(db, 'policy-visitor');
      expect(await attempts(await freshBoard('off'), visitor)).toEqual({ read: 200, vote: 401, post: 401, comment: 401 });
      expect(await attempts(await freshBoard('votes'), visitor)).toEqual({ read: 200, vote: 200, post: 401, comment: 401 });
      expect(await attempts(await freshBoard('votes-and-posts'), visitor)).toEqual({ read: 200, vote: 200, post: 201, comment: 201 });
      const board = await freshBoard('off');
      const post = (await call('POST', `/boards/${board}/posts`, { adminKey: ADMIN_KEY, body: { title: 'Admin idea' } })).json;
      const error = await expectError(call('POST', `/posts/${post.id}/votes`, { headers: visitor }), 401, 'unauthorized');
      expect(error.message).toMatch(/sign-in is required/i);
    });

    it('lets identified users act on every board', async () => {
      const user = bearer(await signUserToken({ sub: 'policy-user', name: 'Grace' }, JWT_SECRET));
      for (const policy of ['off', 'votes', 'votes-and-posts'] as const) {
        expect(await attempts(await freshBoard(policy), user)).toEqual({ read: 200, vote: 200, post: 201, comment: 201 });
      }
    });

    it('applies a policy change at once in the process that made it, within a second in the others', async () => {
      const board = await freshBoard();
      const post = (await call('POST', `/boards/${board}/posts`, { adminKey: ADMIN_KEY, body: { title: 'Policy idea' } })).json;
      const visitor = await visitorHeaders(db, 'policy-follower');
      const other = apiClient(createApp({ db }), db);
      // Both processes have read (and remember) that visitors may vote here.
      expect((await call('POST', `/posts/${post.id}/votes`, { headers: visitor })).status).toBe(200);
      expect((await other('POST', `/posts/${post.id}/votes`, { headers: visitor })).status).toBe(200);
      await call('PATCH', `/boards/${board}`, { adminKey: ADMIN_KEY, body: { anonymous: 'off' } });
      await expectError(call('POST', `/posts/${post.id}/votes`, { headers: visitor }), 401, 'unauthorized');
      await expectError(call('POST', `/boards/${board}/posts`, { headers: visitor, body: { title: 'Nope' } }), 401, 'unauthorized');
      await new Promise((resolve) => setTimeout(resolve, BOARD_POLICY_TTL_MS + 50));
      await expectError(other('POST', `/posts/${post.id}/votes`, { headers: visitor }), 401, 'unauthorized');
    });

    it('lets admins change a board\'s policy with PATCH /boards/:board', async () => {
      const board = await freshBoard();
      await expectError(call('PATCH', `/boards/${board}`, { voter: 'policy-visitor', body: { anonymous: 'off' } }), 403, 'forbidden');
      await expectError(call('PATCH', `/boards/${board}`, { adminKey: ADMIN_KEY, body: { anonymous: 'sometimes' } }), 400, 'invalid_input');
      const changed = await call('PATCH', `/boards/${board}`, { adminKey: ADMIN_KEY, body: { anonymous: 'off' } });
      expect(changed.json).toMatchObject({ slug: board, anonymous: 'off' });
      expect((await call('GET', `/boards/${board}`)).json.anonymous).toBe('off');
      await expectError(call('PATCH', '/boards/nope', { adminKey: ADMIN_KEY, body: { anonymous: 'off' } }), 404, 'not_found');
    });
  });

  describe('who an admin is (GET /admin/me)', () => {
    it('names a stored key by its label, the environment key as such, and a host user granted admin by the token', async () => {
      expect((await call('GET', '/admin/me', { adminKey: ADMIN_KEY })).json).toEqual({ via: 'server_key', label: 'Server admin key (SAYSO_ADMIN_KEY)' });
      const created = await call('POST', '/admin/keys', { adminKey: ADMIN_KEY, body: { label: 'Grace (support)' } });
      expect((await call('GET', '/admin/me', { adminKey: created.json.key })).json).toEqual({ via: 'admin_key', label: 'Grace (support)' });
      await call('DELETE', `/admin/keys/${created.json.id}`, { adminKey: ADMIN_KEY });
      await expectError(call('GET', '/admin/me', { adminKey: created.json.key }), 401, 'unauthorized');

      const granted = await signUserToken({ sub: 'host-admin', name: 'Ada Admin', sayso_admin: true }, JWT_SECRET);
      expect((await call('GET', '/admin/me', { headers: bearer(granted) })).json).toEqual({ via: 'host_token', label: 'Ada Admin' });
      // A granted user acts as an admin elsewhere too; the same user without the claim may not.
      const board = await freshBoard();
      const post = await call('POST', `/boards/${board}/posts`, { voter: 'identity-someone', body: { title: 'Idea' } });
      expect((await call('PATCH', `/posts/${post.json.id}`, { headers: bearer(granted), body: { status: 'planned' } })).json.status).toBe('planned');
      const plain = await signUserToken({ sub: 'host-admin', name: 'Ada Admin' }, JWT_SECRET);
      await expectError(call('GET', '/admin/me', { headers: bearer(plain) }), 403, 'forbidden');
      await expectError(call('PATCH', `/posts/${post.json.id}`, { headers: bearer(plain), body: { status: 'open' } }), 403, 'forbidden');
      // A claim only a signed token carries: a forged token is refused outright.
      const forged = await signUserToken({ sub: 'intruder', sayso_admin: true }, 'not-the-secret-0123456789abcdef');
      await expectError(call('GET', '/admin/me', { headers: bearer(forged) }), 401, 'unauthorized');
    });
  });
});
