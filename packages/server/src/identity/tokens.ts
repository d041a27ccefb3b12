import { SaysoError } from '@sayso/core';
import type { webcrypto } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';

/** Longest life a host may give a sign-in token: a leaked token is only good for a day. */
export const MAX_USER_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

const VISITOR_ISSUER = 'sayso';
const VISITOR_AUDIENCE = 'sayso-visitor';

const traitValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

/** The claims a host app signs for one of its users; only these are trusted, never a body. */
const userClaims = z.object({
  sub: z.string().min(1).max(255),
  email: z.email().max(320).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  traits: z
    .record(z.string().min(1).max(64), traitValue)
    .refine((traits) => Object.keys(traits).length <= 50, 'at most 50 traits')
    .optional(),
  /**
   * The host grants this user admin: the console, opened from the host's own app, acts with
   * the token as with an admin key (the event log names the user). Only a token the host signed
   * can say so.
   */
  sayso_admin: z.boolean().optional(),
});

/** A user of the host app, as its signed token describes them. */
export type UserClaims = z.infer<typeof userClaims>;

const encoder = new TextEncoder();
const keyOf = (secret: string | Uint8Array) => (typeof secret === 'string' ? encoder.encode(secret) : secret);

/**
 * Verifies a host-signed HS256 token. The algorithm is pinned (no `none`, no RS/HS confusion),
 * `exp` is required and may lie at most 24 h after `iat` (or after now when there is no `iat`).
 * Rejects with `token_expired` for an expired token, so the widget can ask the host for a fresh
 * one, and with `unauthorized` for anything else wrong.
 */
export async function verifyUserToken(token: string, secret: string | Uint8Array, now = new Date()): Promise<UserClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new SaysoError('token_expired', 'The sign-in token has expired; the host app must sign a new one.');
    }
    throw new SaysoError('unauthorized', 'The sign-in token is not valid.');
  }
  const issuedAt = payload.iat ?? Math.floor(now.getTime() / 1000);
  if (payload.exp! - issuedAt > MAX_USER_TOKEN_LIFETIME_SECONDS) {
    throw new SaysoError('unauthorized', 'The sign-in token lives longer than 24 hours; sign shorter-lived tokens.');
  }
  const claims = userClaims.safeParse(payload);
  if (!claims.success) {
    throw new SaysoError('unauthorized', `The sign-in token's claims are not valid: ${claims.error.issues[0]?.message}.`);
  }
  return claims.data;
}

/** Signs a token for a host's user; for tests, examples and hosts written in JavaScript. */
export async function signUserToken(
  claims: UserClaims,
  secret: string | Uint8Array,
  options: { expiresInSeconds?: number; now?: Date } = {},
): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .sign(keyOf(secret));
}

/**
 * The server's secret for visitor tokens, as the raw bytes or imported once with
 * {@link importVisitorKey} (jose otherwise imports the bytes again on every token).
 */
export type VisitorKey = Uint8Array | webcrypto.CryptoKey;

/** The visitor secret as a WebCrypto key, to sign and verify visitor tokens without importing it each time. */
export function importVisitorKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  // Copied: WebCrypto takes bytes of a plain ArrayBuffer, never of a shared one.
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/**
 * Issues an anonymous visitor's token: an opaque id signed with the server's own secret, so a
 * browser can keep one identity without an account and nobody can mint or guess another's.
 */
export async function issueVisitorToken(secret: VisitorKey): Promise<{ visitorId: string; token: string }> {
  const visitorId = crypto.randomUUID();
  return { visitorId, token: await signVisitorToken(visitorId, secret) };
}

/**
 * Signs a visitor token for a given id. The server only ever signs random ids
 * ({@link issueVisitorToken}); tests and benchmarks use this to name their visitors.
 */
export async function signVisitorToken(visitorId: string, secret: VisitorKey): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(VISITOR_ISSUER)
    .setAudience(VISITOR_AUDIENCE)
    .setSubject(visitorId)
    .setIssuedAt()
    .sign(secret);
}

/** The visitor id inside a token this server issued; `unauthorized` for any other token. */
export async function verifyVisitorToken(token: string, secret: VisitorKey): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: VISITOR_ISSUER,
      audience: VISITOR_AUDIENCE,
      requiredClaims: ['sub'],
    });
    return payload.sub!;
  } catch {
    throw new SaysoError('unauthorized', 'The visitor token was not issued by this server; ask for a new one.');
  }
}
