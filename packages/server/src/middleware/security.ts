import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency.js';

/**
 * Reads `SAYSO_ALLOWED_ORIGINS`: comma-separated origins (`https://app.example.com`) or `*`.
 * Unset or blank means `*`: a board is a widget embedded in other sites, and the API uses no
 * cookies (identity travels in headers the host page sets), so any origin may call it unless the
 * operator narrows the list. Throws on anything that is not an origin.
 */
export function parseAllowedOrigins(value: string | undefined): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return ['*'];
  return entries.map((entry) => {
    if (entry === '*') return entry;
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null' || !/^https?:\/\/[^/]+\/?$/i.test(entry)) {
      throw new Error(`SAYSO_ALLOWED_ORIGINS: "${entry}" is not an origin like https://app.example.com`);
    }
    return origin;
  });
}

/**
 * CORS for the whole server (the API and the script-tag bundle, which a host page loads as a
 * cross-origin module script): an origin on the list gets `Access-Control-Allow-Origin`, any
 * other gets no such header and the browser refuses the answer. `*` on the list allows all.
 */
export function corsFor(allowedOrigins: readonly string[], visitorHeader: string): MiddlewareHandler {
  const anyOrigin = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return cors({
    origin: anyOrigin ? '*' : (origin) => (allowed.has(origin) ? origin : null),
    // Last-Event-ID: a live stream the HTTP adapter opens again from another origin resumes with it.
    allowHeaders: ['Content-Type', visitorHeader, 'Authorization', IDEMPOTENCY_KEY_HEADER, 'Last-Event-ID'],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Content-Disposition: the adapter names a downloaded export by it (admin.exportBacklog).
    exposeHeaders: ['Retry-After', IDEMPOTENT_REPLAYED_HEADER, 'Content-Disposition'],
    maxAge: 600,
  });
}

/**
 * Security headers (Hono's `secureHeaders`: nosniff, HSTS, no referrer, COOP, …). API answers
 * are JSON that nothing should render, frame or run: `Content-Security-Policy: default-src
 * 'none'; frame-ancestors 'none'` and `X-Frame-Options: DENY`. Everything else (the example host
 * page, the script-tag bundle) keeps Hono's defaults except for two: no CSP, since the operator's
 * own host page decides its policy, and `Cross-Origin-Resource-Policy: cross-origin`, since the
 * bundle is meant to be loaded by other sites.
 */
export function securityHeadersFor(apiPrefix: string): MiddlewareHandler {
  const api = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
  });
  const pages = secureHeaders({ crossOriginResourcePolicy: 'cross-origin' });
  return (c, next) => (c.req.path === apiPrefix || c.req.path.startsWith(`${apiPrefix}/`) ? api : pages)(c, next);
}
