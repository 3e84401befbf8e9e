import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureApplicationRole, urlForRole } from '@growth/es-postgres';
import { startPostgres } from '@growth/infra-postgres';
import { BENCH_APP_ROLE } from './fixtures';

/**
 * The directory's HRIS import at district scale: a generated export (a site tree; supervisors forming a valid
 * five-level hierarchy, referenced before and after their own row) imported by the import CLI itself, as its own
 * process, into a fresh database, as the application role under row-level security. Run once at 10,000 rows and
 * once at `rows` (100,000 by default): if memory grew with the file, peak RSS over the process's baseline would
 * grow ten-fold between the two. Then the large file again, which must change nothing (a nightly feed).
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
  readonly created: number;
  readonly rejected: number;
}

export interface DirectoryImportBenchResult extends ImportRun {
  readonly small: ImportRun;
  /** The large file imported a second time: nothing to change, everything compared. */
  readonly reimport: { readonly seconds: number; readonly rowsPerSecond: number; readonly changed: number; readonly unchanged: number };
}

const CLI = path.resolve(__dirname, '../../../services/directory/dist/import-cli.js'); // from infra/bench/{src,dist}
const TENANT = 'bench-district';

export const benchDirectoryImport = async ({ adminDatabaseUrl, rows = 100_000, smallRows = 10_000 }: DirectoryImportBenchOptions): Promise<DirectoryImportBenchResult> => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the directory first (npx nx run directory:build)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'directory-import-bench-'));
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
    const small = await run(smallFile, `bench_directory_${smallRows}`);
    const large = await run(largeFile, `bench_directory_${rows}`);
    const again = await runCli(largeFile, { DATABASE_URL: urlForRole(databaseUrl(adminDatabaseUrl, `bench_directory_${rows}`), role) });
    return {
      ...large.run,
      small: small.run,
      reimport: { seconds: again.run.seconds, rowsPerSecond: again.run.rowsPerSecond, changed: again.changed, unchanged: again.unchanged },
    };
  } finally {
    await dropDatabases(adminDatabaseUrl, databases);
    rmSync(dir, { recursive: true, force: true });
  }
};

// ---- the import process ----

interface CliOutput {
  report: { rowsRead: number; created: number; changed: number; unchanged: number; rejected: number; errors: unknown[] };
  stats: { seconds: number; rowsPerSecond: number; peakRssMb: number; peakHeapMb: number; baselineRssMb: number };
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
            created: report.created,
            rejected: report.rejected,
          },
          changed: report.changed,
          unchanged: report.unchanged,
        });
      },
    );
  });

// ---- databases ----

const databaseUrl = (adminUrl: string, database: string): string => {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

const withAdmin = async <T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const createDatabase = async (adminUrl: string, database: string): Promise<string> => {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
  return databaseUrl(adminUrl, database);
};

const dropDatabases = (adminUrl: string, databases: readonly string[]): Promise<void> =>
  withAdmin(adminUrl, async (client) => {
    for (const database of databases) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  });

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
  await write('staff_number,first_name,last_name,work_email,job_classification,site_code,site_name,parent_site_code,supervisor_staff_number,employment_status,start_date\n');
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

/** The directory import's section of docs/benchmarks.md. */
export const renderDirectoryImportMarkdown = (r: DirectoryImportBenchResult): string => {
  const row = (label: string, run: ImportRun) =>
    `| ${label} | ${run.rows.toLocaleString('en-US')} | ${run.fileMb.toFixed(1)} MB | ${run.seconds.toFixed(1)} s | ${Math.round(run.rowsPerSecond).toLocaleString('en-US')} | ${run.peakRssMb.toFixed(1)} MB | ${run.rssOverBaselineMb.toFixed(1)} MB | ${run.peakHeapMb.toFixed(1)} MB |`;
  return [
    '',
    '### 6. Directory HRIS import (streamed CSV, import CLI as its own process)',
    '',
    'A generated export (site tree, five-level reporting hierarchy) imported into a fresh database as the application role',
    'under row-level security. Memory must not grow with the file: compare the two runs\' RSS over the process baseline.',
    '',
    '| File | Rows | Size | Time | Rows/s | Peak RSS | RSS over start | Peak heap |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('small', r.small),
    row('large', r),
    `| large again (nothing changes) | ${r.rows.toLocaleString('en-US')} | | ${r.reimport.seconds.toFixed(1)} s | ${Math.round(r.reimport.rowsPerSecond).toLocaleString('en-US')} | changed ${r.reimport.changed} | | |`,
    '',
  ].join('\n');
};
