/**
 * Errors a handler may throw on purpose. Each one reaches the client as a GraphQL error with its `code`;
 * anything else is treated as a bug and masked.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  extensions(): Record<string, unknown> {
    return { code: this.code };
  }
}

export class ConcurrencyConflictError extends DomainError {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(message = 'The resource was changed concurrently; reload it and try again') {
    super(message);
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';

  constructor(
    readonly issues: ValidationIssue[],
    message = 'Validation failed',
  ) {
    super(message);
  }

  override extensions(): Record<string, unknown> {
    return { code: this.code, issues: this.issues.map(({ path, message }) => ({ path, message })) };
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(message = 'Not found') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(message = 'Forbidden') {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor(message = 'Unauthenticated') {
    super(message);
  }
}
