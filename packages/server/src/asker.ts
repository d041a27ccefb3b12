// Who is asking: the one place that turns a request's credentials into an identity. Every route
// reads identity through `createAsker`'s functions, so signed identity can replace this file
// without touching the routes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SaysoError } from '@sayso/core';
import type { Context } from 'hono';
import type { Queryable } from './db/database.js';
import { findAdminKeyId, type Actor } from './db/queries.js';

/** The header carrying the visitor's private, opaque id (until signed tokens replace it). */
export const VOTER_HEADER = 'X-Sayso-Voter';

/** What a voter id may look like: 8–128 letters, digits, `-` or `_`. */
export const VOTER_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The caller of one request: `key` is the private key of their users row (`null` for a caller
 * who sent no identity) and `admin` whether they may triage. Admin keys act as users too, under
 * keys (`admin:…`) that no X-Sayso-Voter header can spell, so nobody can pose as an admin.
 */
export interface Asker {
  key: string | null;
  admin: boolean;
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

const BEARER = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i;

/** Identity functions for the routes, over the configured and the stored admin keys. */
export function createAsker(db: Queryable, adminKeys: readonly string[] = []) {
  // Keys from the environment are compared by their hashes: equal lengths, so timingSafeEqual
  // applies, and every configured key is compared, so timing tells nothing about which matched.
  const configured = adminKeys.filter(Boolean).map((key) => Buffer.from(hashAdminKey(key), 'hex'));
  const asked = new WeakMap<Request, Promise<Asker>>();

  async function resolve(c: Context): Promise<Asker> {
    const authorization = c.req.header('Authorization');
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) throw new SaysoError('unauthorized', 'Send admin keys as "Authorization: Bearer <key>".');
      const hash = hashAdminKey(token);
      const digest = Buffer.from(hash, 'hex');
      let matched = false;
      for (const candidate of configured) matched = timingSafeEqual(candidate, digest) || matched;
      if (matched) return { key: `admin:env:${hash.slice(0, 32)}`, admin: true };
      // A stored key is looked up by its hash: the hash of a guess reveals nothing about a key.
      const id = await findAdminKeyId(db, hash);
      if (id) return { key: `admin:key:${id}`, admin: true };
      throw new SaysoError('unauthorized', 'The admin key is not valid, or it was revoked.');
    }
    const voter = c.get('voter') as string | null | undefined;
    return { key: voter ?? null, admin: false };
  }

  /** Who is asking; resolved once per request. Unknown or revoked bearer keys are 401. */
  const whoIsAsking = (c: Context): Promise<Asker> => {
    let asker = asked.get(c.req.raw);
    if (!asker) {
      asker = resolve(c);
      asked.set(c.req.raw, asker);
    }
    return asker;
  };

  return {
    whoIsAsking,

    /** The private key `voted` is computed for; `null` for a caller without identity. */
    viewer: async (c: Context): Promise<string | null> => (await whoIsAsking(c)).key,

    /** The caller, who must have an identity (401 otherwise). */
    requireActor: async (c: Context): Promise<Actor> => {
      const asker = await whoIsAsking(c);
      if (!asker.key) {
        throw new SaysoError(
          'unauthorized',
          `Send an ${VOTER_HEADER} header: an id of 8 to 128 letters, digits, "-" or "_".`,
        );
      }
      return { key: asker.key, admin: asker.admin };
    },

    /** The caller, who must be an admin: 401 without identity, 403 for a visitor. */
    requireAdmin: async (c: Context): Promise<Actor> => {
      const asker = await whoIsAsking(c);
      if (!asker.key) throw new SaysoError('unauthorized', 'This needs an admin key: "Authorization: Bearer <key>".');
      if (!asker.admin) throw new SaysoError('forbidden', 'Only an admin may do this.');
      return { key: asker.key, admin: true };
    },
  };
}

/** The identity functions {@link createAsker} makes. */
export type AskerFunctions = ReturnType<typeof createAsker>;
