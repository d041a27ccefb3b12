import { createHmac } from 'node:crypto';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A visitor token for `id`, exactly as the server's signVisitorToken makes it (HS256, iss
 * `sayso`, aud `sayso-visitor`), signed synchronously: autocannon's setupRequest cannot wait.
 */
export function mintVisitorToken(id: string, secret: string): string {
  const unsigned = `${b64({ alg: 'HS256' })}.${b64({ iss: 'sayso', aud: 'sayso-visitor', sub: id, iat: Math.floor(Date.now() / 1000) })}`;
  return `${unsigned}.${createHmac('sha256', Buffer.from(secret, 'base64url')).update(unsigned).digest('base64url')}`;
}
