export interface RateLimitOptions {
  /** Sustained rate: tokens added to each bucket per minute. */
  perMinute: number;
  /** Bucket size: how many requests a caller idle for long enough may send at once. */
  burst: number;
  /**
   * Upper bound on the buckets kept. Past it the least recently used bucket is dropped even if it is not yet full
   * again (that caller starts afresh), so memory stays bounded whatever the number of callers.
   */
  maxBuckets?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes `cost` tokens from `key`'s bucket if it holds them; otherwise takes nothing and says when to come back. */
  take(key: string, cost?: number): RateDecision;
  /** Buckets currently kept (for tests and metrics). */
  readonly size: number;
}

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = { perMinute: 600, burst: 100, maxBuckets: 100_000 };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in ms. */
  updatedAt: number;
}

/**
 * In-memory token buckets, one per key. A bucket starts full (`burst` tokens) and refills continuously at
 * `perMinute`. A bucket that has refilled completely says nothing a new bucket would not, so it is dropped; buckets
 * are kept in least-recently-used order and swept from the old end on every call, which keeps the map to the callers
 * active within roughly the last `burst / perMinute` minutes (plus the `maxBuckets` cap).
 */
export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const { perMinute, burst, maxBuckets } = { ...DEFAULT_RATE_LIMIT, ...options };
  if (!(perMinute > 0) || !Number.isFinite(perMinute)) throw new Error(`Rate limit perMinute must be a positive number, not ${perMinute}`);
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new Error(`Rate limit burst must be at least 1, not ${burst}`);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new Error(`Rate limit maxBuckets must be a positive integer, not ${maxBuckets}`);
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refilled = (bucket: Bucket, at: number): number => Math.min(burst, bucket.tokens + Math.max(0, at - bucket.updatedAt) * perMs);

  // Drops full buckets from the least recently used end, and whatever is needed to make room for one more.
  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      if (buckets.size < maxBuckets && refilled(bucket, at) < burst) break;
      buckets.delete(key);
    }
  };

  return {
    take(key, cost = 1) {
      const at = now();
      const existing = buckets.get(key);
      buckets.delete(key);
      sweep(at);
      const bucket: Bucket = { tokens: existing ? refilled(existing, at) : burst, updatedAt: at };
      // (Re-)inserting puts the key at the most recently used end.
      buckets.set(key, bucket);
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { allowed: true, remaining: Math.floor(bucket.tokens) };
      }
      // A cost above the burst can never be met: say when the bucket is full, the best the caller can hope for.
      const missing = Math.min(cost, burst) - bucket.tokens;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
