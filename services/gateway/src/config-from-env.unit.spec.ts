import { createLogger } from '@growth/service-kit';
import { gatewayOptionsFromEnv, parseSubgraphs } from './config-from-env';

const logger = createLogger({ service: 'gateway', level: 'silent' });
const base = { SUBGRAPHS: 'things=http://127.0.0.1:4001/graphql', GATEWAY_SECRET: 'x'.repeat(32) };

describe('gatewayOptionsFromEnv', () => {
  it('parses SUBGRAPHS as name=url pairs', () => {
    expect(parseSubgraphs('things=http://things:3000/graphql, reviews=http://reviews:3000/graphql?a=b')).toEqual([
      { name: 'things', url: 'http://things:3000/graphql' },
      { name: 'reviews', url: 'http://reviews:3000/graphql?a=b' },
    ]);
    expect(() => parseSubgraphs('http://things:3000/graphql')).toThrow(/name=url/);
  });

  it('uses a remote JWKS when JWT_JWKS_URL is set', async () => {
    const options = await gatewayOptionsFromEnv(
      { ...base, NODE_ENV: 'production', PORT: '8080', JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'growth-api', JWT_JWKS_URL: 'https://id.example/jwks' },
      logger,
    );
    expect(options).toMatchObject({ port: 8080, production: true, auth: { issuer: 'https://id.example', audience: 'growth-api', jwksUrl: 'https://id.example/jwks' } });
  });

  it('falls back to a development issuer outside production only', async () => {
    await expect(gatewayOptionsFromEnv({ ...base, NODE_ENV: 'production' }, logger)).rejects.toThrow('JWT_JWKS_URL is required in production');
    const options = await gatewayOptionsFromEnv(base, logger);
    expect(options).toMatchObject({ port: 4000, production: false, auth: { issuer: 'urn:growth:dev', audience: 'growth-api' } });
  });

  it('insists on the gateway secret', async () => {
    await expect(gatewayOptionsFromEnv({ SUBGRAPHS: base.SUBGRAPHS }, logger)).rejects.toThrow('GATEWAY_SECRET is not set');
  });

  it('leaves every hardening limit at its default when no variable is set', async () => {
    const options = await gatewayOptionsFromEnv(base, logger);
    expect(options.queryLimits).toBeUndefined();
    expect(options.maxBatchOperations).toBeUndefined();
    expect(options.rateLimit).toBeUndefined();
  });

  it('reads the query limits, the batch size and the rate limit', async () => {
    const options = await gatewayOptionsFromEnv(
      {
        ...base,
        GATEWAY_MAX_DEPTH: '12',
        GATEWAY_MAX_ALIASES: '40',
        GATEWAY_MAX_TOKENS: '8000',
        GATEWAY_MAX_COST: '9000',
        GATEWAY_MAX_DIRECTIVES: '20',
        GATEWAY_MAX_BATCH_OPERATIONS: '10',
        GATEWAY_RATE_LIMIT_PER_MINUTE: '1200',
        GATEWAY_RATE_LIMIT_BURST: '200',
      },
      logger,
    );
    expect(options).toMatchObject({
      queryLimits: { maxDepth: 12, maxAliases: 40, maxTokens: 8000, maxCost: 9000, maxDirectives: 20 },
      maxBatchOperations: 10,
      rateLimit: { perMinute: 1200, burst: 200 },
    });
  });

  it('keeps the defaults of the limits not set', async () => {
    const options = await gatewayOptionsFromEnv({ ...base, GATEWAY_MAX_DEPTH: '8', GATEWAY_RATE_LIMIT_BURST: '50' }, logger);
    expect(options.queryLimits).toEqual({ maxDepth: 8 });
    expect(options.rateLimit).toEqual({ burst: 50 });
  });

  it('turns rate limiting off with GATEWAY_RATE_LIMIT_PER_MINUTE=0', async () => {
    expect((await gatewayOptionsFromEnv({ ...base, GATEWAY_RATE_LIMIT_PER_MINUTE: '0' }, logger)).rateLimit).toBe(false);
  });

  it('refuses a limit that is not a whole number', async () => {
    await expect(gatewayOptionsFromEnv({ ...base, GATEWAY_MAX_DEPTH: 'ten' }, logger)).rejects.toThrow('GATEWAY_MAX_DEPTH must be an integer of at least 1, not "ten"');
    await expect(gatewayOptionsFromEnv({ ...base, GATEWAY_MAX_ALIASES: '0' }, logger)).rejects.toThrow(/GATEWAY_MAX_ALIASES/);
    await expect(gatewayOptionsFromEnv({ ...base, GATEWAY_RATE_LIMIT_PER_MINUTE: '-1' }, logger)).rejects.toThrow(/GATEWAY_RATE_LIMIT_PER_MINUTE/);
    await expect(gatewayOptionsFromEnv({ ...base, GATEWAY_MAX_BATCH_OPERATIONS: '2.5' }, logger)).rejects.toThrow(/GATEWAY_MAX_BATCH_OPERATIONS/);
  });
});
