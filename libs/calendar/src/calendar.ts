import { Temporal } from 'temporal-polyfill';

/*
 * The one module that knows about time zones. A due date is a local date of the tenant (YYYY-MM-DD) and ends at the
 * end of that day in the tenant's zone; "today" is the tenant's local date at an instant. Pure: the instant is given.
 */

/** A tenant's local date, YYYY-MM-DD: compared as a date, never as an instant. */
export type LocalDate = string;

export const isLocalDate = (text: unknown): text is LocalDate => {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' }).toString() === text;
  } catch {
    return false;
  }
};

export const isTimeZone = (zone: string): boolean => {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
};

/** Negative, zero or positive as `a` is before, the same day as, or after `b`. */
export const compareLocalDates = (a: LocalDate, b: LocalDate): number => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));

/** The tenant's local date at `instant`. */
export const localDateAt = (instant: Date, timeZone: string): string =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();

/** The first instant after `date` ends in `timeZone`: a deadline on `date` is missed from then on. */
export const endOfLocalDate = (date: string, timeZone: string): Date =>
  new Date(Temporal.PlainDate.from(date).add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds);

/** Whether a deadline on `due` has passed at `instant` in `timeZone`. */
export const isOverdue = (due: string, instant: Date, timeZone: string): boolean => instant.getTime() >= endOfLocalDate(due, timeZone).getTime();

/** Month-day deadlines of a tenant's calendar placed in a cycle that starts on `startsOn`: each on or after the start. */
export const dateInCycle = (startsOn: string, month: number, day: number): string => {
  const start = Temporal.PlainDate.from(startsOn);
  const sameYear = Temporal.PlainDate.from({ year: start.year, month, day }, { overflow: 'constrain' });
  return (Temporal.PlainDate.compare(sameYear, start) >= 0 ? sameYear : Temporal.PlainDate.from({ year: start.year + 1, month, day }, { overflow: 'constrain' })).toString();
};

/** `date` moved by `days` (negative for earlier). */
export const addDays = (date: LocalDate, days: number): LocalDate => Temporal.PlainDate.from(date).add({ days }).toString();

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;

/** Whether `time` is a wall-clock time of day, HH:MM. */
export const isTimeOfDay = (time: unknown): time is string => typeof time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(time);

/**
 * The instant `date` reaches `time` (HH:MM) on the wall clocks of `timeZone`. On a day-light saving gap the later
 * instant is taken, so the moment always exists.
 */
export const instantOfLocalTime = (date: LocalDate, time: string, timeZone: string): Date =>
  new Date(Temporal.PlainDate.from(date).toZonedDateTime({ timeZone, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds);
