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
});
