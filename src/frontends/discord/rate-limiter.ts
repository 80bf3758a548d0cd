/**
 * Per-user sliding-window limit: at most `count` accepted requests in any `windowMs`. Each user has their
 * own window, so one user's flood never delays anyone else. Refused requests do not count, so a user who
 * keeps trying is let in as soon as their oldest accepted request leaves the window.
 */
export interface RateLimiterOptions {
  count: number;
  windowMs: number;
  now?: () => number;
}

export type RateDecision =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      /** When (ms since the epoch) the next request will be accepted. */
      retryAt: number;
      retryAfterMs: number;
      /** The user was already refused in this stretch: callers may stay silent instead of repeating the note. */
      repeated: boolean;
    };

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Users currently tracked; bounded by who asked within the last window. */
  size(): number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { count, windowMs } = options;
  const now = options.now ?? Date.now;
  const accepted = new Map<string, number[]>();
  const refusedUntil = new Map<string, number>();
  let lastSweep = now();

  // Forget users whose window has passed, at most once per window, so memory follows active users only.
  const sweep = (t: number) => {
    if (t - lastSweep < windowMs) return;
    lastSweep = t;
    for (const [key, times] of accepted) {
      if ((times[times.length - 1] ?? -Infinity) <= t - windowMs) accepted.delete(key);
    }
    for (const [key, until] of refusedUntil) if (until <= t) refusedUntil.delete(key);
  };

  return {
    take(key) {
      const t = now();
      sweep(t);
      const times = (accepted.get(key) ?? []).filter((x) => x > t - windowMs);
      if (times.length < count) {
        times.push(t);
        accepted.set(key, times);
        refusedUntil.delete(key);
        return { allowed: true, remaining: count - times.length };
      }
      accepted.set(key, times);
      const retryAt = (times[0] as number) + windowMs;
      const repeated = (refusedUntil.get(key) ?? -Infinity) > t;
      refusedUntil.set(key, retryAt);
      return { allowed: false, retryAt, retryAfterMs: retryAt - t, repeated };
    },
    size: () => accepted.size,
  };
}
