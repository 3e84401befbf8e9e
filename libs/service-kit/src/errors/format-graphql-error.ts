import { unwrapResolverError } from '@apollo/server/errors';
import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, domainErrorExtensions } from './domain-errors';

export interface ExposedError {
  message: string;
  extensions: Record<string, unknown>;
}

export const INTERNAL_ERROR: ExposedError = { message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

// Errors about the request itself (not raised by resolvers): safe and useful for the caller.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
]);

// Nest guards and pipes throw these; the rest of the HttpException family is treated as a bug.
const HTTP_EXCEPTION_CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** What the caller may see of an error, or `undefined` when it must be masked. */
export function exposedError(error: unknown): ExposedError | undefined {
  const cause = unwrapResolverError(error);
  if (cause instanceof DomainError) {
    return { message: cause.message, extensions: domainErrorExtensions(cause) };
  }
  if (cause instanceof HttpException) {
    const code = HTTP_EXCEPTION_CODES[cause.getStatus()];
    return code ? { message: cause.message, extensions: { code } } : undefined;
  }
  if (cause instanceof GraphQLError && !cause.path && REQUEST_ERROR_CODES.has(String(cause.extensions.code))) {
    return { message: cause.message, extensions: { code: cause.extensions.code } };
  }
  return undefined;
}

/** Apollo `formatError`: typed errors keep their code, everything else becomes a bare internal error. */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { message, extensions } = exposedError(error) ?? INTERNAL_ERROR;
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}
