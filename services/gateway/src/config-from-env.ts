import type { Logger } from 'pino';
import type { AuthConfig } from './authentication';
import { createDevIssuer } from './dev-issuer';
import type { GatewayOptions } from './gateway';
import type { SubgraphEndpoint } from './subgraph-sdl';

/**
 * PORT (4000), HOST (127.0.0.1), SUBGRAPHS (`name=url,name=url`), GATEWAY_SECRET, NODE_ENV,
 * JWT_ISSUER + JWT_AUDIENCE + JWT_JWKS_URL (outside production, without JWT_JWKS_URL: a development issuer).
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
  };
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
  const token = await issuer.issueToken({ tenantId: 'dev-tenant', actorId: 'dev-user', roles: ['admin'], ttl: 12 * 3600 });
  logger.warn({ token }, 'No JWT_JWKS_URL: using a development issuer; this token is valid for 12 hours');
  return issuer.auth;
}
