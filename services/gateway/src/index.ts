export { startGateway, GRAPHQL_ENDPOINT, DEFAULT_BODY_LIMIT_BYTES, DEFAULT_MAX_BATCH_OPERATIONS, type GatewayOptions, type RunningGateway } from './gateway';
export { DEFAULT_QUERY_LIMITS, QUERY_LIMIT_CODES, type QueryLimits } from './query-limits';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limiter';
export { createDevIssuer, DEV_ISSUER, DEV_AUDIENCE, type DevIssuer, type DevIssuerOptions, type DevTokenClaims } from './dev-issuer';
export { gatewayOptionsFromEnv } from './config-from-env';
export { createTokenVerifier, AuthenticationError, type AuthConfig, type Caller, type TokenVerifier } from './authentication';
export { composeSupergraph, CompositionError } from './compose-supergraph';
export type { SubgraphEndpoint, SdlRetry } from './subgraph-sdl';
