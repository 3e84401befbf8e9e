/*
 * When a failed delivery is tried again. The default is the example retry schedule of the Standard Webhooks
 * specification (spec/standard-webhooks.md, "Deliverability and reliability", github.com/standard-webhooks/
 * standard-webhooks): immediately, then 5 seconds, 5 minutes, 30 minutes, 2 hours, 5 hours, 10 hours, 14 hours,
 * 20 hours and 24 hours after each failure: ten attempts over about 75 hours. The spec also recommends random jitter
 * "to prevent cases where the failures are due to recurring load caused by the webhook attempts themselves", and
 * taking a response's Retry-After into consideration.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delay before each attempt, in ms, and its length is the number of attempts: the first element is the wait before
 * attempt 1 (0: at once), each later one the wait after the failure before it.
 */
export const STANDARD_WEBHOOKS_RETRY_SCHEDULE: readonly number[] = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];

/** Each retry lands within ±20% of its step. */
export const JITTER = 0.2;

/** A receiver's Retry-After is honoured up to a day: longer would outlast the schedule's own longest step. */
export const LONGEST_RETRY_AFTER_MS = 24 * HOUR;

const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * Retry-After as delta-seconds or an IMF-fixdate ("Wed, 21 Oct 2026 07:28:00 GMT"), the forms RFC 9110 (10.2.3,
 * 5.6.7) asks senders to use, in ms from `now`; null when absent or anything else. The date must name its real
 * weekday and exist: it is read back and compared, so "Mon, 31 Feb …" is refused rather than rolled over.
 */
export const parseRetryAfter = (value: string | null | undefined, now: Date): number | null => {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  if (!IMF_FIXDATE.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) || new Date(at).toUTCString() !== text ? null : Math.max(0, at - now.getTime());
};

/** When a new sequence's first attempt is due (a delivery, a replay): the schedule's first wait, not jittered. */
export const firstAttemptAt = (schedule: readonly number[], now: Date): Date => new Date(now.getTime() + (schedule[0] ?? 0));

export interface NextAttempt {
  readonly schedule: readonly number[];
  /** Attempts made so far in this sequence, counting the one that just failed. */
  readonly attemptsMade: number;
  /** The failed response's Retry-After, in ms (see `parseRetryAfter`). */
  readonly retryAfterMs: number | null;
  /** A number in [0, 1): `Math.random` in production, fixed in tests. */
  readonly random: number;
}

/**
 * The delay before the next attempt, or null when the schedule is exhausted (the delivery is dead). The step is
 * jittered; a Retry-After later than that is honoured (capped), one sooner is not: the schedule's step still applies.
 */
export const nextAttemptDelay = ({ schedule, attemptsMade, retryAfterMs, random }: NextAttempt): number | null => {
  if (attemptsMade >= schedule.length) return null;
  const step = schedule[attemptsMade];
  const jittered = Math.round(step * (1 + JITTER * (2 * random - 1)));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, LONGEST_RETRY_AFTER_MS));
};

/** The deployment's schedule, or the Standard Webhooks example one. */
export const retryScheduleOf = (webhooks: { readonly retrySchedule?: readonly number[] }): readonly number[] => webhooks.retrySchedule ?? STANDARD_WEBHOOKS_RETRY_SCHEDULE;
