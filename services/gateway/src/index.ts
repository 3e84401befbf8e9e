export { startGateway, GRAPHQL_ENDPOINT, DEFAULT_BODY_LIMIT_BYTES, type GatewayOptions, type RunningGateway } from './gateway';
export { createDevIssuer, DEV_ISSUER, DEV_AUDIENCE, type DevIssuer, type DevTokenClaims } from './dev-issuer';
export { createTokenVerifier, AuthenticationError, type AuthConfig, type Caller, type TokenVerifier } from './authentication';
export { composeSupergraph, CompositionError } from './compose-supergraph';
export type { SubgraphEndpoint, SdlRetry } from './subgraph-sdl';
