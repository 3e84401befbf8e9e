import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { InvalidStateError, newId } from '@growth/es';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { runImportCli, type CliOutput } from '../import-cli';
import { directoryEventStore } from '../directory.projections';
import { startDirectoryService } from '../directory.service';
import { atDistrict, csvOf, person, sql, type CsvRow } from '../testing/directory.spec-helper';
import { importPeople, type ImportReport } from './import-people';
import { spawnImportCli } from './import-cli.spec-helper';

/**
 * Imports that clean up after themselves: the staged rows (personal data) go when an import ends, fails, is
 * interrupted or is superseded, and what a killed import leaves is swept by the next import of the tenant, which then
 * finishes the job as if nothing had happened.
 */
describe('HRIS import staging', () => {
  let fixture: ServiceFixture;
  const dir = mkdtempSync(path.join(tmpdir(), 'directory-import-cleanup-'));
  const databaseUrl = () => (fixture.service.infrastructure.dataSource.options as { url: string }).url;

  beforeAll(async () => {
    fixture = await startServiceFixture(startDirectoryService);
  });
  afterAll(async () => fixture?.close());

  // Whatever a failed test left running: import processes, pipe writers, in-process imports waiting for input.
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  const cli = (tenantId: string, file: string, batchSize: number) => {
    const child = spawnImportCli(['--tenant', tenantId, '--file', file, '--mode', 'APPLY_VALID_ROWS', '--batch-size', String(batchSize)], { DATABASE_URL: databaseUrl() });
    cleanups.push(() => child.kill('SIGKILL'));
    return child;
  };
  /**
   * A named pipe for the CLI to read as its file, so the test decides how much of it there is: the import stalls
   * after what was written, with every full batch of it staged (the parser holds a record back until it sees what
   * follows, so write a row or two more than the batches to stage).
   */
  const pipe = (name: string) => {
    const fifo = path.join(dir, name);
    execFileSync('mkfifo', [fifo]);
    // Read-write: opening does not wait for the reader (nor fail when it is gone).
    const writer = createWriteStream(fifo, { flags: 'r+' });
    cleanups.push(() => writer.destroy());
    return { fifo, writer };
  };

  const countOf = async (tenantId: string, table: string) => (await sql<{ n: number }>(fixture, tenantId, `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`))[0].n;
  const staging = async (tenantId: string) => ({
    rows: await countOf(tenantId, 'directory_import_rows'),
    errors: await countOf(tenantId, 'directory_import_errors'),
    imports: await countOf(tenantId, 'directory_imports'),
  });
  const nothingStaged = { rows: 0, errors: 0, imports: 0 };

  /** Until `done` holds, polling the database (never longer than `ms`). */
  const until = async (done: () => Promise<boolean>, what: string, ms = 30_000) => {
    for (const deadline = Date.now() + ms; !(await done()); ) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  /**
   * The directory of a tenant by its HRIS keys (ids differ between tenants): sites, people, the dated reporting
   * lines, and how many events of each type it took.
   */
  const directoryOf = async (tenantId: string) => ({
    sites: await sql(
      fixture,
      tenantId,
      `SELECT s.code, s.name, p.code AS parent FROM directory_sites s LEFT JOIN directory_sites p ON p.tenant_id = s.tenant_id AND p.site_id = s.parent_site_id
       WHERE s.tenant_id = $1 ORDER BY 1`,
    ),
    people: await sql(
      fixture,
      tenantId,
      `SELECT p.staff_number, p.first_name, p.last_name, p.work_email, p.job_classification, s.code AS site, p.employment_status, p.start_date::text,
              p.left_on::text, b.staff_number AS supervisor, p.supervisor_since::text, p.version
       FROM directory_people p JOIN directory_sites s ON s.tenant_id = p.tenant_id AND s.site_id = p.site_id
       LEFT JOIN directory_people b ON b.tenant_id = p.tenant_id AND b.person_id = p.supervisor_id
       WHERE p.tenant_id = $1 ORDER BY 1`,
    ),
    lines: await sql(
      fixture,
      tenantId,
      `SELECT p.staff_number, b.staff_number AS supervisor, l.valid_from::text, l.valid_to::text
       FROM directory_reporting_lines l JOIN directory_people p ON p.tenant_id = l.tenant_id AND p.person_id = l.person_id
       JOIN directory_people b ON b.tenant_id = l.tenant_id AND b.person_id = l.supervisor_id
       WHERE l.tenant_id = $1 ORDER BY 1, 3, 2`,
    ),
    events: await sql(fixture, tenantId, `SELECT type, count(*)::int AS n FROM es_events WHERE tenant_id = $1 GROUP BY type ORDER BY type`),
  });

  /** A district: 3 areas of 3 schools, a plant manager and 12 staff at each school; a leaver; two bad rows. */
  const district = (): CsvRow[] => {
    const rows: CsvRow[] = [person('E0000', 'Dana', '', { ...atDistrict, job_classification: 'Director' })];
    for (let a = 1; a <= 3; a += 1) {
      rows.push(person(`E${a}000`, `Area${a}`, 'E0000', { site_code: `A${a}`, site_name: `Area ${a}`, parent_site_code: 'D1', job_classification: 'Area Manager' }));
      for (let s = 1; s <= 3; s += 1) {
        const school = { site_code: `S${a}${s}`, site_name: `School ${a}.${s}`, parent_site_code: `A${a}` };
        rows.push(person(`E${a}${s}00`, `Plant${a}${s}`, `E${a}000`, { ...school, job_classification: 'Plant Manager' }));
        for (let i = 1; i <= 12; i += 1) rows.push(person(`E${a}${s}${String(i).padStart(2, '0')}`, `Staff${a}${s}${i}`, `E${a}${s}00`, school));
      }
    }
    rows.push(person('E9001', 'Gone', '', { employment_status: 'LEFT' }));
    rows.push(person('E9002', 'Fay', 'E1100', { work_email: 'fay-at-example' }), person('E9003', 'Gus', 'E9999'));
    return rows; // 124 rows, 122 of them good
  };

  it('after the import is killed part-way, twice, running it again gives the directory of one clean import and leaves nothing staged', async () => {
    const csv = csvOf(district());
    const file = path.join(dir, 'district.csv');
    writeFileSync(file, csv);

    // The same file in one clean import, in a tenant of its own: what the killed one must end up as.
    let printed = '';
    expect(await runImportCli(['--tenant', 'clean', '--file', file, '--mode', 'APPLY_VALID_ROWS'], { DATABASE_URL: databaseUrl() }, (t) => void (printed += t))).toBe(2);
    const clean = (JSON.parse(printed) as CliOutput).report;
    expect(clean).toMatchObject({ applied: true, rowsRead: 124, created: 122, rejected: 2, leftoverRowsRemoved: 0 });
    expect(await staging('clean')).toEqual(nothingStaged);

    // 1. Killed while staging: the file comes through a pipe that stalls after 32 rows, 30 of them staged.
    const { fifo, writer } = pipe('district.fifo');
    const staging1 = cli('crash', fifo, 5);
    writer.write(csv.split('\n').slice(0, 33).join('\n') + '\n');
    await until(async () => (await staging('crash')).rows >= 30, 'the first 30 rows to be staged');
    staging1.kill('SIGKILL');
    expect(await staging1.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(await staging('crash')).toEqual({ rows: 30, errors: 0, imports: 1 });
    expect(await countOf('crash', 'es_events')).toBe(0);

    // 2. Killed while applying, a batch of one row at a time, once some people are in.
    const applying = cli('crash', file, 1);
    await until(async () => (await countOf('crash', 'directory_people')) >= 10, 'some people to be applied');
    applying.kill('SIGKILL');
    expect(await applying.exited).toMatchObject({ signal: 'SIGKILL' });
    const partial = await countOf('crash', 'directory_people');
    expect(partial).toBeLessThan(122); // it did die part-way
    // What it left: the file staged (123 rows, and Fay's bad row as an error) and Gus's rejection; the first import's
    // rows were swept when it started.
    expect(await staging('crash')).toEqual({ rows: 123, errors: 2, imports: 1 });

    // 3. Run again to the end: it sweeps what the killed import left, and finishes the job.
    const rerun = cli('crash', file, 7);
    const { code, stdout, stderr } = await rerun.exited;
    expect({ code, stderr }).toEqual({ code: 2, stderr: '' }); // 2: rows were rejected, as in the clean import
    const report = (JSON.parse(stdout) as CliOutput).report;
    expect(report).toMatchObject({ applied: true, rowsRead: 124, created: 122 - partial, rejected: 2, leftoverRowsRemoved: 123 });
    expect(report.errors).toEqual(clean.errors);
    expect(await staging('crash')).toEqual(nothingStaged);
    expect(await directoryOf('crash')).toEqual(await directoryOf('clean'));
    expect((await directoryOf('crash')).people).toHaveLength(122);
  });

  it('on SIGTERM, stops at the next batch and removes what it staged', async () => {
    const file = path.join(dir, 'term.csv');
    writeFileSync(file, csvOf(district()));
    const run = cli('term', file, 1);
    await until(async () => (await staging('term')).rows >= 10, 'some rows to be staged');
    run.kill('SIGTERM');
    const { code, stderr } = await run.exited;
    expect({ code, stderr }).toEqual({ code: 1, stderr: 'import interrupted by SIGTERM; what it staged was removed, batches already applied stay applied (run the file again to finish)\n' });
    expect(await staging('term')).toEqual(nothingStaged);
  });

  describe('in process', () => {
    const start = (tenantId: string, source: PassThrough, signal?: AbortSignal): Promise<ImportReport> => {
      const { dataSource } = fixture.service.infrastructure;
      cleanups.push(() => source.destroy());
      return importPeople({
        dataSource,
        store: directoryEventStore(dataSource),
        context: { tenantId, actorId: 'hr-1', correlationId: newId(), causationId: newId(), now: new Date() },
        mode: 'APPLY_VALID_ROWS',
        source,
        batchSize: 2,
        signal,
      });
    };
    const [header, ...lines] = csvOf(district()).split('\n');

    it('an import superseded by a newer one (it lost the lock, and the newer import swept its staging) stops at its next batch', async () => {
      const source = new PassThrough();
      const running = start('superseded', source);
      running.catch(() => undefined);
      source.write([header, ...lines.slice(0, 5)].join('\n') + '\n'); // two batches of 2 staged, a row held back
      await until(async () => (await staging('superseded')).rows >= 4, 'the first rows to be staged');
      // What a newer import does on taking the tenant's lock (see takeOverStaging).
      await sql(fixture, 'superseded', `DELETE FROM directory_imports WHERE tenant_id = $1`);
      source.end(lines.slice(5).join('\n'));
      await expect(running).rejects.toThrow(InvalidStateError);
      await expect(running).rejects.toThrow(/superseded by a newer import/);
      expect(await staging('superseded')).toEqual(nothingStaged);
      expect(await countOf('superseded', 'es_events')).toBe(0);
    });

    it('an interrupted import (its signal aborted) fails and removes what it staged', async () => {
      const source = new PassThrough();
      const interruption = new AbortController();
      const running = start('aborted', source, interruption.signal);
      running.catch(() => undefined);
      source.write([header, ...lines.slice(0, 5)].join('\n') + '\n');
      await until(async () => (await staging('aborted')).rows >= 4, 'the first rows to be staged');
      interruption.abort(new Error('stop'));
      await expect(running).rejects.toThrow('stop');
      expect(await staging('aborted')).toEqual(nothingStaged);
    });
  });
});
