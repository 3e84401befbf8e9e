/** Calendar dates travel as ISO `YYYY-MM-DD` strings: no time, no zone, so they compare as strings. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isIsoDate = (value: string): boolean => {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** The calendar date `now` falls on in `timeZone` (an IANA name): "today" for a tenant is its own local day. */
export const localDate = (now: Date, timeZone: string): string => {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
};

export const laterOf = (a: string, b: string): string => (a > b ? a : b);

/** Days per month in a common year: a recurring deadline must exist every year, so never 29 February. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const isMonthDay = (month: number, day: number): boolean =>
  Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
