import path from 'node:path';
import { gatewayOptionsFromEnv, type AuthConfig, type DevIssuerOptions, type GatewayOptions } from '@growth/gateway';

/** The tenant `npm start` sets up (registered, with the sample frameworks and district) and `npm run token` signs for. */
export const DEV_TENANT = 'dev-district';
export const DEV_ADMIN_ACTOR = 'dev-hr-admin';

const repoRoot = path.resolve(__dirname, '../../..');

/** GROWTH_DATA_DIR, default `.data` at the repository root (git-ignored): embedded PostgreSQL and the development key. */
export const dataDirFromEnv = (env: NodeJS.ProcessEnv): string => (env.GROWTH_DATA_DIR ? path.resolve(env.GROWTH_DATA_DIR) : path.join(repoRoot, '.data'));

/** The development issuer's private key (0600): `npm start` creates it once; `npm run token` signs with it. */
export const devKeyFile = (dataDir: string): string => path.join(dataDir, 'dev-issuer', 'private-jwk.json');

export interface EmbeddedGatewaySettings {
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  /** With JWT_JWKS_URL: tokens are verified against that identity provider, and the development issuer is off. */
  readonly externalAuth?: AuthConfig;
  /** JWT_ISSUER / JWT_AUDIENCE for the development issuer (its defaults when unset). */
  readonly devIssuer: Pick<DevIssuerOptions, 'issuer' | 'audience'>;
  readonly queryLimits?: GatewayOptions['queryLimits'];
  readonly maxBatchOperations?: GatewayOptions['maxBatchOperations'];
  readonly rateLimit?: GatewayOptions['rateLimit'];
}

type Logger = Parameters<typeof gatewayOptionsFromEnv>[1];

// npm start runs its own subgraphs with its own secret, and (without JWT_JWKS_URL) its own persisted development
// issuer. These stand-ins only satisfy the gateway's parser and are never used: without a JWKS URL the parser would
// otherwise make a throwaway issuer of its own and log a token that this gateway does not accept.
const UNUSED = { SUBGRAPHS: 'unused=http://127.0.0.1:9/graphql', GATEWAY_SECRET: 'unused'.repeat(6) };
const UNUSED_JWKS = { JWT_JWKS_URL: 'http://127.0.0.1:9/unused', JWT_ISSUER: 'unused', JWT_AUDIENCE: 'unused' };

/**
 * The production gateway's environment variables (services/gateway/src/config-from-env.ts, parsed by the same
 * code): PORT, HOST, NODE_ENV, JWT_ISSUER + JWT_AUDIENCE + JWT_JWKS_URL, GATEWAY_MAX_*, GATEWAY_RATE_LIMIT_*.
 */
export const gatewaySettingsFromEnv = async (env: NodeJS.ProcessEnv, logger: Logger): Promise<EmbeddedGatewaySettings> => {
  const external = Boolean(env.JWT_JWKS_URL);
  if (!external && env.NODE_ENV === 'production') throw new Error('JWT_JWKS_URL is required in production');
  const parsed = await gatewayOptionsFromEnv({ ...env, ...UNUSED, ...(!external && UNUSED_JWKS) }, logger);
  return {
    port: parsed.port,
    host: parsed.host ?? '127.0.0.1',
    production: parsed.production,
    ...(external && { externalAuth: parsed.auth }),
    devIssuer: { issuer: env.JWT_ISSUER || undefined, audience: env.JWT_AUDIENCE || undefined },
    queryLimits: parsed.queryLimits,
    maxBatchOperations: parsed.maxBatchOperations,
    rateLimit: parsed.rateLimit,
  };
};
