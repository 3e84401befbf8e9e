import path from 'node:path';
import { createLogger } from '@growth/service-kit';
import { dataDirFromEnv, devKeyFile, gatewaySettingsFromEnv } from './dev-environment';

const logger = createLogger({ service: 'embedded', level: 'silent' });

describe('npm start configuration', () => {
  it('defaults to the development issuer, port 4000 and the gateway’s own limits', async () => {
    expect(await gatewaySettingsFromEnv({}, logger)).toEqual({
      port: 4000,
      host: '127.0.0.1',
      production: false,
      devIssuer: { issuer: undefined, audience: undefined },
      queryLimits: undefined,
      maxBatchOperations: undefined,
      rateLimit: undefined,
    });
  });

  it('reads the production gateway’s variables: JWKS, issuer, audience, limits, rate limit', async () => {
    const settings = await gatewaySettingsFromEnv(
      {
        PORT: '4100',
        HOST: '0.0.0.0',
        JWT_JWKS_URL: 'https://id.example/jwks',
        JWT_ISSUER: 'https://id.example',
        JWT_AUDIENCE: 'growth-api',
        GATEWAY_MAX_DEPTH: '12',
        GATEWAY_MAX_BATCH_OPERATIONS: '5',
        GATEWAY_RATE_LIMIT_PER_MINUTE: '1200',
        GATEWAY_RATE_LIMIT_BURST: '50',
      },
      logger,
    );
    expect(settings).toMatchObject({
      port: 4100,
      host: '0.0.0.0',
      externalAuth: { issuer: 'https://id.example', audience: 'growth-api', jwksUrl: 'https://id.example/jwks' },
      queryLimits: { maxDepth: 12 },
      maxBatchOperations: 5,
      rateLimit: { perMinute: 1200, burst: 50 },
    });
    expect((await gatewaySettingsFromEnv({ GATEWAY_RATE_LIMIT_PER_MINUTE: '0' }, logger)).rateLimit).toBe(false);
    expect((await gatewaySettingsFromEnv({ JWT_ISSUER: 'urn:mine', JWT_AUDIENCE: 'api' }, logger)).devIssuer).toEqual({ issuer: 'urn:mine', audience: 'api' });
  });

  it('refuses what the production gateway refuses', async () => {
    await expect(gatewaySettingsFromEnv({ GATEWAY_RATE_LIMIT_BURST: 'lots' }, logger)).rejects.toThrow('GATEWAY_RATE_LIMIT_BURST must be an integer');
    await expect(gatewaySettingsFromEnv({ JWT_JWKS_URL: 'https://id.example/jwks' }, logger)).rejects.toThrow('JWT_ISSUER is not set');
    await expect(gatewaySettingsFromEnv({ NODE_ENV: 'production' }, logger)).rejects.toThrow('JWT_JWKS_URL is required in production');
  });

  it('keeps its data in GROWTH_DATA_DIR, by default .data at the repository root', () => {
    expect(dataDirFromEnv({})).toBe(path.resolve(__dirname, '../../../.data'));
    expect(dataDirFromEnv({ GROWTH_DATA_DIR: '/tmp/growth' })).toBe('/tmp/growth');
    expect(devKeyFile('/tmp/growth')).toBe('/tmp/growth/dev-issuer/private-jwk.json');
  });
});
