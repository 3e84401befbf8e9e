import type { Logger } from 'pino';
import type { AuthConfig } from './authentication';
import { createDevIssuer } from './dev-issuer';
import type { GatewayOptions } from './gateway';
import type { QueryLimits } from './query-limits';
import type { SubgraphEndpoint } from './subgraph-sdl';

/** Each unset variable leaves its limit at the gateway's default (see docs/security.md). */
const QUERY_LIMIT_VARIABLES: Record<keyof QueryLimits, string> = {
  maxDepth: 'GATEWAY_MAX_DEPTH',
  maxAliases: 'GATEWAY_MAX_ALIASES',
  maxTokens: 'GATEWAY_MAX_TOKENS',
  maxCost: 'GATEWAY_MAX_COST',
  maxDirectives: 'GATEWAY_MAX_DIRECTIVES',
};

/**
 * PORT (4000), HOST (127.0.0.1), SUBGRAPHS (`name=url,name=url`), GATEWAY_SECRET, NODE_ENV,
 * JWT_ISSUER + JWT_AUDIENCE + JWT_JWKS_URL (outside production, without JWT_JWKS_URL: a development issuer),
 * GATEWAY_MAX_DEPTH/_ALIASES/_TOKENS/_COST/_DIRECTIVES, GATEWAY_MAX_BATCH_OPERATIONS,
 * GATEWAY_RATE_LIMIT_PER_MINUTE (0 turns rate limiting off) and GATEWAY_RATE_LIMIT_BURST.
 */
export async function gatewayOptionsFromEnv(env: NodeJS.ProcessEnv, logger: Logger): Promise<GatewayOptions> {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const production = env.NODE_ENV === 'production';
  return {
    port: parsePort(env.PORT ?? '4000'),
    host: env.HOST ?? '127.0.0.1',
    subgraphs: parseSubgraphs(required('SUBGRAPHS')),
    auth: env.JWT_JWKS_URL
      ? { issuer: required('JWT_ISSUER'), audience: required('JWT_AUDIENCE'), jwksUrl: env.JWT_JWKS_URL }
      : await developmentAuth(production, env, logger),
    gatewaySecret: required('GATEWAY_SECRET'),
    production,
    logger,
    ...hardeningFromEnv(env),
  };
}

function hardeningFromEnv(env: NodeJS.ProcessEnv): Pick<GatewayOptions, 'queryLimits' | 'maxBatchOperations' | 'rateLimit'> {
  const integer = (name: string, { min }: { min: number }): number | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < min) throw new Error(`${name} must be an integer of at least ${min}, not "${value}"`);
    return parsed;
  };
  const options: Pick<GatewayOptions, 'queryLimits' | 'maxBatchOperations' | 'rateLimit'> = {};
  const queryLimits = Object.fromEntries(
    Object.entries(QUERY_LIMIT_VARIABLES)
      .map(([limit, name]) => [limit, integer(name, { min: 1 })])
      .filter(([, value]) => value !== undefined),
  ) as Partial<QueryLimits>;
  if (Object.keys(queryLimits).length > 0) options.queryLimits = queryLimits;
  const maxBatchOperations = integer('GATEWAY_MAX_BATCH_OPERATIONS', { min: 1 });
  if (maxBatchOperations !== undefined) options.maxBatchOperations = maxBatchOperations;
  const perMinute = integer('GATEWAY_RATE_LIMIT_PER_MINUTE', { min: 0 });
  const burst = integer('GATEWAY_RATE_LIMIT_BURST', { min: 1 });
  if (perMinute === 0) options.rateLimit = false;
  else if (perMinute !== undefined || burst !== undefined) options.rateLimit = { ...(perMinute !== undefined && { perMinute }), ...(burst !== undefined && { burst }) };
  return options;
}

export function parseSubgraphs(value: string): SubgraphEndpoint[] {
  return value.split(',').map((entry) => {
    const separator = entry.indexOf('=');
    const name = entry.slice(0, separator).trim();
    const url = entry.slice(separator + 1).trim();
    if (separator < 1 || !URL.canParse(url)) throw new Error(`SUBGRAPHS entries look like name=url, not "${entry}"`);
    return { name, url };
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${value}"`);
  return port;
}

// Without an identity provider, development gets a throwaway issuer and a token to try the API with.
async function developmentAuth(production: boolean, env: NodeJS.ProcessEnv, logger: Logger): Promise<AuthConfig> {
  if (production) throw new Error('JWT_JWKS_URL is required in production');
  const issuer = await createDevIssuer({ issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE });
  const token = await issuer.issueToken({ tenantId: 'dev-district', actorId: 'dev-hr-admin', roles: ['hr', 'tenant_admin'], ttl: 12 * 3600 });
  logger.warn({ token }, 'No JWT_JWKS_URL: using a development issuer; this token is valid for 12 hours');
  return issuer.auth;
}
