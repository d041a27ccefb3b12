/** What a request carrying an idempotency key should do, given what was stored for that key. */
export type IdempotentReplayDecision =
  /** Nothing stored (or it expired): run the request and store its answer. */
  | { action: 'run' }
  /** The same request already answered: send the stored answer again; nothing is done twice. */
  | { action: 'replay' }
  /** The same request is still running elsewhere: wait for its answer. */
  | { action: 'wait' }
  /** The key was used for a different request: refuse with `idempotency_conflict`. */
  | { action: 'refuse' };

/**
 * The one rule for replays, the same in the server and the memory adapter: a key names one
 * attempt of one operation by one caller; a repeat with the same input gets the first answer,
 * a repeat with other input is refused, and a repeat while the first is running waits for it.
 */
export function idempotentReplay(
  stored: { fingerprint: string; answered: boolean } | undefined,
  fingerprint: string,
): IdempotentReplayDecision {
  if (!stored) return { action: 'run' };
  if (stored.fingerprint !== fingerprint) return { action: 'refuse' };
  return stored.answered ? { action: 'replay' } : { action: 'wait' };
}

/** Whether an answer with this HTTP status is kept for replays: done (2xx) or refused for its input (4xx but 429). */
export function isReplayableStatus(status: number): boolean {
  return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);
}
