import type { ExpectedVersion } from './expected-version';

/** Errors the domain and the event store raise on purpose. Each carries a stable code clients can branch on. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `input.name` or `clusters.2.competencies.0.name`. */
  readonly path: string;
  readonly message: string;
}

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; ') || 'Validation failed');
  }
}

export class ConcurrencyConflictError extends DomainError {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Unknown when a concurrent writer's append is what the database refused. */
    readonly actual?: number | 'no_stream',
  ) {
    super(actual === undefined ? `Stream ${streamId} was changed by another writer after version ${expected} was read` : `Stream ${streamId} is at version ${actual}, expected ${expected}`);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** A command that is well-formed but not allowed in the aggregate's current state (e.g. renaming a retired framework). */
export class InvalidStateError extends DomainError {
  readonly code = 'INVALID_STATE';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Unauthenticated') {
    super(message);
  }
}

/** What a client may see of a domain error: its code plus the details that help it recover. */
export const domainErrorExtensions = (error: DomainError): Record<string, unknown> => {
  if (error instanceof ValidationFailedError) return { code: error.code, issues: error.issues.map(({ path, message }) => ({ path, message })) };
  return { code: error.code };
};
