import { serveStatic } from '@hono/node-server/serve-static';
import {
  HTTP_STATUS_BY_ERROR_CODE,
  SaysoError,
  errorCodeForHttpStatus,
  type SaysoErrorCode,
} from '@sayso/core';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './app-env.js';
import type { Database } from './db/database.js';
import { VISITOR_HEADER, createAsker } from './asker.js';
import { createBoardPolicies } from './board-policies.js';
import { idempotency } from './middleware/idempotency.js';
import { MUTATING_METHODS, rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
import { corsFor, securityHeadersFor } from './middleware/security.js';
import { apiRoutes } from './routes/api.js';
import { FEEDBACK_IMPORTS_PATH } from './routes/feedback-imports.js';
import { emailPages } from './routes/email-pages.js';
import type { DeliveryWorker } from './services/delivery-worker.js';
import type { TellingOptions } from './services/notify.js';
import { watchingDeliveries } from './services/outbox.js';
import { createLiveChanges, type LiveChanges } from './services/live-changes.js';
import { createSimilarPosts, type SimilarPosts } from './services/similar-posts.js';
import type { WebhookAddressPolicy } from './channels/webhook/address-policy.js';
import type { InboundSecrets } from './channels/inbound/inbound-secrets.js';

/** A folder of files served under a URL prefix, e.g. the example host page at `/`. */
export interface StaticRoute {
  /** URL prefix, e.g. `/` or `/assets`. */
  prefix: string;
  /** Directory on disk; `index.html` answers for the folder itself. */
  dir: string;
}

/** What {@link createApp} needs. */
export interface AppOptions {
  db: Database;
  /** Served after the API, in order; a file missing in one folder is looked up in the next. */
  staticRoutes?: StaticRoute[];
  /** Largest request body accepted, in bytes (default 64 KB); larger ones get 413. */
  maxBodyBytes?: number;
  /**
   * Largest message `POST /channels/email` accepts, in bytes (default 10 MB): mail carries its
   * attachments, which are listed and let go, never stored.
   */
  maxInboundEmailBytes?: number;
  /**
   * The secrets of the inbound channels (`SAYSO_INBOUND_EMAIL_SECRET`, `SAYSO_SLACK_SIGNING_SECRET`
   * …); a channel without its secret refuses every call.
   */
  inbound?: InboundSecrets;
  /**
   * Writes (POST, PUT, PATCH, DELETE) allowed per window, per visitor and per IP address,
   * counted in the database so that every process shares them; unlimited when absent.
   */
  rateLimit?: RateLimitOptions;
  /** Origins a browser may call from (`SAYSO_ALLOWED_ORIGINS`); default `['*']`, any origin. */
  allowedOrigins?: readonly string[];
  /**
   * How many proxies in front of the server append to `X-Forwarded-For` (`SAYSO_TRUST_PROXY`);
   * 0 (default) ignores the header and takes the socket's address.
   */
  trustProxy?: number;
  /** How long a request waits for a concurrent one with the same Idempotency-Key (default 5000 ms). */
  idempotencyWaitMs?: number;
  /**
   * Admin keys (`SAYSO_ADMIN_KEY`, comma-separated): `Authorization: Bearer <key>` with one of
   * them, or with a key created through `POST /admin/keys`, acts as an admin.
   */
  adminKeys?: readonly string[];
  /**
   * The secret host apps sign their users' tokens with (`SAYSO_JWT_SECRET`, HS256): with it,
   * `Authorization: Bearer <jwt>` identifies a user of the host app. Unset: such tokens get 401.
   */
  jwtSecret?: string;
  /**
   * The secret visitor tokens are signed with. Default: 32 random bytes created on first use
   * and kept in the database (`server_secrets`), so every process of a deployment agrees.
   */
  visitorSecret?: Uint8Array;
  /**
   * The similar-ideas lookup and duplicate queue, with their in-memory board indexes; default one
   * made for this app, built on first use. startServer passes one it starts at once.
   */
  similarity?: SimilarPosts;
  /**
   * Which webhook destinations may be registered and called; default public addresses only.
   * `allowPrivate` (`SAYSO_WEBHOOK_ALLOW_PRIVATE=true`) lets loopback and private ones through.
   */
  webhookPolicy?: WebhookAddressPolicy;
  /**
   * The process's delivery worker (startServer makes one): kicked right after a request whose
   * transaction wrote deliveries, rather than waiting for its next poll.
   */
  deliveries?: Pick<DeliveryWorker, 'kick'>;
  /**
   * People told per page of a change's audience (default 500): the first page in the change's
   * own transaction, the rest by the delivery worker (give it the same `fanoutPageSize`).
   */
  fanoutPageSize?: number;
  /**
   * The process's reader of the event log for live changes (GET /events/stream); default one
   * made for this app, reading while a stream is open. startServer passes one it stops on close.
   */
  liveChanges?: LiveChanges;
}

export type { AppEnv };

/** What Hono's JSON validator says of a body that does not parse; the API says it in its own words. */
const MALFORMED_JSON = 'Malformed JSON in request body';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The prefix of every API route. */
export const API_PREFIX = '/api/v1';

export { VISITOR_HEADER };

const statusOf = (code: SaysoErrorCode) => HTTP_STATUS_BY_ERROR_CODE[code] as ContentfulStatusCode;

/** The JSON every error response carries. */
export interface ErrorBody {
  error: { code: SaysoErrorCode; message: string; details?: Readonly<Record<string, unknown>> };
}

const errorBody = (code: SaysoErrorCode, message: string, details?: Readonly<Record<string, unknown>>): ErrorBody => ({
  error: details && Object.keys(details).length > 0 ? { code, message, details } : { code, message },
});

/**
 * The reference server as a Hono app: the REST API under `/api/v1`, then any static folders.
 * Responses are shaped exactly like the core types; errors are always
 * `{ "error": { "code", "message", "details"? } }`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db } = options;
  const app = new Hono<AppEnv>();
  const maxSize = options.maxBodyBytes ?? 64 * 1024;
  const maxEmailSize = options.maxInboundEmailBytes ?? 10 * 1024 * 1024;

  // Order matters: CORS first (preflights end there, refusals still carry the headers), then
  // security headers, the body limit (before anything reads the body), who is asking (bad
  // credentials end here with 401, so they are neither counted nor stored), the
  // database-backed write limits, and idempotency last, so a 413 or 429 is never stored as the
  // answer to a key. None of them keeps state in process memory; the access checks remember
  // board policies for a second (board-policies.ts).
  app.use('*', corsFor(options.allowedOrigins ?? ['*'], VISITOR_HEADER));
  app.use('*', securityHeadersFor(API_PREFIX));
  const bodyLimitOf = (bytes: number) => {
    const tooLarge = (c: Context) =>
      c.json(errorBody('invalid_input', `The request body is larger than ${bytes} bytes.`, { maxBytes: bytes }), 413);
    return { bytes, tooLarge, limitBody: bodyLimit({ maxSize: bytes, onError: tooLarge }) };
  };
  const writeLimit = bodyLimitOf(maxSize);
  const emailLimit = bodyLimitOf(maxEmailSize);
  // A CSV import's body is read as it streams in, whatever its length, and is not JSON.
  const streamsItsBody = (c: Context) => c.req.method === 'POST' && c.req.path === `${API_PREFIX}${FEEDBACK_IMPORTS_PATH}`;
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    if (streamsItsBody(c)) return next();
    // A body of declared length (every browser's fetch declares one, 0 for a POST without a body)
    // is judged by its Content-Length alone, as bodyLimit would judge it; bodyLimit first asks
    // for c.req.raw.body, which makes @hono/node-server build a whole Request for every write.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const { bytes, tooLarge, limitBody } = c.req.path === `${API_PREFIX}/channels/email` ? emailLimit : writeLimit;
    const declared = c.req.header('Content-Length');
    if (declared === undefined || c.req.header('Transfer-Encoding') !== undefined) return limitBody(c, next);
    if (Number.parseInt(declared, 10) > bytes) return tooLarge(c);
    await next();
  });
  // Bodies have always been read as JSON whatever their Content-Type says (curl sends form
  // encoding, fetch text/plain for a string body); the declared routes validate JSON bodies only,
  // so a write's body is labelled JSON before it reaches them. The inbound channels read their
  // raw bodies themselves (mail, Slack's forms), by the type their sender gave.
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const inboundChannel = c.req.path.startsWith(`${API_PREFIX}/channels/`);
    const readsItsOwnBody = inboundChannel || streamsItsBody(c);
    if (MUTATING_METHODS.has(c.req.method) && !readsItsOwnBody && !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
      c.req.raw.headers.set('Content-Type', 'application/json');
    }
    await next();
  });
  // Who is asking is resolved once per request, here; routes read it as `c.var.caller`. Sent
  // credentials are checked on every route, reads included: an invalid token or an unknown admin
  // key is 401 everywhere, never silently downgraded to an anonymous caller.
  const asker = createAsker(db, { adminKeys: options.adminKeys, jwtSecret: options.jwtSecret, visitorSecret: options.visitorSecret });
  const similarPosts = options.similarity ?? createSimilarPosts(db);
  const boardPolicies = createBoardPolicies(db);
  const webhookPolicy = options.webhookPolicy ?? { allowPrivate: false };
  const inbound = options.inbound ?? {};
  const telling: TellingOptions = { fanoutPageSize: options.fanoutPageSize };
  const liveChanges = options.liveChanges ?? createLiveChanges(db);
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    c.set('db', db);
    c.set('asker', asker);
    c.set('boardPolicies', boardPolicies);
    c.set('similarPosts', similarPosts);
    c.set('webhookPolicy', webhookPolicy);
    c.set('inbound', inbound);
    c.set('telling', telling);
    c.set('liveChanges', liveChanges);
    const caller = await asker.whoIsAsking(c);
    c.set('caller', caller);
    c.set('voter', caller.key);
    await next();
  });
  // A write through this process reaches its open streams at once, not at the next read of the log.
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    await next();
    if (MUTATING_METHODS.has(c.req.method) && c.res.status < 400) liveChanges.kick();
  });
  if (options.rateLimit) {
    app.use(`${API_PREFIX}/*`, rateLimit(db, { ...options.rateLimit, trustProxy: options.trustProxy }));
  }
  // An import is idempotent without a key (the same rows again are duplicates); a key would make
  // the middleware hold the whole file in memory to hash it.
  app.use(`${API_PREFIX}/*`, except(streamsItsBody, idempotency(db, { trustProxy: options.trustProxy, waitMs: options.idempotencyWaitMs })));
  // Admin answers (new keys are shown once) are neither cached nor kept as idempotent replays.
  app.use(`${API_PREFIX}/admin/*`, async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });

  const { deliveries } = options;
  if (deliveries) {
    app.use(`${API_PREFIX}/*`, async (c, next) => {
      if (await watchingDeliveries(next)) deliveries.kick();
    });
  }

  // Every API route is declared in routes/<resource>.ts.
  app.route(API_PREFIX, apiRoutes());
  // The pages an email links to (HTML, outside the JSON API).
  app.route('/', emailPages(db));

  for (const route of options.staticRoutes ?? []) {
    const prefix = route.prefix.replace(/\/+$/, '');
    app.use(
      `${prefix}/*`,
      serveStatic({
        root: route.dir,
        rewriteRequestPath: (path) => (prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path),
      }),
    );
  }

  app.notFound((c) => c.json(errorBody('not_found', `There is no route ${c.req.method} ${c.req.path}.`), 404));

  app.onError((error, c) => {
    if (error instanceof SaysoError) return c.json(errorBody(error.code, error.message, error.details), statusOf(error.code));
    if (error instanceof HTTPException && error.message === MALFORMED_JSON) {
      return c.json(errorBody('invalid_input', 'The request body is not valid JSON.'), 400);
    }
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      return c.json(errorBody(errorCodeForHttpStatus(status), error.message || 'The request was refused.'), status);
    }
    // PostgreSQL's class 22 "data exception" (a NUL character in text, a value out of range)
    // means the input could not be stored: the request is at fault, not the server.
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      return c.json(errorBody('invalid_input', 'The request holds a value that cannot be stored.'), 400);
    }
    console.error('[sayso] unexpected error on', c.req.method, c.req.path, error);
    return c.json(errorBody('server', 'Something went wrong on our side; please try again.'), 500);
  });

  return app;
}
