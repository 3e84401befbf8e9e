import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startDirectoryService } from './directory.service';

describe('directory service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  it('is live and ready once its database is migrated', async () => {
    expect((await fetch(`${fixture.service.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${fixture.service.url}/health/ready`)).status).toBe(200);
    const [{ n }] = await fixture.service.infrastructure.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'es_events'`);
    expect(n).toBe(1);
  });

  it('answers its subgraph query for a signed gateway request and refuses an unsigned one', async () => {
    expect((await fixture.query('{ directoryService { name version } }')).data).toEqual({ directoryService: { name: 'directory', version: expect.any(String) } });
    const unsigned = await fetch(`${fixture.service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ directoryService { name } }' }) });
    const body = (await unsigned.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
