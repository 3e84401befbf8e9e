import type { ServiceFixture } from './service-fixture';

/**
 * What every service must do, whatever its domain: answer health probes once migrated, answer its subgraph query
 * for a gateway-signed request, and refuse an unsigned one. Call inside a describe, after the fixture has started.
 */
export const itBehavesAsASubgraphService = (name: string, fixture: () => ServiceFixture): void => {
  it('is live and ready once its database is migrated', async () => {
    const { service } = fixture();
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    const [{ n }] = await service.infrastructure.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'es_events'`);
    expect(n).toBe(1);
  });

  it('answers its subgraph query for a signed gateway request and refuses an unsigned one', async () => {
    const field = `${name}Service`;
    expect((await fixture().query(`{ ${field} { name version } }`)).data).toEqual({ [field]: { name, version: expect.any(String) } });
    const unsigned = await fetch(`${fixture().service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${field} { name } }` }),
    });
    const body = (await unsigned.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
};
