import { isUuid, ValidationFailedError } from '@growth/es';

/** A list's `first` argument: a whole number from 1 to `max`, else VALIDATION_FAILED before anything is read. */
export const requirePageSize = (first: number, max = 200): void => {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new ValidationFailedError([{ path: 'first', message: `must be between 1 and ${max}` }]);
};

/** Where a page of a list ordered by (a time, an id) ended. */
export interface TimeCursor {
  readonly at: string;
  readonly id: string;
}

/** An opaque cursor for lists ordered newest first by (a time, a UUID): pass back as `after`. */
export const encodeTimeCursor = (at: Date, id: string): string => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

/** The position `encodeTimeCursor` gave out; anything else is VALIDATION_FAILED at `after`. */
export const decodeTimeCursor = (cursor: string): TimeCursor => {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (rest.length > 0 || !id || !isUuid(id) || Number.isNaN(Date.parse(at))) throw new ValidationFailedError([{ path: 'after', message: 'is not a cursor this list gave out' }]);
  return { at, id };
};
