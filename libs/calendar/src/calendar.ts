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
