import { GraphQLError } from 'graphql';

// Codes a subgraph uses on purpose (see @growth/service-kit's domain errors) and codes about the request itself.
const EXPOSED_CODES = new Set([
  'CONCURRENCY_CONFLICT',
  'VALIDATION_FAILED',
  'INVALID_STATE',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
]);

/** True for errors the caller caused or may act on: answered, not a fault of ours. */
export const isExposedCode = (code: unknown): boolean => typeof code === 'string' && EXPOSED_CODES.has(code);

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
  if (graphQLError && typeof code === 'string' && EXPOSED_CODES.has(code) && !thrownByCode) {
    return new GraphQLError(graphQLError.message, {
      nodes: graphQLError.nodes,
      path: graphQLError.path,
      extensions: Object.fromEntries(Object.entries(graphQLError.extensions).filter(([key]) => EXPOSED_EXTENSIONS.has(key))),
    });
  }
  return new GraphQLError('Internal error', { nodes: graphQLError?.nodes, path: graphQLError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
