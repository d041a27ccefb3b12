import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address of whoever sent the request, for per-IP limits and for scoping idempotency keys
 * of callers without any identity.
 *
 * With `trustedProxies` 0 (the default) it is the socket's peer address; `X-Forwarded-For` is
 * ignored, since any client can send one. Behind N proxies that each append the address they saw
 * (`SAYSO_TRUST_PROXY=N`; nginx, ALB, most load balancers), it is the N-th entry counted from the
 * right of `X-Forwarded-For`, the one the outermost trusted proxy wrote: entries to its left came
 * from the client and prove nothing. A proxy that replaces the header writes a single entry,
 * which is then the one taken.
 *
 * `undefined` when no address is known (a request handed to `app.request()` in tests).
 */
export function clientIp(c: Context, trustedProxies = 0): string | undefined {
  if (trustedProxies > 0) {
    const hops = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    if (hops.length > 0) return hops[Math.max(0, hops.length - trustedProxies)];
  }
  try {
    return getConnInfo(c).remote.address || undefined;
  } catch {
    return undefined;
  }
}
