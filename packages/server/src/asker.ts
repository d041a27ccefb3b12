// Who is asking: the one place that turns a request's credentials into an identity. Every route
// reads the caller that createApp resolves with it, once per request (routes/access.ts).
//
//   Authorization: Bearer sayso_admin_…   an admin key (SAYSO_ADMIN_KEY or POST /admin/keys)
//   Authorization: Bearer sik_…           an ingestion key (POST /ingestion-keys): it may only post feedback
//   Authorization: Bearer <a.b.c>         a user of the host app: an HS256 JWT it signed with
//                                         SAYSO_JWT_SECRET (only its claims are trusted); with the
//                                         claim `sayso_admin: true`, an admin
//   X-Sayso-Visitor: <token>              an anonymous visitor: a token from POST /visitors,
//                                         signed with the server's own secret
//
// Credentials that are sent must be valid: a bad one is 401, never silently anonymous. An
// unsigned id is never an identity.
import { randomBytes, timingSafeEqual, type webcrypto } from 'node:crypto';
import { SaysoError } from '@sayso/core';
import type { Context } from 'hono';
import { LRUCache } from 'lru-cache';
import type { Database, Queryable } from './db/database.js';
import { findAdminKeyId } from './db/admin-keys.js';
import { serverSecret, upsertIdentifiedUser, userKey } from './db/identity.js';
import { refreshCustomerMrr } from './db/people.js';
import { importVisitorKey, issueVisitorToken, verifyUserToken, verifyVisitorToken } from './identity/tokens.js';
import { INGESTION_KEY_PREFIX, hashAdminKey } from './services/admin-keys.js';
import { linkRequestsToUser } from './services/customer-requests.js';

/** The header carrying an anonymous visitor's token, issued by `POST /visitors`. */
export const VISITOR_HEADER = 'X-Sayso-Visitor';

/** Name of the row in `server_secrets` that signs visitor tokens. */
const VISITOR_SECRET = 'visitor-token';

/**
 * The caller of one request: `key` is the private key of their users row (`null` for a caller
 * who sent no credentials), `kind` what proved it, and `admin` whether they may triage. Each
 * kind has its own key prefix (`visitor:`, `user:`, `admin:`, `ingestion:`), so no credential can
 * pose as another kind. An ingestion key only posts feedback (routes/access.ts refuses it elsewhere).
 */
export interface Asker {
  key: string | null;
  kind: 'admin' | 'user' | 'visitor' | 'ingestion' | null;
  admin: boolean;
}

/** What {@link createAsker} needs besides the database. */
export interface AskerOptions {
  /** Admin keys from the environment (`SAYSO_ADMIN_KEY`). */
  adminKeys?: readonly string[];
  /** The secret host apps sign user tokens with (`SAYSO_JWT_SECRET`); unset: no identified users. */
  jwtSecret?: string;
  /** Signs visitor tokens; default: the deployment's secret, kept in the database. */
  visitorSecret?: Uint8Array;
}

/** Splits `SAYSO_ADMIN_KEY` (comma-separated) into keys, ignoring blanks. */
export function parseAdminKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

/**
 * How many verified visitor tokens a process remembers (a few MB at most): enough for every
 * visitor active at once on a busy deployment; one pushed out is simply verified again.
 */
const REMEMBERED_VISITOR_TOKENS = 10_000;

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,4096})[ \t]*$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The secret that signs visitor tokens, shared by every process through the database. */
export function visitorSecretOf(db: Queryable): Promise<Uint8Array> {
  return serverSecret(db, VISITOR_SECRET, randomBytes(32));
}

/** Identity functions for the routes, over the configured and the stored admin keys. */
export function createAsker(db: Database, options: AskerOptions = {}) {
  // Keys from the environment are compared by their hashes: equal lengths, so timingSafeEqual
  // applies, and every configured key is compared, so timing tells nothing about which matched.
  const configured = (options.adminKeys ?? []).filter(Boolean).map((key) => Buffer.from(hashAdminKey(key), 'hex'));
  // Read and imported once per process; a failed read (database down) is tried again on the next request.
  let visitorKey: Promise<webcrypto.CryptoKey> | undefined;
  const secret = (): Promise<webcrypto.CryptoKey> => {
    visitorKey ??= Promise.resolve(options.visitorSecret ?? visitorSecretOf(db))
      .then(importVisitorKey)
      .catch((error: unknown) => {
        visitorKey = undefined;
        throw error;
      });
    return visitorKey;
  };
  // Verifying a visitor token (HS256 in WebCrypto) was the costliest step of a repeat vote in
  // this process. A visitor token never expires and the secret never changes, so a token verified
  // once names the same visitor for the life of the process: it is remembered, by the whole token.
  const verifiedVisitors = new LRUCache<string, string>({ max: REMEMBERED_VISITOR_TOKENS });
  async function visitorOf(token: string): Promise<string | null> {
    const remembered = verifiedVisitors.get(token);
    if (remembered !== undefined) return remembered;
    const id = await verifyVisitorToken(token, await secret()).catch(() => null);
    if (id !== null) verifiedVisitors.set(token, id);
    return id;
  }

  async function asAdmin(token: string): Promise<Asker> {
    const hash = hashAdminKey(token);
    const digest = Buffer.from(hash, 'hex');
    let matched = false;
    for (const candidate of configured) matched = timingSafeEqual(candidate, digest) || matched;
    if (matched) return { key: `admin:env:${hash.slice(0, 32)}`, kind: 'admin', admin: true };
    // A stored key is looked up by its hash: the hash of a guess reveals nothing about a key.
    const id = await findAdminKeyId(db, hash);
    if (id) return { key: `admin:key:${id}`, kind: 'admin', admin: true };
    throw new SaysoError('unauthorized', 'The admin key is not valid, or it was revoked.');
  }

  async function asIngestionKey(token: string): Promise<Asker> {
    const id = await findAdminKeyId(db, hashAdminKey(token), 'ingestion_keys');
    if (!id) throw new SaysoError('unauthorized', 'The ingestion key is not valid, or it was revoked.');
    return { key: `ingestion:${id}`, kind: 'ingestion', admin: false };
  }

  async function asUser(token: string): Promise<Asker> {
    if (!options.jwtSecret) {
      throw new SaysoError(
        'unauthorized',
        'Identified users are not configured on this server: it has no SAYSO_JWT_SECRET to verify sign-in tokens.',
        { credential: 'user_token' },
      );
    }
    let claims;
    try {
      claims = await verifyUserToken(token, options.jwtSecret);
    } catch (error) {
      if (error instanceof SaysoError) throw new SaysoError(error.code, error.message, { credential: 'user_token' });
      throw error;
    }
    const key = userKey(claims.sub);
    const { writtenId, revalue } = await upsertIdentifiedUser(db, { key, name: claims.name ?? null, email: claims.email ?? null, traits: claims.traits ?? {} });
    // Their company or MRR may have changed: each idea they count on is refreshed on its own
    // (one lock at a time, never several held against a merge). Rare: traits seldom change.
    for (const idea of revalue) await refreshCustomerMrr(db, idea);
    // Requests an admin recorded for this address before they signed in become theirs.
    if (writtenId && claims.email) await linkRequestsToUser(db, { userId: writtenId, email: claims.email });
    return { key, kind: 'user', admin: claims.sayso_admin === true };
  }

  async function resolve(c: Context): Promise<Asker> {
    const authorization = c.req.header('Authorization');
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) {
        throw new SaysoError('unauthorized', 'Send an admin key or a sign-in token as "Authorization: Bearer <token>".');
      }
      if (token.startsWith(INGESTION_KEY_PREFIX)) return asIngestionKey(token);
      return JWT_SHAPE.test(token) ? asUser(token) : asAdmin(token);
    }
    const visitorToken = c.req.header(VISITOR_HEADER);
    if (visitorToken !== undefined) {
      const id = visitorToken.length <= 2048 ? await visitorOf(visitorToken.trim()) : null;
      if (!id) {
        throw new SaysoError('unauthorized', 'The visitor token was not issued by this server; ask POST /visitors for a new one.', {
          credential: 'visitor_token',
        });
      }
      return { key: `visitor:${id}`, kind: 'visitor', admin: false };
    }
    return { key: null, kind: null, admin: false };
  }

  return {
    /** Who is asking; createApp's middleware asks once per request. Invalid credentials are 401. */
    whoIsAsking: resolve,

    /** A new anonymous visitor: a random id in a token signed with the server's secret. */
    issueVisitor: async (): Promise<string> => (await issueVisitorToken(await secret())).token,
  };
}

/** The identity functions {@link createAsker} makes. */
export type AskerFunctions = ReturnType<typeof createAsker>;
