import { GraphQLError } from 'graphql';
import { excerpt } from '@growth/service-kit';

export const CSRF_HEADER_REQUIRED = 'CSRF_HEADER_REQUIRED';
/** The headers that vouch for a request's having been preflighted, besides a non-simple content type. */
export const CSRF_HEADERS = ['x-graphql-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

// Codes a subgraph uses on purpose (see @growth/service-kit's domain errors) and codes about the request itself.
const EXPOSED_CODES = new Set([
  'CONCURRENCY_CONFLICT',
  'VALIDATION_FAILED',
  'INVALID_STATE',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  // The gateway's own refusals (see docs/security.md, "Gateway hardening").
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_DIRECTIVES',
  'RATE_LIMITED',
  CSRF_HEADER_REQUIRED,
]);

// @graphql-yoga/plugin-csrf-prevention refuses with this message and no code (gateway.spec.ts notices a change).
const YOGA_CSRF_REFUSAL = 'Required CSRF header(s) not present';

/** True for errors the caller caused or may act on: answered, not a fault of ours. */
export const isExposedCode = (code: unknown): boolean => typeof code === 'string' && EXPOSED_CODES.has(code);

/** The code an error (or its logged form) is answered with, including the one given to Yoga's codeless CSRF refusal. */
export function codeOf(error: { message?: unknown; extensions?: Readonly<Record<string, unknown>> } | null | undefined): unknown {
  const code = error?.extensions?.code;
  return code === undefined && error?.message === YOGA_CSRF_REFUSAL ? CSRF_HEADER_REQUIRED : code;
}

// All of an exposed error's extensions the client may see; `http` is read (and removed) by the server itself.
const EXPOSED_EXTENSIONS = new Set(['code', 'issues', 'http']);

/**
 * Yoga `maskError`: an error with a known code passes as it came, anything else becomes a bare internal error.
 * Subgraph errors arrive as GraphQLErrors wrapping the GraphQLError the subgraph sent; a GraphQLError wrapping any
 * other Error was thrown by code in the gateway, whatever its code says.
 */
export function maskGatewayError(error: unknown): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  const code = graphQLError?.extensions.code;
  const thrownByCode = graphQLError?.originalError !== undefined && !(graphQLError.originalError instanceof GraphQLError);
  if (graphQLError && code === undefined && codeOf(graphQLError) === CSRF_HEADER_REQUIRED && graphQLError.originalError === undefined) {
    return new GraphQLError(`${YOGA_CSRF_REFUSAL}: send the request as JSON (content-type: application/json) or with an ${CSRF_HEADERS[0]} header`, {
      extensions: { code: CSRF_HEADER_REQUIRED, http: { status: 403 } },
    });
  }
  if (graphQLError && typeof code === 'string' && EXPOSED_CODES.has(code) && !thrownByCode) {
    // Bounded here too, whichever subgraph composed the message.
    return new GraphQLError(excerpt(graphQLError.message), {
      nodes: graphQLError.nodes,
      path: graphQLError.path,
      extensions: Object.fromEntries(Object.entries(graphQLError.extensions).filter(([key]) => EXPOSED_EXTENSIONS.has(key))),
    });
  }
  return new GraphQLError('Internal error', { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
