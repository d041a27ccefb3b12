/**
 * Why an adapter call failed, in terms the UI can act on:
 * - `invalid_input`: the request was refused as it stands; fix the input (HTTP 400/422).
 * - `not_found`: the board, post or comment does not exist (404).
 * - `unauthorized` / `forbidden`: identity missing or not allowed (401/403).
 * - `conflict`: the request clashes with the current state (409).
 * - `rate_limited`: too many requests; try again later (429).
 * - `network`: the backend could not be reached; nothing is known to have happened.
 * - `server`: the backend failed (5xx).
 */
export type SaysoErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'rate_limited'
  | 'network'
  | 'server';

/** The one error type adapters reject with, so every element handles failures alike. */
export class SaysoError extends Error {
  override readonly name = 'SaysoError';

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
