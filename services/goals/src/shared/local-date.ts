import { Temporal } from 'temporal-polyfill';

/** A tenant's local date, YYYY-MM-DD; deciders compare dates and read no clock. */
export type LocalDate = string;

export const isLocalDate = (text: unknown): text is LocalDate => {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' }).toString() === text;
  } catch {
    return false;
  }
};

/** Negative, zero or positive as `a` is before, the same day as, or after `b`. */
export const compareLocalDates = (a: LocalDate, b: LocalDate): number => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
