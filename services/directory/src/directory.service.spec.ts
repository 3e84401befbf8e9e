import { tenantTableIsolation } from '@growth/es-postgres';
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

  it('runs as the application role, with row-level security forced on every table holding tenant data', async () => {
    const { dataSource } = fixture.service.infrastructure;
    expect(await dataSource.query(`SELECT rolbypassrls AS bypass, rolsuper AS super FROM pg_roles WHERE rolname = current_user`)).toEqual([{ bypass: false, super: false }]);
    const tables = await tenantTableIsolation(dataSource);
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['directory_tenants', 'directory_sites', 'directory_people', 'directory_reporting_lines', 'directory_import_rows', 'directory_import_errors']),
    );
    expect(tables.filter((t) => !t.rowSecurity || !t.forced || t.policies < 1)).toEqual([]);
    // Without a tenant in the transaction, nothing is visible.
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM directory_people`)).toEqual([{ n: 0 }]);
  });

  it('answers its subgraph query for a signed gateway request and refuses an unsigned one', async () => {
    expect((await fixture.query('{ directoryService { name version } }')).data).toEqual({ directoryService: { name: 'directory', version: expect.any(String) } });
    const unsigned = await fetch(`${fixture.service.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ directoryService { name } }' }) });
    const body = (await unsigned.json()) as { data?: unknown; errors: Array<{ extensions: { code: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
