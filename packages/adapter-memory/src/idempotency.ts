import { SaysoError, idempotentReplay } from '@sayso/core';
import type { MemoryVisitor } from './visitor.js';

/**
 * Runs a change once per visitor, operation and idempotency key, deciding as the reference
 * server does (core's `idempotentReplay`): a repeat with the same input gets (a copy of) the
 * first answer, waiting for it if need be; one with other input `idempotency_conflict`. A call
 * that failed is not kept, so its repeat runs again.
 */
export function once<T>(
  { data, voterId }: MemoryVisitor,
  operation: string,
  params: { idempotencyKey?: string },
  work: () => Promise<T>,
): Promise<T> {
  const { idempotencyKey, ...input } = params;
  if (idempotencyKey === undefined) return work();
  const scope = `${voterId}\n${operation}\n${idempotencyKey}`;
  const fingerprint = JSON.stringify(input);
  const first = data.idempotent.get(scope);
  const decision = idempotentReplay(first && { fingerprint: first.input, answered: first.answered }, fingerprint);
  if (decision.action === 'refuse') {
    return Promise.reject(
      new SaysoError('idempotency_conflict', 'This Idempotency-Key was already used with a different request; use a new key for a new request.'),
    );
  }
  if (first && decision.action !== 'run') return first.answer.then((answer) => structuredClone(answer) as T);
  const answer = work();
  const kept = { input: fingerprint, answered: false, answer: answer.then((value) => structuredClone(value)) };
  kept.answer.then(
    () => (kept.answered = true),
    () => data.idempotent.delete(scope),
  );
  data.idempotent.set(scope, kept);
  return answer;
}
