import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { BuildSchemaOptions } from '@nestjs/graphql';
import type { Logger } from 'pino';
import { formatGraphQLError } from '../errors/format-graphql-error';
import { errorLoggingPlugin } from './error-logging.plugin';
import { gatewayIdentityPlugin } from './gateway-identity.plugin';
import { createGraphQLContext } from './graphql-context';

// The gateway's composer (@theguild/federation-composition) rejects the v2.12 link Nest emits by default.
export const FEDERATION_LINK_URL = 'https://specs.apollo.dev/federation/v2.9';

// Nest's default import list minus @cacheTag, which federation v2.9 does not define.
const FEDERATION_V2_9_DIRECTIVES = [
  '@authenticated',
  '@composeDirective',
  '@context',
  '@cost',
  '@extends',
  '@external',
  '@fromContext',
  '@inaccessible',
  '@interfaceObject',
  '@key',
  '@listSize',
  '@override',
  '@policy',
  '@provides',
  '@requires',
  '@requiresScopes',
  '@shareable',
  '@tag',
];

export interface SubgraphGraphQLOptions {
  gatewaySecret: string;
  logger: Logger;
  /** Off unless asked for; the gateway composes from `_service { sdl }`, not introspection. */
  introspection?: boolean;
  path?: string;
  /** E.g. `orphanedTypes` for an entity this subgraph only extends and no query of its own returns. */
  buildSchemaOptions?: BuildSchemaOptions;
}

/**
 * Code-first Apollo federation subgraph that trusts only identities signed by the gateway.
 * SubgraphModule uses it; used directly, also register DomainErrorFilter as APP_FILTER.
 */
export function subgraphGraphQLConfig({
  gatewaySecret,
  logger,
  introspection = false,
  path = '/graphql',
  buildSchemaOptions,
}: SubgraphGraphQLOptions): ApolloFederationDriverConfig {
  return {
    driver: ApolloFederationDriver,
    path,
    autoSchemaFile: { federation: { version: 2, importUrl: FEDERATION_LINK_URL, directives: FEDERATION_V2_9_DIRECTIVES } },
    buildSchemaOptions,
    playground: false,
    graphiql: false,
    introspection,
    includeStacktraceInErrorResponses: false,
    autoTransformHttpErrors: false,
    context: createGraphQLContext(gatewaySecret),
    logger,
    // Inline traces (ftv1) would hand the caller unmasked error details and timings.
    plugins: [gatewayIdentityPlugin(logger), errorLoggingPlugin(logger), ApolloServerPluginInlineTraceDisabled()],
    formatError: formatGraphQLError,
    // The gateway never sends persisted-query hashes; without them no query text is kept across requests.
    persistedQueries: false,
  };
}
