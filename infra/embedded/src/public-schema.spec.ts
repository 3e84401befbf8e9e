import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { testDatabaseAdminUrl } from '@growth/testing';
import { startPlatform, type RunningPlatform } from './platform';

const CONTRACT = path.resolve(__dirname, '../../../docs/schema.graphql');

/**
 * The public GraphQL API (what the gateway serves) is a contract: it changes only on purpose. A change fails this
 * test until docs/schema.graphql is regenerated with UPDATE_CONTRACTS=1 and the diff is reviewed.
 */
describe('public GraphQL schema', () => {
  let platform: RunningPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ adminDatabaseUrl: testDatabaseAdminUrl(), gatewayPort: 0, databasePrefix: `schema_${process.pid}` });
  }, 120_000);
  afterAll(async () => platform?.close());

  it('matches docs/schema.graphql', async () => {
    const token = await platform.issuer.issueToken({ tenantId: 'lausd', actorId: 'hr-1', roles: ['hr'] });
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    const served = `${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`;
    if (process.env.UPDATE_CONTRACTS === '1') writeFileSync(CONTRACT, served);
    expect(existsSync(CONTRACT)).toBe(true);
    expect(served).toBe(readFileSync(CONTRACT, 'utf8'));
    expect(served).toContain('createFrameworkDraft(input: CreateFrameworkDraftInput!): FrameworkCommandResult!');
    expect(served).not.toMatch(/_service|_entities/);
  });
});
