/**
 * Why an adapter call failed, in terms the UI can act on:
 * - `invalid_input`: the request was refused as it stands; fix the input (HTTP 400/422).
 * - `not_found`: the board, post or comment does not exist (404).
 * - `unauthorized` / `forbidden`: identity missing or not allowed (401/403).
 * - `token_expired`: the host-signed sign-in token has expired (401); ask the host for a fresh one.
 * - `conflict`: the request clashes with the current state (409).
 * - `idempotency_conflict`: an `Idempotency-Key` was reused for a different request (422); a new
 *   request needs a new key.
 * - `rate_limited`: too many requests; try again later (429).
 * - `network`: the backend could not be reached; nothing is known to have happened.
 * - `server`: the backend failed (5xx).
 */
export type SaysoErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthorized'
  | 'token_expired'
  | 'forbidden'
  | 'conflict'
  | 'idempotency_conflict'
  | 'rate_limited'
  | 'network'
  | 'server';

/**
 * Marks every SaysoError. `Symbol.for` keys one registry per page (or process), so a SaysoError
 * made by another copy of @sayso/core (a second bundle, an adapter that brought its own) carries
 * the same mark.
 */
const SAYSO_ERROR_BRAND = Symbol.for('@sayso/core/SaysoError');

/** The one error type adapters reject with, so every element handles failures alike. */
export class SaysoError extends Error {
  /**
   * `error instanceof SaysoError` holds for a SaysoError from any copy of @sayso/core: it checks
   * the mark, not the prototype chain, which differs between copies.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [SAYSO_ERROR_BRAND]?: unknown })[SAYSO_ERROR_BRAND] === true;
  }

  override readonly name = 'SaysoError';

  /** The mark {@link SaysoError}'s `instanceof` looks for; on the prototype, so no instance shows it. */
  get [SAYSO_ERROR_BRAND](): true {
    return true;
  }

  constructor(
    readonly code: SaysoErrorCode,
    message: string,
    /** Extra facts, e.g. the invalid field, or seconds to wait when rate limited. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Whether trying the same call again later may succeed. */
  get retryable(): boolean {
    return this.code === 'network' || this.code === 'server' || this.code === 'rate_limited';
  }
}

/** Wraps anything thrown into a `SaysoError`, keeping one that already is. */
export function toSaysoError(error: unknown): SaysoError {
  if (error instanceof SaysoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SaysoError('server', message);
}

/** Every error code, for checking that a code from outside is one of ours. */
export const SAYSO_ERROR_CODES: readonly SaysoErrorCode[] = [
  'invalid_input',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'idempotency_conflict',
  'token_expired',
  'rate_limited',
  'network',
  'server',
];

/**
 * The HTTP status a Sayso server answers each error with. `network` is what a gateway answers
 * when the server behind it could not be reached.
 */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<SaysoErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 422,
  token_expired: 401,
  rate_limited: 429,
  network: 502,
  server: 500,
};

/** The error code an HTTP status means when no Sayso error body says otherwise. */
export function errorCodeForHttpStatus(status: number): SaysoErrorCode {
  if (status === 400 || status === 422 || status === 413) return 'invalid_input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return status >= 400 ? 'invalid_input' : 'server';
}
