import { firstAttemptAt, LONGEST_RETRY_AFTER_MS, nextAttemptDelay, parseRetryAfter, STANDARD_WEBHOOKS_RETRY_SCHEDULE } from './retry-schedule';

const schedule = STANDARD_WEBHOOKS_RETRY_SCHEDULE;
const MIN = 60_000;
const now = new Date('2026-11-02T10:00:00Z');

describe('webhook retry schedule', () => {
  it("follows the Standard Webhooks example: ten attempts, the last 24 h after the ninth", () => {
    expect(schedule.map((ms) => ms / 1000)).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    // No jitter at the middle of the range: the step itself.
    expect(nextAttemptDelay({ schedule, attemptsMade: 1, retryAfterMs: null, random: 0.5 })).toBe(5000);
    expect(nextAttemptDelay({ schedule, attemptsMade: 3, retryAfterMs: null, random: 0.5 })).toBe(30 * MIN);
    expect(nextAttemptDelay({ schedule, attemptsMade: 9, retryAfterMs: null, random: 0.5 })).toBe(24 * 60 * MIN);
  });

  it('is dead after the last attempt', () => {
    expect(nextAttemptDelay({ schedule, attemptsMade: 10, retryAfterMs: null, random: 0.5 })).toBeNull();
    expect(nextAttemptDelay({ schedule: [0, 50], attemptsMade: 2, retryAfterMs: 1000, random: 0.5 })).toBeNull();
  });

  it('jitters each step by up to 20% either way', () => {
    expect(nextAttemptDelay({ schedule, attemptsMade: 2, retryAfterMs: null, random: 0 })).toBe(4 * MIN);
    expect(nextAttemptDelay({ schedule, attemptsMade: 2, retryAfterMs: null, random: 0.75 })).toBe(5.5 * MIN);
    expect(nextAttemptDelay({ schedule, attemptsMade: 2, retryAfterMs: null, random: 0.999999 })).toBe(6 * MIN);
  });

  it('honours a later Retry-After, never a sooner one, and caps it at a day', () => {
    expect(nextAttemptDelay({ schedule, attemptsMade: 1, retryAfterMs: 120_000, random: 0.5 })).toBe(120_000);
    expect(nextAttemptDelay({ schedule, attemptsMade: 3, retryAfterMs: 60_000, random: 0.5 })).toBe(30 * MIN);
    expect(nextAttemptDelay({ schedule, attemptsMade: 1, retryAfterMs: 7 * 24 * 60 * MIN, random: 0.5 })).toBe(LONGEST_RETRY_AFTER_MS);
    // Jitter never brings the retry before what the receiver asked for.
    expect(nextAttemptDelay({ schedule, attemptsMade: 2, retryAfterMs: 5 * MIN, random: 0 })).toBe(5 * MIN);
  });

  it('reads Retry-After as delta-seconds or an IMF-fixdate, and nothing else', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 02 Nov 2026 10:02:30 GMT', now)).toBe(150_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 09:00:00 GMT', now)).toBe(0);
    for (const garbage of ['soon', '-5', '1.5', '+30', '30s', '0x10', 'Mon, 02 Nov 2026 10:02:30', 'Mon, 02 Nov 2026 10:02:30 UTC', 'Mon, 02 Nov 2026 10:02:30 +0000',
      'Monday, 02-Nov-26 10:02:30 GMT', 'Mon Nov  2 10:02:30 2026', 'Tue, 02 Nov 2026 10:02:30 GMT', 'Tue, 31 Feb 2026 10:02:30 GMT', 'Mon, 2 Nov 2026 10:02:30 GMT',
      'x Mon, 02 Nov 2026 10:02:30 GMT', '2026-11-02T10:02:30Z']) {
      expect([garbage, parseRetryAfter(garbage, now)]).toEqual([garbage, null]);
    }
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
  });

  it("waits the schedule's first step before a sequence's first attempt", () => {
    expect(firstAttemptAt(schedule, now)).toEqual(now);
    expect(firstAttemptAt([60_000, 5000], now)).toEqual(new Date('2026-11-02T10:01:00Z'));
    expect(firstAttemptAt([], now)).toEqual(now);
  });
});
