import { createHash } from 'node:crypto';
import { SaysoError, idempotentReplay, isReplayableStatus } from '@sayso/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import type { Database, Queryable } from '../db/database.js';
import { clientIp } from './client-ip.js';
import { MUTATING_METHODS } from './rate-limit.js';

/** The request header naming one attempt of an operation, the same on every retry of it. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response that is a stored answer to an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** What a key may look like: 1 to 255 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

/** How {@link idempotency} behaves; the defaults suit production. */
export interface IdempotencyOptions {
  /** Proxies in front that append to `X-Forwarded-For` (see `clientIp`). */
  trustProxy?: number;
  /**
   * How long a request waits for a concurrent one with the same key to finish, polling its
   * stored answer, before giving up with 409 `conflict` and `Retry-After: 1`. Default 5000 ms.
   */
  waitMs?: number;
}

// Keys are remembered for a day, like Stripe's; older rows are ignored, taken over and pruned.
const TTL = `interval '24 hours'`;
// A claim whose request never stored an answer (its process died) is taken over after this.
const ABANDONED = `interval '1 minute'`;
// Roughly one keyed request in this many also deletes expired rows.
const PRUNE_EVERY = 100;
// Response headers worth replaying; CORS and security headers are added afresh on every answer.
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'last-modified', 'cache-control'];

interface StoredRow {
  request_hash: string;
  status: number | null;
  response_body: string | null;
  response_headers: Record<string, string> | string | null;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('base64url');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Who is asking, as precisely as the request says: visitor id, else credentials, else address. */
function callerOf(c: Context<{ Variables: { voter: string | null } }>, trustProxy: number): string {
  const voter = c.get('voter');
  if (voter) return `voter:${voter}`;
  const authorization = c.req.header('Authorization');
  if (authorization) return `authorization:${authorization}`;
  return `ip:${clientIp(c, trustProxy) ?? 'unknown'}`;
}

/** Deletes stored keys older than 24 hours; returns how many. Keyed requests call it now and then. */
export async function pruneIdempotencyKeys(db: Queryable): Promise<number> {
  const rows = await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - ${TTL} RETURNING 1`);
  return rows.length;
}

/**
 * `Idempotency-Key` for every mutating request (POST, PUT, PATCH, DELETE), kept in the database
 * (`idempotency_keys`) so it holds across server processes.
 *
 * A key is scoped by the caller (visitor id, else a hash of `Authorization`, else the IP address)
 * and the method and path. The first request with a key claims it with one
 * `INSERT … ON CONFLICT` (atomic on PGlite and PostgreSQL alike; it only overwrites a row that
 * expired or was abandoned), runs, and stores its
 * answer when it is 2xx or 4xx (except 429: a request refused for speed was not executed).
 * 5xx answers are not stored and free the key, so the same request may be retried; neither are
 * answers marked `Cache-Control: no-store` (they hold secrets, such as a new admin key).
 *
 * A later request with the key and the same body (and query) gets the stored status and body
 * again, with `Idempotent-Replayed: true`; with another body, 422 `idempotency_conflict`.
 * A request arriving while the first is still running polls for its answer for up to `waitMs`
 * and replays it; only when the first takes longer does it get 409 `conflict` with
 * `Retry-After: 1`. Waiting is what a client retrying after a dropped connection wants: the
 * first attempt is usually still running, and an answer now beats an error to retry.
 *
 * Keys last 24 hours. The claim and the handler's own writes are not one transaction: when a
 * process dies between the two, the claim is taken over after a minute and the request runs again.
 */
export function idempotency(
  db: Database,
  options: IdempotencyOptions = {},
): MiddlewareHandler<{ Variables: { voter: string | null } }> {
  const trustProxy = options.trustProxy ?? 0;
  const waitMs = options.waitMs ?? 5000;

  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !MUTATING_METHODS.has(c.req.method)) return next();
    if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new SaysoError(
        'invalid_input',
        `The ${IDEMPOTENCY_KEY_HEADER} header must be 1 to 255 printable ASCII characters.`,
        { header: IDEMPOTENCY_KEY_HEADER },
      );
    }
    const method = c.req.method;
    const path = c.req.path;
    const scope = sha256(`${callerOf(c, trustProxy)}\n${method}\n${path}`);
    // The body limit has already run: this reads at most maxBodyBytes, and Hono keeps the bytes
    // for the route's own c.req.text()/json().
    const body = new Uint8Array(await c.req.arrayBuffer());
    const query = new URL(c.req.url).search;
    const requestHash = sha256(Buffer.concat([Buffer.from(`${query}\n`), body]));

    if (Math.random() * PRUNE_EVERY < 1) await pruneIdempotencyKeys(db);

    const deadline = Date.now() + waitMs;
    let pause = 20;
    for (;;) {
      const claimed = await db.query(
        `INSERT INTO idempotency_keys AS k (scope, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, status = NULL, response_body = NULL,
                response_headers = NULL, created_at = now()
          WHERE k.created_at < now() - ${TTL}
             OR (k.status IS NULL AND k.created_at < now() - ${ABANDONED})
         RETURNING 1`,
        [scope, key, method, path, requestHash],
      );
      if (claimed.length > 0) return execute();

      const [stored] = await db.query<StoredRow>(
        `SELECT request_hash, status, response_body, response_headers FROM idempotency_keys
          WHERE scope = $1 AND key = $2 AND created_at >= now() - ${TTL}`,
        [scope, key],
      );
      // The holder failed and freed the key, or it just expired: run claims it.
      const decision = idempotentReplay(
        stored && { fingerprint: stored.request_hash, answered: stored.status !== null },
        requestHash,
      );
      if (decision.action === 'run') continue;
      if (decision.action === 'refuse') {
        throw new SaysoError(
          'idempotency_conflict',
          `This ${IDEMPOTENCY_KEY_HEADER} was already used with a different request; use a new key for a new request.`,
          { header: IDEMPOTENCY_KEY_HEADER },
        );
      }
      if (decision.action === 'replay') return replay(stored!);
      if (Date.now() + pause > deadline) {
        c.header('Retry-After', '1');
        throw new SaysoError('conflict', `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed.`, {
          retryAfterSeconds: 1,
        });
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 250);
    }

    async function execute() {
      const free = () =>
        db
          .query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status IS NULL', [scope, key])
          .catch((error: unknown) => console.error('[sayso] could not free an idempotency key', error));
      try {
        await next();
      } catch (error) {
        await free();
        throw error;
      }
      const status = c.res.status;
      if (!isReplayableStatus(status)) {
        await free(); // 5xx: nothing is known to have happened; the client may retry with the key
        return;
      }
      if (/\bno-store\b/i.test(c.res.headers.get('Cache-Control') ?? '')) {
        await free(); // an answer that must not be kept anywhere (a new secret): never stored
        return;
      }
      try {
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = c.res.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        await db.query(
          `UPDATE idempotency_keys SET status = $3, response_body = $4, response_headers = $5
            WHERE scope = $1 AND key = $2`,
          [scope, key, status, await c.res.clone().text(), JSON.stringify(headers)],
        );
      } catch (error) {
        // The work is done and its answer goes out; only a replay of it is lost.
        console.error('[sayso] could not store an idempotent response', error);
        await free();
      }
    }

    function replay(stored: StoredRow) {
      const headers =
        typeof stored.response_headers === 'string'
          ? (JSON.parse(stored.response_headers) as Record<string, string>)
          : (stored.response_headers ?? {});
      c.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      const status = stored.status as StatusCode;
      if (status === 204 || status === 205 || status === 304) return c.body(null, status, headers);
      return c.body(stored.response_body ?? '', status as ContentfulStatusCode, headers);
    }
  };
}
