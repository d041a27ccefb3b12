import { createHash } from 'node:crypto';
import { SaysoError } from '@sayso/core';
import type { MiddlewareHandler } from 'hono';
import type { Database, Queryable } from '../db/database.js';
import { clientIp } from './client-ip.js';

/** How many writes are allowed per window, per visitor and per IP address. */
export interface RateLimitOptions {
  /** Writes one visitor (`X-Sayso-Voter`) may make per window; absent or 0: no per-visitor limit. */
  max?: number;
  /** Writes one IP address may make per window, whoever the visitors; absent or 0: no per-IP limit. */
  maxPerIp?: number;
  /** Window length in milliseconds; default one minute. */
  windowMs?: number;
}

/** The methods that change something and are therefore counted. */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Roughly one write in this many also deletes the counters of windows long gone.
const PRUNE_EVERY = 200;

interface Hit {
  bucket: string;
  count: number;
  retry_after: number;
}

/** Deletes counters of windows that ended before the last one; returns how many. */
export async function pruneRateLimitCounters(db: Queryable, windowMs: number): Promise<number> {
  const rows = await db.query(
    `DELETE FROM rate_limit_counters WHERE window_start < now() - $1::float8 * interval '1 millisecond' RETURNING 1`,
    [windowMs * 2],
  );
  return rows.length;
}

/**
 * Fixed-window write limits kept in the database (`rate_limit_counters`), so every server
 * process behind a load balancer counts against the same numbers. Each write costs one
 * statement: a multi-row `INSERT … ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`,
 * atomic under any concurrency. Windows are cut by the database's clock, so processes whose
 * clocks disagree still share them. Over a limit: 429 `rate_limited` with `Retry-After` and
 * `details.retryAfterSeconds` (the seconds until the window ends).
 */
export function rateLimit(
  db: Database,
  options: RateLimitOptions & { trustProxy?: number },
): MiddlewareHandler<{ Variables: { voter: string | null } }> {
  const windowMs = options.windowMs ?? 60_000;
  const perVoter = options.max ?? 0;
  const perIp = options.maxPerIp ?? 0;
  if (!(windowMs > 0)) throw new Error(`rate limit window must be positive, got ${windowMs}`);

  return async (c, next) => {
    if (!MUTATING_METHODS.has(c.req.method)) return next();
    const limits = new Map<string, number>();
    const voter = c.get('voter');
    if (perVoter > 0 && voter) {
      limits.set(`voter:${createHash('sha256').update(voter).digest('base64url')}`, perVoter);
    }
    const ip = perIp > 0 ? clientIp(c, options.trustProxy) : undefined;
    if (ip) limits.set(`ip:${ip}`, perIp);
    if (limits.size === 0) return next();

    const buckets = [...limits.keys()];
    const rows = await db.query<Hit>(
      `WITH now_window AS (
         SELECT to_timestamp(floor(extract(epoch FROM now()) * 1000 / $1::float8) * $1::float8 / 1000) AS start
       ), hit AS (
         INSERT INTO rate_limit_counters AS counter (bucket, window_start, count)
         SELECT bucket, now_window.start, 1
           FROM (VALUES ${buckets.map((_, i) => `($${i + 2}::text)`).join(', ')}) AS wanted (bucket), now_window
         ON CONFLICT (bucket, window_start) DO UPDATE SET count = counter.count + 1
         RETURNING bucket, count, window_start
       )
       SELECT bucket, count,
              ceil(extract(epoch FROM window_start) + $1::float8 / 1000 - extract(epoch FROM clock_timestamp()))::int
                AS retry_after
         FROM hit`,
      [windowMs, ...buckets],
    );
    if (Math.random() * PRUNE_EVERY < 1) await pruneRateLimitCounters(db, windowMs);
    let wait = 0;
    for (const row of rows) {
      if (Number(row.count) > limits.get(row.bucket)!) wait = Math.max(wait, Number(row.retry_after), 1);
    }
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new SaysoError('rate_limited', `Too many changes at once; try again in ${wait} s.`, {
        retryAfterSeconds: wait,
      });
    }
    return next();
  };
}
