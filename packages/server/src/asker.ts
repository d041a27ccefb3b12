// Who is asking: the one place that turns a request's credentials into an identity. Every route
// reads identity through `createAsker`'s functions.
//
//   Authorization: Bearer sayso_admin_…   an admin key (SAYSO_ADMIN_KEY or POST /admin/keys)
//   Authorization: Bearer <a.b.c>         a user of the host app: an HS256 JWT it signed with
//                                         SAYSO_JWT_SECRET (only its claims are trusted)
//   X-Sayso-Visitor: <token>              an anonymous visitor: a token from POST /visitors,
//                                         signed with the server's own secret
//
// Credentials that are sent must be valid: a bad one is 401, never silently anonymous. An
// unsigned id is never an identity.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaysoError, type AnonymousPolicy } from '@sayso/core';
import type { Context } from 'hono';
import type { Queryable } from './db/database.js';
import { findAdminKeyId, serverSecret, upsertIdentifiedUser, type Actor } from './db/queries.js';
import { issueVisitorToken, verifyUserToken, verifyVisitorToken } from './identity/tokens.js';

/** The header carrying an anonymous visitor's token, issued by `POST /visitors`. */
export const VISITOR_HEADER = 'X-Sayso-Visitor';

/** Name of the row in `server_secrets` that signs visitor tokens. */
const VISITOR_SECRET = 'visitor-token';

/**
 * The caller of one request: `key` is the private key of their users row (`null` for a caller
 * who sent no credentials), `kind` what proved it, and `admin` whether they may triage. Each
 * kind has its own key prefix (`visitor:`, `user:`, `admin:`), so no credential can pose as
 * another kind.
 */
export interface Asker {
  key: string | null;
  kind: 'admin' | 'user' | 'visitor' | null;
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

/** SHA-256 of a key, hex: the only form in which admin keys are stored. */
export function hashAdminKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random admin key: `sayso_admin_` and 43 base64url characters (256 bits). */
export function generateAdminKey(): string {
  return `sayso_admin_${randomBytes(32).toString('base64url')}`;
}

/** Splits `SAYSO_ADMIN_KEY` (comma-separated) into keys, ignoring blanks. */
export function parseAdminKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,4096})[ \t]*$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** The secret that signs visitor tokens, shared by every process through the database. */
export function visitorSecretOf(db: Queryable): Promise<Uint8Array> {
  return serverSecret(db, VISITOR_SECRET, randomBytes(32));
}

/** Identity functions for the routes, over the configured and the stored admin keys. */
export function createAsker(db: Queryable, options: AskerOptions = {}) {
  // Keys from the environment are compared by their hashes: equal lengths, so timingSafeEqual
  // applies, and every configured key is compared, so timing tells nothing about which matched.
  const configured = (options.adminKeys ?? []).filter(Boolean).map((key) => Buffer.from(hashAdminKey(key), 'hex'));
  const asked = new WeakMap<Request, Promise<Asker>>();
  // Read once per process; a failed read (database down) is tried again on the next request.
  let visitorSecret: Promise<Uint8Array> | undefined = options.visitorSecret
    ? Promise.resolve(options.visitorSecret)
    : undefined;
  const secret = (): Promise<Uint8Array> => {
    visitorSecret ??= visitorSecretOf(db).catch((error: unknown) => {
      visitorSecret = undefined;
      throw error;
    });
    return visitorSecret;
  };

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
    const key = `user:${claims.sub}`;
    await upsertIdentifiedUser(db, { key, name: claims.name ?? null, email: claims.email ?? null, traits: claims.traits ?? {} });
    return { key, kind: 'user', admin: false };
  }

  async function resolve(c: Context): Promise<Asker> {
    const authorization = c.req.header('Authorization');
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) {
        throw new SaysoError('unauthorized', 'Send an admin key or a sign-in token as "Authorization: Bearer <token>".');
      }
      return JWT_SHAPE.test(token) ? asUser(token) : asAdmin(token);
    }
    const visitorToken = c.req.header(VISITOR_HEADER);
    if (visitorToken !== undefined) {
      const id = visitorToken.length <= 2048 ? await verifyVisitorToken(visitorToken.trim(), await secret()).catch(() => null) : null;
      if (!id) {
        throw new SaysoError('unauthorized', 'The visitor token was not issued by this server; ask POST /visitors for a new one.', {
          credential: 'visitor_token',
        });
      }
      return { key: `visitor:${id}`, kind: 'visitor', admin: false };
    }
    return { key: null, kind: null, admin: false };
  }

  /** Who is asking; resolved once per request. Invalid credentials are 401. */
  const whoIsAsking = (c: Context): Promise<Asker> => {
    let asker = asked.get(c.req.raw);
    if (!asker) {
      asker = resolve(c);
      asked.set(c.req.raw, asker);
    }
    return asker;
  };

  /** The caller, who must have an identity (401 otherwise). */
  const requireActor = async (c: Context): Promise<Actor> => {
    const asker = await whoIsAsking(c);
    if (!asker.key) {
      throw new SaysoError(
        'unauthorized',
        `Say who you are: send a visitor token (${VISITOR_HEADER}, from POST /visitors) or a sign-in token (Authorization: Bearer).`,
      );
    }
    return { key: asker.key, admin: asker.admin };
  };

  return {
    whoIsAsking,

    /** The private key `voted` is computed for; `null` for a caller without identity. */
    viewer: async (c: Context): Promise<string | null> => (await whoIsAsking(c)).key,

    requireActor,

    /**
     * The caller, who must be allowed to `act` on a board with this anonymous policy:
     * identified users and admins always are, anonymous visitors as the policy says. An
     * unknown board or post (`policy` undefined) passes, for the query to answer 404.
     */
    requireParticipant: async (c: Context, act: 'vote' | 'post', policy: AnonymousPolicy | undefined): Promise<Actor> => {
      const actor = await requireActor(c);
      const { kind } = await whoIsAsking(c);
      if (kind !== 'visitor' || policy === undefined) return actor;
      if (policy === 'off' || (policy === 'votes' && act === 'post')) {
        throw new SaysoError(
          'unauthorized',
          policy === 'off'
            ? 'Sign-in is required on this board: anonymous visitors may read it, but not vote, post or comment.'
            : 'Sign-in is required to post or comment on this board; anonymous visitors may only vote.',
          { policy },
        );
      }
      return actor;
    },

    /** The caller, who must be an admin: 401 without identity, 403 for anyone else. */
    requireAdmin: async (c: Context): Promise<Actor> => {
      const asker = await whoIsAsking(c);
      if (!asker.key) throw new SaysoError('unauthorized', 'This needs an admin key: "Authorization: Bearer <key>".');
      if (!asker.admin) throw new SaysoError('forbidden', 'Only an admin may do this.');
      return { key: asker.key, admin: true };
    },

    /** A new anonymous visitor: a random id in a token signed with the server's secret. */
    issueVisitor: async (): Promise<string> => (await issueVisitorToken(await secret())).token,
  };
}

/** The identity functions {@link createAsker} makes. */
export type AskerFunctions = ReturnType<typeof createAsker>;
