import { createRateLimiter, type RateLimitOptions } from './rate-limiter';

const limiterAt = (options: RateLimitOptions) => {
  const clock = { now: 1_000_000 };
  const limiter = createRateLimiter(options, () => clock.now);
  const advance = (ms: number) => {
    clock.now += ms;
  };
  return { limiter, advance };
};

const takeTimes = (take: () => { allowed: boolean }, times: number) => Array.from({ length: times }, () => take().allowed);

describe('createRateLimiter', () => {
  it('lets a new caller use the whole burst at once, then refuses', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 5 });
    expect(takeTimes(() => limiter.take('a'), 5)).toEqual([true, true, true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('counts what is left', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 3 });
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 2 });
    expect(limiter.take('a', 2)).toEqual({ allowed: true, remaining: 0 });
  });

  it('refills at the sustained rate and says when the next token is due', () => {
    const { limiter, advance } = limiterAt({ perMinute: 6, burst: 2 }); // one token every 10 s
    expect(takeTimes(() => limiter.take('a'), 3)).toEqual([true, true, false]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    advance(4_000);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    advance(6_000);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('never holds more than the burst, however long the caller was idle', () => {
    const { limiter, advance } = limiterAt({ perMinute: 60, burst: 3 });
    limiter.take('a');
    advance(3_600_000);
    expect(takeTimes(() => limiter.take('a'), 4)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 2 });
    expect(takeTimes(() => limiter.take('a'), 3)).toEqual([true, true, false]);
    expect(takeTimes(() => limiter.take('b'), 2)).toEqual([true, true]);
  });

  it('takes nothing from a refused request of several tokens', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 5 });
    limiter.take('a', 3);
    expect(limiter.take('a', 3)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('a', 2)).toEqual({ allowed: true, remaining: 0 });
  });

  it('answers a cost above the burst with the time until the bucket is full', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 5 });
    limiter.take('a', 5);
    expect(limiter.take('a', 50)).toEqual({ allowed: false, retryAfterSeconds: 5 });
  });

  it('forgets buckets that have refilled completely', () => {
    const { limiter, advance } = limiterAt({ perMinute: 60, burst: 10 }); // a drained bucket is full again after 10 s
    for (let i = 0; i < 1000; i++) limiter.take(`caller-${i}`, 10);
    expect(limiter.size).toBe(1000);
    advance(9_000);
    limiter.take('late', 10);
    expect(limiter.size).toBe(1001);
    advance(1_000);
    limiter.take('later');
    expect(limiter.size).toBe(2); // 'late' has refilled one token of ten, 'later' just arrived
  });

  it('remembers a drained bucket until it has refilled', () => {
    const { limiter, advance } = limiterAt({ perMinute: 60, burst: 2 });
    takeTimes(() => limiter.take('a'), 2);
    advance(1_000);
    limiter.take('b');
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('keeps at most maxBuckets, dropping the least recently used', () => {
    const { limiter } = limiterAt({ perMinute: 60, burst: 1, maxBuckets: 3 });
    for (const key of ['a', 'b', 'c']) limiter.take(key);
    limiter.take('a'); // refused, but now the most recently used
    limiter.take('d');
    expect(limiter.size).toBe(3);
    expect(limiter.take('a').allowed).toBe(false); // kept
    expect(limiter.take('b').allowed).toBe(true); // was dropped: starts afresh
  });

  it('refuses nonsensical settings', () => {
    expect(() => createRateLimiter({ perMinute: 0, burst: 1 })).toThrow(/perMinute/);
    expect(() => createRateLimiter({ perMinute: 60, burst: 0 })).toThrow(/burst/);
    expect(() => createRateLimiter({ perMinute: 60, burst: 1, maxBuckets: 0 })).toThrow(/maxBuckets/);
  });
});
