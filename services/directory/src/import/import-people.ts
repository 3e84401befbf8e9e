import type { Readable } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidStateError, newId, runCommand, ValidationFailedError, type CommandContext, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import type { DirectoryUnit } from '../shared/directory-command-handler';
import type { PersonCommand } from '../person/domain/person.commands';
import type { EmploymentStatus } from '../person/domain/person.events';
import { ancestriesOf } from '../person/person.queries';
import { unassignReportsOfAll } from '../person/record-person-left/record-leaving';
import { holdTenantDirectory } from '../shared/tenant-lock';
import { siteAncestries } from '../site/site.queries';
import { tenantToday } from '../tenant/tenant.queries';
import { checkStagedImport } from './import-checks';
import { readHeader, readRow, type Header, type HrisRow, type RowIssue } from './domain/hris-row';
import { personAggregate, personStreamId } from '../person/person.stream';
import { siteAggregate, siteStreamId } from '../site/site.stream';

export const IMPORT_MODES = ['REJECT_ALL_ON_ERROR', 'APPLY_VALID_ROWS'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * Rows per batch, unless `batchSize` says otherwise. A batch costs a handful of statements whatever its size
 * (set-based), so larger ones mean fewer round trips and commits; memory holds one or two batches, never the file.
 * An applied row carries its events, outbox messages and read-model rows, a staged one only its text: applied
 * batches are kept smaller, so the garbage each leaves stays small next to the process.
 */
export const STAGE_BATCH_SIZE = 5000;
export const APPLY_BATCH_SIZE = 1000;

/**
 * A problem with one row; field null: the whole row or file. `row` is the line of the file the record starts on, the
 * header being line 1 (blank lines count, and a quoted value spanning lines counts each of them), the number an
 * editor shows; messages that point at another row use the same numbers ("already appears on line 2").
 */
export interface ImportError {
  readonly row: number;
  readonly field: string | null;
  readonly message: string;
}

export interface ImportReport {
  readonly mode: ImportMode;
  /** False when nothing was written: REJECT_ALL_ON_ERROR with errors, or a file that could not be read. */
  readonly applied: boolean;
  readonly rowsRead: number;
  readonly created: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly sitesCreated: number;
  readonly sitesChanged: number;
  /** All errors; `errors` lists the first `maxReportedErrors` of them, by row. */
  readonly errorCount: number;
  readonly errors: readonly ImportError[];
  /**
   * Staged rows left by earlier imports of the tenant that did not finish (a killed process), removed before this one
   * started. Printed by the CLI; not part of the GraphQL type.
   */
  readonly leftoverRowsRemoved: number;
}

export interface ImportPeopleOptions {
  readonly dataSource: DataSource;
  readonly store: EventStore<EntityManager>;
  /** Tenant, actor and correlation id of every event the import writes; `now` dates leavers and reporting lines. */
  readonly context: CommandContext;
  readonly mode: ImportMode;
  /** The CSV bytes: a file stream (CLI) or the text of a request (GraphQL). Read once, as a stream. */
  readonly source: Readable;
  /** Rows per staging statement and per applied transaction (by default STAGE_BATCH_SIZE and APPLY_BATCH_SIZE). */
  readonly batchSize?: number;
  readonly maxReportedErrors?: number;
  /** Stops the import at the next row or batch (the CLI on SIGINT/SIGTERM); it fails and removes what it staged. */
  readonly signal?: AbortSignal;
  /** Told how long each phase took, in seconds, as it ends (the CLI reports them). */
  readonly onPhase?: (phase: ImportPhase, seconds: number) => void;
}

/** Reading and staging the file, checking it as a whole, applying it. */
export type ImportPhase = 'stage' | 'check' | 'apply';

interface StagedRow {
  row_number: number;
  staff_number: string;
  first_name: string;
  last_name: string;
  work_email: string | null;
  job_classification: string;
  site_code: string;
  site_name: string;
  parent_site_code: string | null;
  supervisor_staff_number: string | null;
  employment_status: EmploymentStatus;
  start_date: string;
  depth: number;
}

interface Counts {
  created: number;
  changed: number;
  unchanged: number;
  sitesCreated: number;
  sitesChanged: number;
}

/**
 * Imports an HRIS export. Memory stays flat whatever the file's size: the file is streamed once into a staging
 * table, a batch at a time (the next batch is parsed while the last one is written); the whole-file checks run in
 * SQL; rows are then applied from the table a batch per transaction (events, outbox and read models together, each
 * in a few set-based statements), sites first, then people from the top of the hierarchy down, leavers last. The
 * tenant's directory lock is held throughout, so nothing changes between the checks and the writes: in
 * REJECT_ALL_ON_ERROR mode a file with any bad row writes nothing at all.
 *
 * Idempotent: rows identical to what the directory holds are found in one comparison in SQL and not applied at all;
 * every other row goes to the decider, which emits only differences, so a changed row emits only its change and an
 * unchanged file no events. People absent from the file are left alone (a feed may be partial); list leavers as LEFT.
 * Resumable: each batch commits on its own, so an import that dies part-way leaves a directory that is valid (parents
 * and supervisors are always written before those below them) and partly updated; running the same file again
 * finishes it, ending where one uninterrupted import would have.
 *
 * The staged rows hold personal data and live only while their import runs: the import deletes them when it ends,
 * whether it succeeds, fails or is interrupted, and an import that dies without that chance (a killed process, a lost
 * connection) leaves them to the next import of the tenant, which deletes every staged row of the tenant as soon as
 * it holds the tenant's import lock: only the lock holder stages or applies, so none of them can belong to a live
 * import. See `takeOverStaging`.
 */
export const importPeople = async (options: ImportPeopleOptions): Promise<ImportReport> => {
  const { dataSource, context, mode } = options;
  const { tenantId } = context;
  const importId = newId();
  const inTenant = <T>(work: (manager: EntityManager) => Promise<T>) => withTenant(dataSource, tenantId, work);

  const timed = async <T>(phase: ImportPhase, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    options.onPhase?.(phase, (performance.now() - started) / 1000);
    return result;
  };

  return holdTenantDirectory(dataSource, tenantId, async () => {
    const leftoverRowsRemoved = await inTenant((manager) => takeOverStaging(manager, tenantId, importId));
    let finished = false;
    try {
      const staged = await timed('stage', () => stage(options, importId));
      const report = (applied: boolean, counts: Counts, errors: { errorCount: number; rejected: number; errors: ImportError[] }): ImportReport => ({
        mode,
        applied,
        rowsRead: staged.rowsRead,
        ...counts,
        ...errors,
        leftoverRowsRemoved,
      });
      const none: Counts = { created: 0, changed: 0, unchanged: 0, sitesCreated: 0, sitesChanged: 0 };
      let result: ImportReport;
      if (staged.fatal) {
        result = report(false, none, { errorCount: staged.fatal.length, rejected: 0, errors: staged.fatal });
      } else {
        await timed('check', () =>
          inTenant(async (manager) => {
            await stillCurrent(manager, options, importId);
            await checkStagedImport(manager, tenantId, importId);
          }),
        );
        const found = await inTenant((manager) => collectErrors(manager, tenantId, importId, options.maxReportedErrors ?? 1000));
        if (mode === 'REJECT_ALL_ON_ERROR' && found.errorCount > 0) {
          result = report(false, none, found);
        } else {
          const counts = await timed('apply', () => apply(options, importId));
          result = report(true, counts, await inTenant((manager) => collectErrors(manager, tenantId, importId, options.maxReportedErrors ?? 1000)));
        }
      }
      finished = true;
      return result;
    } finally {
      // After a failure the database may be what failed: then the original error is the one to see, and the next
      // import of the tenant removes what could not be removed here.
      await inTenant((manager) => discardStaging(manager, tenantId, importId)).catch((error: unknown) => {
        if (finished) throw error;
      });
    }
  });
};

// ---- 0. the staging belongs to the import holding the tenant's lock ----

/**
 * Run with the tenant's import lock held: deletes every staged row, error and import record of the tenant (left by
 * imports that died: a live import would hold the lock) and records this import as the owner of the staging.
 * Returns how many staged rows it deleted.
 */
const takeOverStaging = async (manager: EntityManager, tenantId: string, importId: string): Promise<number> => {
  // The import records first: a superseded import's batch in flight holds its record (stillCurrent), so this waits
  // for that batch to commit, and the rows deleted next include what it staged.
  await manager.query(`DELETE FROM directory_imports WHERE tenant_id = $1`, [tenantId]);
  const [, removed] = (await manager.query(`DELETE FROM directory_import_rows WHERE tenant_id = $1`, [tenantId])) as [unknown, number];
  await manager.query(`DELETE FROM directory_import_errors WHERE tenant_id = $1`, [tenantId]);
  await manager.query(`INSERT INTO directory_imports (tenant_id, import_id, started_at) VALUES ($1, $2, now())`, [tenantId, importId]);
  return removed;
};

const discardStaging = async (manager: EntityManager, tenantId: string, importId: string): Promise<void> => {
  await manager.query(`DELETE FROM directory_import_rows WHERE tenant_id = $1 AND import_id = $2`, [tenantId, importId]);
  await manager.query(`DELETE FROM directory_import_errors WHERE tenant_id = $1 AND import_id = $2`, [tenantId, importId]);
  await manager.query(`DELETE FROM directory_imports WHERE tenant_id = $1 AND import_id = $2`, [tenantId, importId]);
};

/**
 * First thing in every transaction of an import: stop if it was interrupted, or superseded. An import that lost its
 * lock (its connection dropped) while the rest of it went on would otherwise write past a newer import that took the
 * lock and swept its staging. Its record, locked here until the batch commits, is what the newer import deletes.
 */
const stillCurrent = async (manager: EntityManager, { context, signal }: ImportPeopleOptions, importId: string): Promise<void> => {
  signal?.throwIfAborted();
  const own: unknown[] = await manager.query(`SELECT 1 FROM directory_imports WHERE tenant_id = $1 AND import_id = $2 FOR KEY SHARE`, [context.tenantId, importId]);
  if (own.length === 0) throw new InvalidStateError('This import lost the tenant\'s import lock and was superseded by a newer import; it stopped. Run the file again if it is still wanted.');
};

// ---- 1. stage: parse and check each row, store it ----

const LINE_BREAKS = /\r\n|\r|\n/g;

interface NumberedRecord {
  readonly line: number;
  readonly record: string[];
}

/**
 * A CSV parser that tags each record with the line of the file it starts on (the header is on line 1 unless blank
 * lines precede it). The parser's own line count is not used: it counts the CR and the LF of a CRLF inside a quoted
 * value as two lines. `lineOf(error)` is where the parser stopped: the line after the last record it parsed, plus the
 * blank lines it skipped since (it counts those), where the record it could not read begins.
 */
const lineNumberedParser = () => {
  let after = 1; // the line after the last record
  let blank = 0; // blank lines skipped before it
  const options: Options<NumberedRecord, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: 64 * 1024,
    on_record: (record, info) => {
      const line = after + (info.empty_lines - blank);
      blank = info.empty_lines;
      let breaks = 0;
      for (const value of record) if (value.includes('\n') || value.includes('\r')) breaks += value.match(LINE_BREAKS)?.length ?? 0;
      after = line + 1 + breaks;
      return { line, record };
    },
  };
  // csv-parse types a record-changing on_record only together with `columns`.
  const parser = parse(options as unknown as Options);
  const lineOf = (error: CsvError): number => after + (typeof error.empty_lines === 'number' ? error.empty_lines - blank : 0);
  return { parser, lineOf };
};

const stage = async (options: ImportPeopleOptions, importId: string): Promise<{ rowsRead: number; fatal?: ImportError[] }> => {
  const { dataSource, context, source, batchSize = STAGE_BATCH_SIZE, signal } = options;
  const { parser, lineOf } = lineNumberedParser();
  source.pipe(parser);
  // Interrupted while waiting for input (a stalled pipe): the loop below would not get to check.
  const interrupt = () => parser.destroy(signal?.reason);
  signal?.addEventListener('abort', interrupt, { once: true });
  let header: Header | undefined;
  let rowsRead = 0;
  let rows: Array<[number, HrisRow]> = [];
  let issues: Array<[number, RowIssue]> = [];
  // Two batches are written (each in a transaction of its own) while the next is parsed; a third full batch waits
  // for the first of them (backpressure: the parser waits).
  const writing: Array<Promise<void>> = [];
  const written = async (inFlight: number) => {
    while (writing.length > inFlight) await writing.shift();
  };
  const flush = async () => {
    if (rows.length === 0 && issues.length === 0) return;
    await written(1);
    const [batch, problems] = [rows, issues];
    [rows, issues] = [[], []];
    const write = withTenant(dataSource, context.tenantId, async (manager) => {
      await stillCurrent(manager, options, importId);
      await insertStaged(manager, context.tenantId, importId, batch, problems);
    });
    write.catch(() => undefined); // awaited (and thrown) by a later flush or at the end, not left unhandled
    writing.push(write);
  };
  try {
    for await (const { line, record } of parser as AsyncIterable<NumberedRecord>) {
      signal?.throwIfAborted();
      if (!header) {
        const read = readHeader(record);
        if ('issues' in read) return { rowsRead, fatal: read.issues.map((issue) => ({ row: line, ...issue })) };
        header = read.header;
        continue;
      }
      rowsRead += 1;
      const read = readRow(record, header);
      if ('row' in read) rows.push([line, read.row]);
      else issues.push(...read.issues.map((issue): [number, RowIssue] => [line, issue]));
      if (rows.length + issues.length >= batchSize) await flush();
    }
    if (!header) return { rowsRead, fatal: [{ row: 1, field: null, message: 'the file is empty: a header row is required' }] };
    await flush();
    await written(0);
    return { rowsRead };
  } catch (error) {
    // A broken file (an unclosed quote, a giant field) cannot be trusted past that point: nothing is applied. The
    // parser may fail ahead of the records handed out so far: the line is where the parser stopped, and its message
    // is given that number too.
    if (error instanceof CsvError) {
      await written(0);
      const line = lineOf(error);
      return { rowsRead, fatal: [{ row: line, field: null, message: `unreadable CSV: ${error.message.replace(/\b(at|on) line \d+/g, `$1 line ${line}`)}` }] };
    }
    throw error;
  } finally {
    signal?.removeEventListener('abort', interrupt);
    source.destroy();
    await Promise.allSettled(writing); // nothing of this import still writing once it returns or fails
  }
};

const insertStaged = async (manager: EntityManager, tenantId: string, importId: string, rows: Array<[number, HrisRow]>, issues: Array<[number, RowIssue]>): Promise<void> => {
  if (rows.length > 0) {
    // The batch as one JSON document: serialised in one call and parsed in one pass (no array per column to escape).
    await manager.query(
      `INSERT INTO directory_import_rows (tenant_id, import_id, row_number, staff_number, first_name, last_name, work_email, job_classification,
         site_code, site_name, parent_site_code, supervisor_staff_number, employment_status, start_date)
       SELECT $1, $2, r.line, r."staffNumber", r."firstName", r."lastName", r."workEmail", r."jobClassification", r."siteCode", r."siteName",
         r."parentSiteCode", r."supervisorStaffNumber", r."employmentStatus", r."startDate"
       FROM json_to_recordset($3::json) AS r(line int, "staffNumber" text, "firstName" text, "lastName" text, "workEmail" text, "jobClassification" text,
         "siteCode" text, "siteName" text, "parentSiteCode" text, "supervisorStaffNumber" text, "employmentStatus" text, "startDate" text)`,
      [tenantId, importId, JSON.stringify(rows.map(([line, row]) => ({ line, ...row })))],
    );
  }
  if (issues.length > 0) await recordErrors(manager, tenantId, importId, issues.map(([row, issue]) => ({ row, ...issue })));
};

const recordErrors = async (manager: EntityManager, tenantId: string, importId: string, errors: readonly ImportError[]): Promise<void> => {
  if (errors.length === 0) return;
  await manager.query(
    `INSERT INTO directory_import_errors (tenant_id, import_id, row_number, field, message)
     SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
    [tenantId, importId, errors.map((e) => e.row), errors.map((e) => e.field ?? ''), errors.map((e) => e.message)],
  );
};

const collectErrors = async (manager: EntityManager, tenantId: string, importId: string, limit: number): Promise<{ errorCount: number; rejected: number; errors: ImportError[] }> => {
  const [{ errorCount, rejected }] = await manager.query(
    `SELECT count(*)::int AS "errorCount", count(DISTINCT row_number)::int AS rejected FROM directory_import_errors WHERE tenant_id = $1 AND import_id = $2`,
    [tenantId, importId],
  );
  const rows: Array<{ row_number: number; field: string; message: string }> = await manager.query(
    `SELECT row_number, field, message FROM directory_import_errors WHERE tenant_id = $1 AND import_id = $2 ORDER BY row_number, field LIMIT $3`,
    [tenantId, importId, limit],
  );
  return { errorCount, rejected, errors: rows.map((r) => ({ row: r.row_number, field: r.field || null, message: r.message })) };
};

// ---- 3. apply: sites, then people top-down, then leavers ----

/** Domain errors a decider raises for one row: the row is reported and skipped, the batch goes on. */
const FIELD_OF_PATH: Record<string, string> = {
  staffNumber: 'staff_number',
  firstName: 'first_name',
  lastName: 'last_name',
  workEmail: 'work_email',
  jobClassification: 'job_classification',
  startDate: 'start_date',
  siteId: 'site_code',
  employmentStatus: 'employment_status',
  leftOn: 'employment_status',
  supervisorId: 'supervisor_staff_number',
  effectiveFrom: 'supervisor_staff_number',
  code: 'site_code',
  name: 'site_name',
  parentSiteId: 'parent_site_code',
};

const rowErrorsOf = (row: number, error: unknown): ImportError[] => {
  if (error instanceof ValidationFailedError) return error.issues.map((i) => ({ row, field: FIELD_OF_PATH[i.path] ?? null, message: i.message }));
  if (error instanceof InvalidStateError) return [{ row, field: null, message: error.message }];
  throw error; // anything else (the database, a bug) stops the import; its transaction rolls back
};

const apply = async (options: ImportPeopleOptions, importId: string): Promise<Counts> => {
  const { dataSource, store, context, batchSize = APPLY_BATCH_SIZE } = options;
  const { tenantId } = context;
  const counts: Counts = { created: 0, changed: 0, unchanged: 0, sitesCreated: 0, sitesChanged: 0 };
  const today = await withTenant(dataSource, tenantId, (manager) => tenantToday(manager, tenantId, context.now));
  // A unit of work per batch. The import holds the tenant lock on a connection of its own: its batches must not ask for it again.
  // Every read of a batch looks rows up by key, in tables that grow under the import faster than their statistics
  // follow: without the setting the planner would take a table it believes small and scan it whole, batch after batch.
  const batch = <T>(work: (unit: DirectoryUnit) => Promise<T>) =>
    runCommand(store, context, async (unit: DirectoryUnit) => {
      await stillCurrent(unit.transaction, options, importId);
      await unit.transaction.query(`SET LOCAL enable_seqscan = off`);
      return work(unit);
    });

  // Sites the file changes, parents before children (site_depth, on the row that defines each).
  for (let after = { depth: -1, code: '' }; ; ) {
    const sites: Array<{ site_depth: number; site_code: string; site_name: string; parent_site_code: string | null; row_number: number }> = await withTenant(dataSource, tenantId, (m) =>
      m.query(
        `SELECT site_depth, site_code, site_name, parent_site_code, row_number FROM directory_import_rows
         WHERE tenant_id = $1 AND import_id = $2 AND NOT rejected AND site_depth IS NOT NULL AND (site_depth, site_code) > ($3, $4)
         ORDER BY site_depth, site_code LIMIT $5`,
        [tenantId, importId, after.depth, after.code, batchSize],
      ),
    );
    if (sites.length === 0) break;
    const level = sites.filter((s) => s.site_depth === sites[0].site_depth); // one level per batch: parents are committed first
    after = { depth: level[level.length - 1].site_depth, code: level[level.length - 1].site_code };
    await batch(async (unit) => {
      const ids = await idsByKey(unit.transaction, `SELECT code AS key, site_id AS id FROM directory_sites WHERE tenant_id = $1 AND code = ANY($2::text[])`, tenantId, [
        ...level.map((s) => s.site_code),
        ...level.flatMap((s) => (s.parent_site_code ? [s.parent_site_code] : [])),
      ]);
      const parentIds = [...new Set(level.flatMap((s) => (s.parent_site_code && ids.has(s.parent_site_code) ? [ids.get(s.parent_site_code) as string] : [])))];
      const ancestries = await siteAncestries(unit.transaction, tenantId, parentIds);
      const siteIds = new Map(level.map((s) => [s.site_code, ids.get(s.site_code) ?? newId()]));
      await unit.preload(level.flatMap((s) => (ids.has(s.site_code) ? [siteStreamId(tenantId, siteIds.get(s.site_code) as string)] : [])));
      unit.expectNew(level.flatMap((s) => (ids.has(s.site_code) ? [] : [siteStreamId(tenantId, siteIds.get(s.site_code) as string)])));
      const failed: ImportError[] = [];
      for (const site of level) {
        const siteId = siteIds.get(site.site_code) as string;
        const parentSiteId = site.parent_site_code ? (ids.get(site.parent_site_code) ?? null) : null;
        try {
          if (site.parent_site_code && !parentSiteId) throw new InvalidStateError(`parent site ${site.parent_site_code} does not exist`);
          const decided = await unit.decide(siteAggregate, siteId, {
            type: 'SyncSiteFromHris',
            siteId,
            code: site.site_code,
            name: site.site_name,
            parentSiteId,
            facts: { parentKnown: parentSiteId !== null, parentAncestry: parentSiteId ? (ancestries.get(parentSiteId) ?? []) : [], codeUsedBy: null },
          });
          if (!decided.existed) counts.sitesCreated += 1;
          else if (decided.events.length > 0) counts.sitesChanged += 1;
        } catch (error) {
          failed.push(...rowErrorsOf(site.row_number, error).map((e) => ({ ...e, message: `site ${site.site_code}: ${e.message}` })));
        }
      }
      // A site that could not be written takes every row placed at it along.
      for (const error of failed) {
        const code = level.find((s) => s.row_number === error.row)?.site_code;
        await unit.transaction.query(
          `WITH marked AS (UPDATE directory_import_rows SET rejected = true WHERE tenant_id = $1 AND import_id = $2 AND site_code = $3 AND NOT rejected RETURNING row_number)
           INSERT INTO directory_import_errors (tenant_id, import_id, row_number, field, message) SELECT $1, $2, row_number, $4, $5 FROM marked ON CONFLICT DO NOTHING`,
          [tenantId, importId, code, error.field ?? '', error.message],
        );
      }
    });
  }

  // People whose row changes something, a batch of one level at a time: everyone's supervisor is in place before they are.
  const applyRows = async (rows: StagedRow[]) =>
    batch(async (unit) => {
      const keys = [...new Set(rows.flatMap((r) => (r.supervisor_staff_number ? [r.staff_number, r.supervisor_staff_number] : [r.staff_number])))];
      const people = new Map<string, { person_id: string; employment_status: EmploymentStatus }>(
        (
          (await unit.transaction.query(`SELECT staff_number, person_id, employment_status FROM directory_people WHERE tenant_id = $1 AND staff_number = ANY($2::text[])`, [
            tenantId,
            keys,
          ])) as Array<{ staff_number: string; person_id: string; employment_status: EmploymentStatus }>
        ).map((p) => [p.staff_number, p]),
      );
      const sites = await idsByKey(unit.transaction, `SELECT code AS key, site_id AS id FROM directory_sites WHERE tenant_id = $1 AND code = ANY($2::text[])`, tenantId, [
        ...new Set(rows.map((r) => r.site_code)),
      ]);
      const idOf = (staffNumber: string | null): string[] => {
        const id = staffNumber === null ? undefined : people.get(staffNumber)?.person_id;
        return id ? [id] : [];
      };
      const ancestries = await ancestriesOf(unit.transaction, tenantId, [...new Set(rows.flatMap((r) => idOf(r.supervisor_staff_number)))]);
      // People the directory has are loaded in one query; newcomers get their id now, so their streams cannot exist yet.
      const personIds = new Map(rows.map((r) => [r.row_number, people.get(r.staff_number)?.person_id ?? newId()]));
      await unit.preload(rows.flatMap((r) => (people.has(r.staff_number) ? [personStreamId(tenantId, personIds.get(r.row_number) as string)] : [])));
      unit.expectNew(rows.flatMap((r) => (people.has(r.staff_number) ? [] : [personStreamId(tenantId, personIds.get(r.row_number) as string)])));
      const failed: ImportError[] = [];
      const leavers: string[] = [];
      for (const row of rows) {
        const personId = personIds.get(row.row_number) as string;
        const siteId = sites.get(row.site_code);
        const supervisor = row.supervisor_staff_number ? people.get(row.supervisor_staff_number) : undefined;
        if (row.employment_status !== 'LEFT' && row.supervisor_staff_number && !supervisor) {
          failed.push({ row: row.row_number, field: 'supervisor_staff_number', message: `no person with staff number ${row.supervisor_staff_number}` });
          continue;
        }
        const commands: PersonCommand[] = [
          {
            type: 'SyncPersonFromHris',
            personId,
            staffNumber: row.staff_number,
            firstName: row.first_name,
            lastName: row.last_name,
            workEmail: row.work_email,
            jobClassification: row.job_classification,
            startDate: row.start_date,
            siteId: siteId ?? '',
            employmentStatus: row.employment_status,
            today,
            facts: { siteKnown: siteId !== undefined, staffNumberUsedBy: null }, // matched by staff number: it is theirs
          },
        ];
        if (row.employment_status !== 'LEFT') {
          commands.push({
            type: 'AssignSupervisor',
            personId,
            supervisorId: supervisor?.person_id ?? null,
            effectiveFrom: today,
            today,
            facts: { supervisorStatus: supervisor?.employment_status ?? null, supervisorAncestry: supervisor ? (ancestries.get(supervisor.person_id) ?? []) : [] },
          });
        }
        try {
          const decided = await unit.decide(personAggregate, personId, commands);
          if (!decided.existed) counts.created += 1;
          else if (decided.events.length > 0) counts.changed += 1;
          else counts.unchanged += 1;
          if (decided.events.some((e) => e.type === 'PersonLeft')) leavers.push(personId);
        } catch (error) {
          failed.push(...rowErrorsOf(row.row_number, error));
        }
      }
      await unassignReportsOfAll(unit, leavers, today, today);
      await recordErrors(unit.transaction, tenantId, importId, failed);
    });

  // Rows in primary-key order, a level at a time (staging has no other index: see the staging migration), each level
  // one pass over the file's key range. The rows were just staged and may have no statistics: an index scan is forced.
  const page = (where: string, after: unknown[]) =>
    withTenant(dataSource, tenantId, async (m) => {
      await m.query(`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)`);
      return m.query(
        `SELECT row_number, staff_number, first_name, last_name, work_email, job_classification, site_code, site_name, parent_site_code,
                supervisor_staff_number, employment_status, start_date, depth
         FROM directory_import_rows WHERE tenant_id = $1 AND import_id = $2 AND NOT rejected AND ${where} ORDER BY row_number LIMIT $${3 + after.length}`,
        [tenantId, importId, ...after, batchSize],
      );
    }) as Promise<StagedRow[]>;
  /**
   * Applies the rows `where` selects, a batch per transaction, up to `parallel` batches at a time (the next batch is
   * decided while the last one is written). Only for rows that do not depend on each other: the people of one level.
   * A batch that fails stops the rest; the batches already started finish first.
   */
  const applyAll = async (where: string, params: unknown[], parallel: number) => {
    const running: Array<Promise<void>> = [];
    try {
      for (let after = 0; ; ) {
        const rows = await page(`${where} AND row_number > $${3 + params.length}`, [...params, after]);
        if (rows.length === 0) break;
        after = rows[rows.length - 1].row_number;
        const applying = applyRows(rows);
        applying.catch(() => undefined); // awaited below; handled meanwhile
        running.push(applying);
        if (running.length >= parallel) await running.shift();
      }
    } finally {
      await Promise.allSettled(running);
    }
    await Promise.all(running);
  };
  const levels: Array<{ depth: number }> = await withTenant(dataSource, tenantId, (m) =>
    m.query(
      `SELECT DISTINCT depth FROM directory_import_rows WHERE tenant_id = $1 AND import_id = $2 AND NOT rejected AND employment_status <> 'LEFT' AND depth IS NOT NULL ORDER BY depth`,
      [tenantId, importId],
    ),
  );
  for (const { depth } of levels) await applyAll(`employment_status <> 'LEFT' AND depth = $3`, [depth], 2);
  // Leavers last, once everyone the file reassigns has their new supervisor; one batch at a time, as a leaver's
  // reports may be leavers of another batch.
  await applyAll(`employment_status = 'LEFT' AND depth IS NOT NULL`, [], 1);

  // Rows the checks found identical to the directory (no depth): nothing to apply, unchanged.
  const [{ identical }]: Array<{ identical: number }> = await withTenant(dataSource, tenantId, (m) =>
    m.query(`SELECT count(*)::int AS identical FROM directory_import_rows WHERE tenant_id = $1 AND import_id = $2 AND NOT rejected AND depth IS NULL`, [tenantId, importId]),
  );
  counts.unchanged += identical;
  return counts;
};

const idsByKey = async (manager: EntityManager, sql: string, tenantId: string, keys: readonly string[]): Promise<Map<string, string>> => {
  if (keys.length === 0) return new Map();
  const rows: Array<{ key: string; id: string }> = await manager.query(sql, [tenantId, keys]);
  return new Map(rows.map((r) => [r.key, r.id]));
};
