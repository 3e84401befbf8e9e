import type { ExpectedVersion } from './expected-version';

const LONGEST_RUN = 80;
const EXCERPT_CHARS = 40;
const LONGEST_MESSAGE = 1000;

/**
 * A message that quotes a client's input quotes at most an excerpt of it: a run of more than 80 characters without
 * a space shrinks to its first 40 and its length, and the whole message to 1,000 characters.
 */
export const excerpt = (text: string): string => {
  const shortened = text.replace(new RegExp(`\\S{${LONGEST_RUN + 1},}`, 'g'), (run) => `${run.slice(0, EXCERPT_CHARS)}… (${run.length} characters)`);
  return shortened.length > LONGEST_MESSAGE ? `${shortened.slice(0, LONGEST_MESSAGE)}…` : shortened;
};

/** Errors the domain and the event store raise on purpose. Each carries a stable code clients can branch on. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(excerpt(message));
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
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    const bounded = issues.map((i) => ({ path: excerpt(i.path), message: excerpt(i.message) }));
    super(bounded.map((i) => `${i.path}: ${i.message}`).join('; ') || 'Validation failed');
    this.issues = bounded;
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
    // The stream id is internal: the message speaks of the record and its versions only.
    super(
      actual === undefined
        ? `The record was changed by someone else after version ${expected} was read: reload it and try again`
        : actual === 'no_stream'
          ? `The record does not exist yet (expected version ${expected})`
          : `The record is at version ${actual}, not ${expected}: reload it and try again`,
    );
  }
}

/** A create under an id that already names something else: the client chose an id in use (retrying is not the cause). */
export class AlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
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
