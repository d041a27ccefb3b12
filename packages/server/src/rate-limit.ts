/** How many writes one visitor may make per window. */
export interface RateLimitOptions {
  /** Writes allowed per window. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/**
 * A fixed-window counter per key, held in memory (one process). Enough to stop a runaway
 * script; a shared store can replace it when the server runs as several processes.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one hit; returns the seconds to wait when over the limit, else `undefined`. */
    hit(key: string, now: number = Date.now()): number | undefined {
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count > options.max ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : undefined;
    },
  };
}
