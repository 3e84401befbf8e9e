export { requireUuid } from '@growth/es';
export { requirePageSize } from '@growth/service-kit';

/** GraphQL lets a client send null for an optional field; for fields that cannot be cleared that means "unchanged". */
export const unlessNull = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
