import { ValidationFailedError } from './errors';
import { v7 } from 'uuid';

/** Time-ordered (v7) ids for events and aggregates: index-friendly and sortable by creation. */
export const newId = (): string => v7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/** An id argument that must be a UUID: otherwise VALIDATION_FAILED at its path, before anything is read. */
export const requireUuid = (value: string, path: string): void => {
  if (!isUuid(value)) throw new ValidationFailedError([{ path, message: 'must be a UUID' }]);
};
