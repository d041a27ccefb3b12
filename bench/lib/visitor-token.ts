import { createHmac } from 'node:crypto';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * When every bench token was issued. A visitor keeps the one token the server gave them (the
 * widget stores it), so a repeat voter must send the same token on every request: the same
 * `iat` in every process and run makes the token of an id always the same.
 */
const ISSUED_AT = Math.floor(Date.UTC(2026, 0, 1) / 1000);

/**
 * A visitor token for `id`, exactly as the server's signVisitorToken makes it (HS256, iss
 * `sayso`, aud `sayso-visitor`), signed synchronously: autocannon's setupRequest cannot wait.
 */
export function mintVisitorToken(id: string, secret: string): string {
  const unsigned = `${b64({ alg: 'HS256' })}.${b64({ iss: 'sayso', aud: 'sayso-visitor', sub: id, iat: ISSUED_AT })}`;
  return `${unsigned}.${createHmac('sha256', Buffer.from(secret, 'base64url')).update(unsigned).digest('base64url')}`;
}
