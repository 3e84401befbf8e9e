import { createReadStream } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { newId } from '@growth/es';
import { openServiceDataSource } from '@growth/es-postgres';
import { importPeople, IMPORT_MODES, type ImportMode, type ImportPhase, type ImportReport } from './import/import-people';
import { directoryEventStore } from './directory.projections';
import { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';

const USAGE = `Usage: node services/directory/dist/import-cli.js --tenant <tenant id> --file <people.csv> --mode <${IMPORT_MODES.join('|')}> [--actor <id>] [--batch-size <n>]
Environment: DATABASE_URL (the directory database, as the application role); DATABASE_MIGRATION_URL (its owner, to migrate; optional).
Prints the import report as JSON. Exit code 0: every row fine; 2: some rows rejected (or nothing applied); 1: failure.
SIGINT or SIGTERM stops the import at the next row or batch and removes what it staged (a second one kills it at once);
batches already applied stay applied: run the same file again to finish. Rows left by a killed import are removed by
the next import of the tenant.`;

export interface CliOutput {
  readonly report: ImportReport;
  /** How the run went: for operators, and for the benchmark that runs this very entry point. */
  readonly stats: {
    readonly seconds: number;
    readonly rowsPerSecond: number;
    readonly peakRssMb: number;
    readonly peakHeapMb: number;
    /** The most heap in use found just after a full garbage collection (0: none ran). */
    readonly liveHeapMb: number;
    readonly baselineRssMb: number;
    /** Seconds of each phase that ran. */
    readonly phases: Partial<Record<ImportPhase, number>>;
  };
}

/**
 * The HRIS import from a file of any size, the same code path as the importPeople mutation: the file is streamed,
 * never read whole. Memory is sampled while it runs so growth with file size would show.
 */
export const runImportCli = async (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  write: (text: string) => void = (t) => void process.stdout.write(t),
  signal?: AbortSignal,
): Promise<number> => {
  let args: { tenant?: string; file?: string; mode?: string; actor?: string; 'batch-size'?: string };
  try {
    args = parseArgs({
      args: [...argv],
      options: { tenant: { type: 'string' }, file: { type: 'string' }, mode: { type: 'string' }, actor: { type: 'string' }, 'batch-size': { type: 'string' } },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const { tenant, file, mode } = args;
  const batchSize = args['batch-size'] === undefined ? undefined : Number(args['batch-size']);
  if (!tenant || tenant.includes(':') || !file || !IMPORT_MODES.includes(mode as ImportMode) || !env.DATABASE_URL || !(batchSize === undefined || batchSize >= 1)) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }

  const baselineRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
  // The heap in use just after each full collection: what the import holds on to, rather than garbage not yet collected.
  let liveHeap = 0;
  const collections = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) {
      liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
    }
  });
  collections.observe({ entryTypes: ['gc'] });
  const dataSource = await openServiceDataSource({ url: env.DATABASE_URL, migrationUrl: env.DATABASE_MIGRATION_URL, migrations: DIRECTORY_MIGRATIONS, poolSize: 3, applicationName: 'directory-import' });
  try {
    const started = process.hrtime.bigint();
    const phases: Partial<Record<ImportPhase, number>> = {};
    const report = await importPeople({
      dataSource,
      store: directoryEventStore(dataSource),
      context: { tenantId: tenant, actorId: args.actor ?? 'hris-import', correlationId: newId(), causationId: newId(), now: new Date() },
      mode: mode as ImportMode,
      source: createReadStream(file),
      batchSize,
      signal,
      onPhase: (phase, seconds) => {
        phases[phase] = Math.round(seconds * 100) / 100;
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    const output: CliOutput = {
      report,
      stats: {
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(report.rowsRead / seconds),
        peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
        peakHeapMb: mb(peakHeap),
        liveHeapMb: mb(liveHeap),
        baselineRssMb: mb(baselineRss),
        phases,
      },
    };
    write(`${JSON.stringify(output, null, 2)}\n`);
    return report.applied && report.rejected === 0 ? 0 : 2;
  } finally {
    clearInterval(sampler);
    collections.disconnect();
    await dataSource.destroy();
  }
};

if (require.main === module) {
  // The first SIGINT/SIGTERM asks the import to stop and clean up; with the listener gone, a second one kills.
  const interruption = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => interruption.abort(new Error(`interrupted by ${name}; what it staged was removed, batches already applied stay applied (run the file again to finish)`)));
  }
  runImportCli(process.argv.slice(2), process.env, undefined, interruption.signal).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(interruption.signal.aborted ? `import ${(error as Error).message}\n` : `import failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
