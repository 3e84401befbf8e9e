import { ValidationFailedError } from '@growth/es';

export { requireUuid } from '@growth/es';

export const requirePageSize = (first: number, max = 200): void => {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new ValidationFailedError([{ path: 'first', message: `must be between 1 and ${max}` }]);
};

/** GraphQL lets a client send null for an optional field; for fields that cannot be cleared that means "unchanged". */
export const unlessNull = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
