/**
 * A random UUID to use as an idempotency key. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); a page served over plain http still has `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  // Core is typed without the DOM or Node, but every runtime it runs in has Web Crypto.
  const { crypto } = globalThis as unknown as {
    crypto: { randomUUID?: () => string; getRandomValues<T extends Uint8Array>(array: T): T };
  };
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
