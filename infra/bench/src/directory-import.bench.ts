import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ensureApplicationRole, urlForRole } from '@growth/es-postgres';
import { startPostgres } from '@growth/infra-postgres';
import { TARGETS } from './config';
import { BENCH_APP_ROLE } from './fixtures';
import { createDatabase, databaseUrl, dropDatabases, withAdmin } from './databases';
import { median } from './stats';

/**
 * The directory's HRIS import at district scale: a generated export (a site tree; supervisors forming a valid
 * five-level hierarchy, referenced before and after their own row) imported by the import CLI itself, as its own
 * process, into a fresh database, as the application role under row-level security. Run once at 10,000 rows and
 * once at `rows` (100,000 by default): if memory grew with the file, peak RSS over the process's baseline would
 * grow ten-fold between the two. Then the large file again, which must change nothing (a nightly feed).
 *
 * The raw baseline, in the same run on the same server: the large file loaded by PostgreSQL's own `COPY ... FROM
 * '<file>' (FORMAT csv, HEADER)` into a plain table of the file's columns (no index, no check), as the superuser.
 * The server reads the file itself, so it is only measured when it can (the embedded server, or one on this machine).
 */

export interface DirectoryImportBenchOptions {
  /** A superuser URL of the PostgreSQL server to create the databases on. */
  readonly adminDatabaseUrl: string;
  readonly rows?: number;
  readonly smallRows?: number;
}

export interface ImportRun {
  readonly rows: number;
  readonly fileMb: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  /** Peak resident set of the import process, and how far above its resident set at start it went. */
  readonly peakRssMb: number;
  readonly rssOverBaselineMb: number;
  readonly peakHeapMb: number;
  /** The most heap in use just after a full garbage collection: what the import holds, without its garbage. */
  readonly liveHeapMb: number;
  readonly created: number;
  readonly rejected: number;
  /** Seconds of each phase the CLI reported (stage: parse and store the file; check: the whole-file checks; apply). */
  readonly phases: Partial<Record<'stage' | 'check' | 'apply', number>>;
}

/** The raw COPY of the large file: every timed run, and their median. */
export type CopyBaseline = { readonly seconds: number; readonly runs: readonly number[] } | { readonly error: string };

export interface DirectoryImportBenchResult extends ImportRun {
  readonly small: ImportRun;
  /** The large file imported a second time: nothing to change, everything compared. */
  readonly reimport: { readonly seconds: number; readonly rowsPerSecond: number; readonly changed: number; readonly unchanged: number; readonly phases: ImportRun['phases'] };
  readonly copy: CopyBaseline;
  /** What the large import wrote: events, outbox messages, and the size of every table it wrote with their indexes. */
  readonly written: { readonly events: number; readonly outbox: number; readonly mb: number };
  /** The size of the COPY's table after a load. */
  readonly copyMb?: number;
  /**
   * For information: the rows the large import wrote, written again server-side (INSERT ... SELECT into empty copies
   * of its tables, with the same indexes), as the superuser: the write alone, without parsing, checks or deciding.
   */
  readonly writeSeconds: number;
  readonly measuredAt: Date;
  /** 1, 5 and 15 minute load averages before and after. */
  readonly loadAverage: { readonly before: string; readonly after: string };
}

const CLI = path.resolve(__dirname, '../../../services/directory/dist/import-cli.js'); // from infra/bench/{src,dist}
const TENANT = 'bench-district';

export const benchDirectoryImport = async ({ adminDatabaseUrl, rows = 100_000, smallRows = 10_000 }: DirectoryImportBenchOptions): Promise<DirectoryImportBenchResult> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the directory first (npx nx run directory:build)`);
  const measuredAt = new Date();
  const before = loadAverage();
  const dir = mkdtempSync(path.join(tmpdir(), 'directory-import-bench-'));
  // The server runs as its own OS user and reads the file for COPY itself.
  chmodSync(dir, 0o755);
  const role = BENCH_APP_ROLE;
  await ensureApplicationRole(adminDatabaseUrl, role);
  const databases: string[] = [];
  try {
    const run = async (file: string, database: string) => {
      const ownerUrl = await createDatabase(adminDatabaseUrl, database);
      databases.push(database);
      return runCli(file, { DATABASE_URL: urlForRole(ownerUrl, role), DATABASE_MIGRATION_URL: ownerUrl });
    };
    const smallFile = await writeHrisExport(path.join(dir, `people-${smallRows}.csv`), smallRows);
    const largeFile = await writeHrisExport(path.join(dir, `people-${rows}.csv`), rows);
    const copyDatabase = `bench_directory_copy_${rows}`;
    const copy = await rawCopy(await createDatabase(adminDatabaseUrl, copyDatabase), largeFile);
    databases.push(copyDatabase);
    const copies = await copy.times(4); // a warm-up, then three
    const small = await run(smallFile, `bench_directory_${smallRows}`);
    const largeDatabase = `bench_directory_${rows}`;
    const large = await run(largeFile, largeDatabase);
    const again = await runCli(largeFile, { DATABASE_URL: urlForRole(databaseUrl(adminDatabaseUrl, largeDatabase), role) });
    copies.push(...(await copy.times(2)));
    const counted = await count(databaseUrl(adminDatabaseUrl, largeDatabase));
    const writeSeconds = await writeAgain(databaseUrl(adminDatabaseUrl, largeDatabase));
    const copyMb = copy.error ? undefined : await sizeMb(databaseUrl(adminDatabaseUrl, copyDatabase), ['hris_raw']);
    return {
      ...large.run,
      small: small.run,
      reimport: { seconds: again.run.seconds, rowsPerSecond: again.run.rowsPerSecond, changed: again.changed, unchanged: again.unchanged, phases: again.run.phases },
      copy: copy.error ? { error: copy.error } : { seconds: median(copies.slice(1)), runs: copies.slice(1) },
      written: counted,
      copyMb,
      writeSeconds,
      measuredAt,
      loadAverage: { before, after: loadAverage() },
    };
  } finally {
    await dropDatabases(adminDatabaseUrl, databases);
    rmSync(dir, { recursive: true, force: true });
  }
};

const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

// ---- the raw baseline ----

/** The columns of the generated file, as its header names them. */
const HEADER = 'staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date';

/**
 * `times(n)` loads `file` n times with the server's own COPY into an emptied plain table of the file's columns, and
 * returns each load's seconds (the statement's round trip). When the server cannot read the file, `error` says why
 * and no time is returned.
 */
const rawCopy = async (url: string, file: string) => {
  const copy = {
    error: undefined as string | undefined,
    times: async (n: number): Promise<number[]> => {
      if (copy.error) return [];
      return withAdmin(url, async (client) => {
        const seconds: number[] = [];
        await client.query(`CREATE TABLE IF NOT EXISTS hris_raw (${HEADER.split(',').map((c) => `${c} text`).join(', ')})`);
        for (let i = 0; i < n; i += 1) {
          await client.query('TRUNCATE hris_raw');
          const started = process.hrtime.bigint();
          try {
            await client.query(`COPY hris_raw FROM ${client.escapeLiteral(file)} WITH (FORMAT csv, HEADER)`);
          } catch (error) {
            copy.error = `COPY could not read the file on the server: ${(error as Error).message}`;
            return [];
          }
          seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
        }
        return seconds;
      });
    },
  };
  return copy;
};

/** Tables the import writes (staging is emptied when it ends). */
const WRITTEN_TABLES = ['es_events', 'es_outbox', 'directory_people', 'directory_reporting_lines', 'directory_sites'];

const sizeMb = (url: string, tables: readonly string[]): Promise<number> =>
  withAdmin(url, async (client) => {
    const { rows } = await client.query<{ bytes: string }>(`SELECT sum(pg_total_relation_size(t::regclass))::bigint AS bytes FROM unnest($1::text[]) AS t`, [tables]);
    return Math.round((Number(rows[0].bytes) / 1024 / 1024) * 10) / 10;
  });

/** Seconds to write every row of the written tables into empty copies of them (same columns, defaults and indexes); rolled back. */
const writeAgain = (url: string): Promise<number> =>
  withAdmin(url, async (client) => {
    await client.query('BEGIN');
    try {
      for (const table of WRITTEN_TABLES) await client.query(`CREATE TABLE ${client.escapeIdentifier(`again_${table}`)} (LIKE ${client.escapeIdentifier(table)} INCLUDING ALL)`);
      const started = process.hrtime.bigint();
      for (const table of WRITTEN_TABLES) await client.query(`INSERT INTO ${client.escapeIdentifier(`again_${table}`)} SELECT * FROM ${client.escapeIdentifier(table)}`);
      return Number(process.hrtime.bigint() - started) / 1e9;
    } finally {
      await client.query('ROLLBACK');
    }
  });

const count = async (url: string): Promise<{ events: number; outbox: number; mb: number }> => {
  const counts = await withAdmin(url, async (client) => {
    const { rows } = await client.query<{ events: number; outbox: number }>(
      `SELECT (SELECT count(*) FROM es_events)::int AS events, (SELECT count(*) FROM es_outbox)::int AS outbox`,
    );
    return rows[0];
  });
  return { ...counts, mb: await sizeMb(url, WRITTEN_TABLES) };
};

// ---- the import process ----

interface CliOutput {
  report: { rowsRead: number; created: number; changed: number; unchanged: number; rejected: number; errors: unknown[] };
  stats: { seconds: number; rowsPerSecond: number; peakRssMb: number; peakHeapMb: number; liveHeapMb?: number; baselineRssMb: number; phases?: ImportRun['phases'] };
}

const runCli = (file: string, env: Record<string, string>): Promise<{ run: ImportRun; changed: number; unchanged: number }> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, '--tenant', TENANT, '--file', file, '--mode', 'REJECT_ALL_ON_ERROR'],
      { env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // Exit code 2 means rows were rejected: the generated file has none, so that is a failure here too.
        if (error) return reject(new Error(`import CLI failed (${error.message}): ${stderr.slice(-2000)} ${stdout.slice(0, 2000)}`));
        const { report, stats } = JSON.parse(stdout) as CliOutput;
        resolve({
          run: {
            rows: report.rowsRead,
            fileMb: Math.round((statSync(file).size / 1024 / 1024) * 10) / 10,
            seconds: stats.seconds,
            rowsPerSecond: stats.rowsPerSecond,
            peakRssMb: stats.peakRssMb,
            rssOverBaselineMb: Math.round((stats.peakRssMb - stats.baselineRssMb) * 10) / 10,
            peakHeapMb: stats.peakHeapMb,
            liveHeapMb: stats.liveHeapMb ?? 0,
            created: report.created,
            rejected: report.rejected,
            phases: stats.phases ?? {},
          },
          changed: report.changed,
          unchanged: report.unchanged,
        });
      },
    );
  });

// ---- databases ----

// ---- a realistic HRIS export ----

const FIRST = ['Maria', 'James', 'Ana', 'Robert', 'Linda', 'Jose', 'Patricia', 'David', 'Guadalupe', 'Michael', 'Rosa', 'William', 'Elena', 'Thomas', 'Kim', 'Daniel', 'Aisha', 'Carlos', 'Mei', 'Joseph'];
const LAST = ['Garcia', 'Smith', 'Hernandez', 'Johnson', 'Lopez', 'Williams', 'Martinez', 'Brown', 'Nguyen', 'Jones', 'Gonzalez', 'Davis', 'Kim', 'Miller', 'Rodriguez', 'Wilson', 'Patel', 'Moore', 'Chen', 'Taylor'];
const STAFF_JOBS = ['Custodian', 'Cafeteria Worker', 'Lunchtime Supervisor', 'Clerical Assistant', 'Teaching Assistant', 'Groundskeeper', 'Bus Driver', 'IT Technician'];
const AREAS = 8;

/** Deterministic, so every run measures the same file. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

interface GeneratedPerson {
  readonly job: string;
  readonly site: number; // -1: district office, -2 - a: area a, otherwise a school
  readonly supervisor: number; // index, -1 for none
  readonly lead: boolean;
}

/**
 * One district: an operations chief at the district office; 8 area managers; a school per ~100 staff, each with a
 * site manager reporting to its area manager, team leads reporting to the site manager, and staff in teams of ~12.
 * Rows come sorted by staff number, which is unrelated to the hierarchy: many supervisors appear after their reports.
 */
export const writeHrisExport = async (file: string, rows: number): Promise<string> => {
  const next = random(rows);
  const people: GeneratedPerson[] = [{ job: 'Director of Operations', site: -1, supervisor: -1, lead: true }];
  for (let a = 0; a < AREAS; a += 1) people.push({ job: 'Area Operations Manager', site: -2 - a, supervisor: 0, lead: true });
  const schools = Math.max(AREAS, Math.round(rows / 100));
  for (let s = 0; s < schools && people.length < rows; s += 1) {
    const quota = Math.floor((rows - 1 - AREAS) / schools) + (s < (rows - 1 - AREAS) % schools ? 1 : 0);
    const manager = people.length;
    people.push({ job: 'Plant Manager', site: s, supervisor: 1 + (s % AREAS), lead: true });
    let lead = manager;
    for (let i = 1; i < quota; i += 1) {
      if ((i - 1) % 12 === 0) {
        lead = people.length;
        people.push({ job: 'Team Lead', site: s, supervisor: manager, lead: true });
      } else {
        people.push({ job: STAFF_JOBS[Math.floor(next() * STAFF_JOBS.length)], site: s, supervisor: lead, lead: false });
      }
    }
  }
  const n = people.length;
  // A bijection between hierarchy position and staff number (7919 is prime and shares no factor with 10^k).
  const staffNumber = (i: number) => `E${String(100000 + ((i * 7919) % n)).padStart(6, '0')}`;
  const byStaffNumber = new Int32Array(n);
  for (let i = 0; i < n; i += 1) byStaffNumber[(i * 7919) % n] = i;

  const site = (s: number): [string, string, string] => {
    if (s === -1) return ['D000', 'District Office', ''];
    if (s <= -2) return [`A0${-2 - s + 1}`, `Area ${-2 - s + 1} Office`, 'D000'];
    return [`S${String(s + 1).padStart(4, '0')}`, `School ${s + 1}`, `A0${(s % AREAS) + 1}`];
  };
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${HEADER}\n`);
  for (let k = 0; k < n; k += 1) {
    const i = byStaffNumber[k];
    const p = people[i];
    const [first, last] = [FIRST[Math.floor(next() * FIRST.length)], LAST[Math.floor(next() * LAST.length)]];
    // Catering and cleaning staff often have no work email.
    const email = p.lead || next() < 0.8 ? `${first}.${last}.${i}@district.example.org`.toLowerCase() : '';
    // Leavers are never anyone's supervisor; a few staff are on leave.
    const roll = next();
    const status = p.lead ? 'ACTIVE' : roll < 0.01 ? 'LEFT' : roll < 0.03 ? 'ON_LEAVE' : 'ACTIVE';
    const start = `${1995 + Math.floor(next() * 30)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const [code, name, parent] = site(p.site);
    await write(`${staffNumber(i)},${first},${last},${email},${p.job},${code},${name},${parent},${p.supervisor < 0 ? '' : staffNumber(p.supervisor)},${status},${start}\n`);
  }
  out.end();
  await once(out, 'finish');
  return file;
};

// `node infra/bench/dist/directory-import.bench.js`: one run on BENCH_DATABASE_URL, or on a PostgreSQL started here.
if (require.main === module) {
  void (async () => {
    const server = process.env.BENCH_DATABASE_URL ? undefined : await startPostgres();
    try {
      const result = await benchDirectoryImport({ adminDatabaseUrl: process.env.BENCH_DATABASE_URL ?? server!.url, rows: Number(process.env.BENCH_DIRECTORY_ROWS ?? 100_000) });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await server?.stop();
    }
  })().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
}

/** Import seconds over the raw COPY's, or undefined when the COPY could not be measured. */
export const copyRatios = (r: DirectoryImportBenchResult): { import: number; reimport: number } | undefined =>
  'error' in r.copy ? undefined : { import: r.seconds / r.copy.seconds, reimport: r.reimport.seconds / r.copy.seconds };

const phasesOf = (phases: ImportRun['phases']): string =>
  (['stage', 'check', 'apply'] as const)
    .filter((p) => phases[p] !== undefined)
    .map((p) => `${{ stage: 'read and stage', check: 'check', apply: 'apply' }[p]} ${(phases[p] as number).toFixed(1)} s`)
    .join(', ');

/**
 * For a missed ratio: where the import's time went (this run's numbers), and what a raw COPY does not do. The
 * levers name where the time went; they are not measured promises.
 */
const missedRatios = (r: DirectoryImportBenchResult, ratios: { import: number; reimport: number }): string[] => {
  const lines: string[] = [];
  const copy = r.copy as { seconds: number };
  if (ratios.import > TARGETS.directoryImportRatio) {
    lines.push(
      `- **Import (${ratios.import.toFixed(1)}x COPY, target ${TARGETS.directoryImportRatio}x).** ${r.seconds.toFixed(1)} s against ${copy.seconds.toFixed(3)} s: ${phasesOf(r.phases)}. ` +
        `COPY stores ${r.rows.toLocaleString('en-US')} rows of text in one table without an index${r.copyMb === undefined ? '' : ` (${r.copyMb.toFixed(1)} MB)`}; ` +
        'the import parses and checks every field in Node, stages the file, ' +
        `checks it as a whole (duplicates, references, both hierarchies for cycles), then decides every row and writes ` +
        `${r.written.events.toLocaleString('en-US')} events and ${r.written.outbox.toLocaleString('en-US')} outbox messages (each event is public) ` +
        `with the read models and their indexes (five on the events, three on the outbox, five on the people): ${r.written.mb.toFixed(1)} MB of tables, a batch of 1,000 rows per transaction, ` +
        'two transactions at a time. ' +
        `Only writing those rows again, server-side and without any parsing, takes ${r.writeSeconds.toFixed(1)} s (${(r.writeSeconds / copy.seconds).toFixed(0)}x COPY)` +
        (r.writeSeconds / copy.seconds > TARGETS.directoryImportRatio
          ? ': the target is out of reach while every person costs two events and two outbox messages. '
          : '. ') +
        'The apply phase is bound by those inserts ' +
        '(PostgreSQL and the import share two cores); likely levers are fewer or smaller outbox rows ' +
        '(the integration message repeats the envelope in its headers and payload) and fewer indexes on the event store, both outside the import.',
    );
  }
  if (ratios.reimport > TARGETS.directoryReimportRatio) {
    lines.push(
      `- **Re-import, nothing changes (${ratios.reimport.toFixed(1)}x COPY, target ${TARGETS.directoryReimportRatio}x).** ${r.reimport.seconds.toFixed(1)} s: ${phasesOf(r.reimport.phases)}. ` +
        'No row is decided and nothing but the staging is written: what is left is reading the file (the CSV parser and the field checks in Node, ' +
        'while PostgreSQL parses each staged batch, sent as one JSON document, and stores it), the duplicate check, and one comparison of the file with the ' +
        'directory in SQL. Likely levers: staging with `COPY FROM STDIN` (pg-copy-streams, not installed), which PostgreSQL parses far faster than JSON, ' +
        'and a faster CSV parser.',
    );
  }
  return lines;
};

/** The directory import's section of docs/benchmarks.md. */
export const renderDirectoryImportMarkdown = (r: DirectoryImportBenchResult): string => {
  const row = (label: string, run: ImportRun) =>
    `| ${label} | ${run.rows.toLocaleString('en-US')} | ${run.fileMb.toFixed(1)} MB | ${run.seconds.toFixed(1)} s | ${Math.round(run.rowsPerSecond).toLocaleString('en-US')} | ${run.peakRssMb.toFixed(1)} MB | ${run.rssOverBaselineMb.toFixed(1)} MB | ${run.peakHeapMb.toFixed(1)} MB | ${run.liveHeapMb.toFixed(1)} MB |`;
  const ratios = copyRatios(r);
  const copyCell = 'error' in r.copy ? 'not measured' : `${r.copy.seconds.toFixed(3)} s (COPY, median of ${r.copy.runs.length})`;
  const verdict = (ratio: number | undefined, target: number) => (ratio === undefined ? 'no (not measured)' : ratio <= target ? 'yes' : 'no');
  const ratioCell = (ratio: number | undefined) => (ratio === undefined ? ('error' in r.copy ? r.copy.error : '-') : `${ratio.toFixed(1)}x COPY`);
  const missed = ratios ? missedRatios(r, ratios) : [];
  const grew = (mb: number, base: number) => mb > base * 1.5 + 5;
  const memory =
    `Peak RSS over the process's start: ${r.small.rssOverBaselineMb.toFixed(1)} MB for the small file, ${r.rssOverBaselineMb.toFixed(1)} MB for the large one; ` +
    `heap in use after full collections: ${r.small.liveHeapMb.toFixed(1)} MB and ${r.liveHeapMb.toFixed(1)} MB` +
    (grew(r.liveHeapMb, r.small.liveHeapMb)
      ? ': what the import holds grew with the file.'
      : grew(r.rssOverBaselineMb, r.small.rssOverBaselineMb)
        ? ': what the import holds did not grow with the file; the peaks did, with the garbage V8 lets build up between collections in a longer run of the same allocation rate.'
        : ': neither grew with the file.');
  return [
    '',
    '### 6. Directory HRIS import (streamed CSV, import CLI as its own process)',
    '',
    `Measured ${r.measuredAt.toISOString().replace('T', ' ').slice(0, 19)} UTC; load average before / after (1, 5, 15 min): ${r.loadAverage.before} / ${r.loadAverage.after}.`,
    '',
    'A generated export (site tree, five-level reporting hierarchy) imported into a fresh database as the application role',
    'under row-level security. Memory must not grow with the file: compare the two runs\' RSS over the process baseline, and the',
    'heap in use just after full collections (what the import holds; the peaks add the garbage V8 lets build up between them).',
    'The raw baseline is the same large file loaded in the same run, on the same server, by PostgreSQL\'s own',
    '`COPY hris_raw FROM \'<file>\' WITH (FORMAT csv, HEADER)` into a plain table of the file\'s eleven text columns (no index,',
    'no check) as the superuser: a warm-up, three loads before the imports and two after; the time is the statement\'s round trip.',
    '',
    '| Measurement | Candidate | Raw baseline | Result | Target | Met |',
    '| --- | --- | --- | --- | --- | --- |',
    `| Import ${r.rows.toLocaleString('en-US')} rows into an empty directory | ${r.seconds.toFixed(2)} s | ${copyCell} | ${ratioCell(ratios?.import)} | <= ${TARGETS.directoryImportRatio}x | ${verdict(ratios?.import, TARGETS.directoryImportRatio)} |`,
    `| The same file again, nothing changes | ${r.reimport.seconds.toFixed(2)} s | ${copyCell} | ${ratioCell(ratios?.reimport)} | <= ${TARGETS.directoryReimportRatio}x | ${verdict(ratios?.reimport, TARGETS.directoryReimportRatio)} |`,
    `| Only writing what the import wrote, server-side (information) | ${r.writeSeconds.toFixed(2)} s | ${copyCell} | ${'error' in r.copy ? '-' : `${(r.writeSeconds / r.copy.seconds).toFixed(1)}x COPY`} | - | - |`,
    '',
    ...(missed.length > 0 ? ['Targets missed: what was measured, and the likely lever.', '', ...missed, ''] : []),
    '| File | Rows | Size | Time | Rows/s | Peak RSS | RSS over start | Peak heap | Live heap after full GC |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('small', r.small),
    row('large', r),
    `| large again (nothing changes) | ${r.rows.toLocaleString('en-US')} | | ${r.reimport.seconds.toFixed(1)} s | ${Math.round(r.reimport.rowsPerSecond).toLocaleString('en-US')} | changed ${r.reimport.changed} | | | |`,
    '',
    memory,
    '',
    `Phases: small ${phasesOf(r.small.phases) || '-'}; large ${phasesOf(r.phases) || '-'}; again ${phasesOf(r.reimport.phases) || '-'}. ` +
      `The large import wrote ${r.written.events.toLocaleString('en-US')} events and ${r.written.outbox.toLocaleString('en-US')} outbox messages; ` +
      `the tables it wrote hold ${r.written.mb.toFixed(1)} MB with their indexes${r.copyMb === undefined ? '' : `, the COPY's table ${r.copyMb.toFixed(1)} MB`}.`,
    '',
  ].join('\n');
};
