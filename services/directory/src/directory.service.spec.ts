import { tenantTableIsolation } from '@growth/es-postgres';
import { itBehavesAsASubgraphService, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startDirectoryService } from './directory.service';

describe('directory service', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  itBehavesAsASubgraphService('directory', () => fixture);

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
});
