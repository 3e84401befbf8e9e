/**
 * The domain's typed errors live in @growth/es (deciders throw them); re-exported here for resolvers. Each reaches
 * the client as a GraphQL error with its `code`; anything else is treated as a bug and masked.
 */
export {
  DomainError,
  ConcurrencyConflictError,
  ValidationFailedError,
  NotFoundError,
  ForbiddenError,
  InvalidStateError,
  UnauthenticatedError,
  domainErrorExtensions,
  excerpt,
  type ValidationIssue,
} from '@growth/es';
