import { withTenant } from '@growth/es-postgres';
import { HRIS_COLUMNS as COLUMNS } from '../import/domain/hris-row';
import type { GraphQLResult, ServiceFixture } from '@growth/service-testing';
import type { Identity } from '@growth/service-kit';

/** Test helpers (not a spec itself; the build skips *.spec*.ts). */

export type CsvRow = Partial<Record<(typeof COLUMNS)[number], string>>;

/** A CSV with the standard header; fields quoted only when they must be. */
export const csvOf = (rows: readonly CsvRow[]): string => {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => quote(r[c] ?? '')).join(','))].join('\n') + '\n';
};

/** A row with sensible defaults: an active custodian at school S1 (under district D1). */
export const person = (staffNumber: string, firstName: string, supervisor = '', overrides: CsvRow = {}): CsvRow => ({
  staff_number: staffNumber,
  first_name: firstName,
  last_name: `${firstName}son`,
  work_email: `${firstName.toLowerCase()}@example.org`,
  job_classification: 'Custodian',
  site_code: 'S1',
  site_name: 'School One',
  parent_site_code: 'D1',
  supervisor_staff_number: supervisor,
  employment_status: 'ACTIVE',
  start_date: '2020-08-17',
  ...overrides,
});
/** Someone at the district office itself, a root site. */
export const atDistrict: CsvRow = { site_code: 'D1', site_name: 'District Office', parent_site_code: '' };

export interface ImportReportResult {
  applied: boolean;
  rowsRead: number;
  created: number;
  changed: number;
  unchanged: number;
  rejected: number;
  sitesCreated: number;
  sitesChanged: number;
  errorCount: number;
  errors: Array<{ row: number; field: string | null; message: string }>;
}

const IMPORT = `mutation($csv: String!, $mode: ImportMode!) {
  importPeople(csv: $csv, mode: $mode) { applied rowsRead created changed unchanged rejected sitesCreated sitesChanged errorCount errors { row field message } }
}`;

export const importCsv = async (
  fixture: ServiceFixture,
  csv: string,
  mode: 'APPLY_VALID_ROWS' | 'REJECT_ALL_ON_ERROR' = 'APPLY_VALID_ROWS',
  identity: Partial<Identity> = {},
): Promise<ImportReportResult> => {
  const result = await fixture.query<{ importPeople: ImportReportResult }>(IMPORT, { csv, mode }, identity);
  if (!result.data) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.data.importPeople;
};

/**
 * Straight from the service's database, for assertions about what was or was not written. The service connects as
 * the application role, so this too must name the tenant (row-level security shows nothing otherwise). $1 is the
 * tenant.
 */
export const sql = async <T = Record<string, unknown>>(fixture: ServiceFixture, tenantId: string, query: string, params: unknown[] = []): Promise<T[]> =>
  withTenant(fixture.service.infrastructure.dataSource, tenantId, (manager) => manager.query(query, [tenantId, ...params]));

export const eventTypes = async (fixture: ServiceFixture, tenantId = 'lausd'): Promise<string[]> =>
  (await sql<{ type: string }>(fixture, tenantId, `SELECT type FROM es_events WHERE tenant_id = $1 ORDER BY global_position`)).map((r) => r.type);

export const idOf = async (fixture: ServiceFixture, staffNumber: string, tenantId = 'lausd'): Promise<string> => {
  const [row] = await sql<{ person_id: string }>(fixture, tenantId, `SELECT person_id FROM directory_people WHERE tenant_id = $1 AND staff_number = $2`, [staffNumber]);
  if (!row) throw new Error(`no person ${staffNumber} in ${tenantId}`);
  return row.person_id;
};

export const codeOf = (result: GraphQLResult<unknown>): unknown => result.errors?.[0]?.extensions?.code;
