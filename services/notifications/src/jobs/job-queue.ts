import { Client } from 'pg';
import { Logger, run, runMigrations, type Runner, type TaskList } from 'graphile-worker';
import type { EntityManager } from 'typeorm';

/*
 * Durable jobs on the service's own PostgreSQL (graphile-worker). Jobs are added with SQL inside the transaction that
 * decided them (a consumed event, a command), so an event is never consumed without its job or the other way round.
 * Delivery is at least once: every task makes its sends idempotent with a unique row written before sending.
 */

export interface JobSpec {
  readonly task: string;
  /** Every payload names its tenant: tasks run outside any request and open a tenant transaction from it. */
  readonly payload: { readonly tenantId: string } & Record<string, unknown>;
  /** When to run; now when left out, by Node's clock like the runner's (see `startJobRunner`). */
  readonly runAt?: Date;
  /** Adding a job with the key of a waiting one replaces it: how a reminder moves with its deadline. */
  readonly jobKey?: string;
  readonly maxAttempts?: number;
}

/** Queues a job in the caller's transaction. */
export const addJob = async (manager: EntityManager, job: JobSpec): Promise<void> => {
  await manager.query(`SELECT graphile_worker.add_job($1, $2::json, run_at => $3, job_key => $4, max_attempts => $5)`, [
    job.task,
    JSON.stringify(job.payload),
    (job.runAt ?? new Date()).toISOString(),
    job.jobKey ?? null,
    job.maxAttempts ?? 25,
  ]);
};

/** Queues many jobs in one statement (`add_jobs`), in the caller's transaction. */
export const addJobs = async (manager: EntityManager, jobs: readonly JobSpec[]): Promise<void> => {
  if (!jobs.length) return;
  await manager.query(
    `SELECT graphile_worker.add_jobs(ARRAY(
       SELECT ROW(j.task, j.payload, NULL, j.run_at, j.max_attempts, j.job_key, NULL, NULL)::graphile_worker.job_spec
       FROM jsonb_to_recordset($1::jsonb) AS j(task text, payload json, run_at timestamptz, max_attempts smallint, job_key text)))`,
    [JSON.stringify(jobs.map((j) => ({ task: j.task, payload: j.payload, run_at: (j.runAt ?? new Date()).toISOString(), max_attempts: j.maxAttempts ?? 25, job_key: j.jobKey ?? null })))],
  );
};

/** Cancels waiting jobs by key (a reminder whose step is done); a key with no job is fine. */
export const removeJobs = async (manager: EntityManager, jobKeys: readonly string[]): Promise<void> => {
  if (!jobKeys.length) return;
  await manager.query(`SELECT graphile_worker.remove_job(k) FROM unnest($1::text[]) AS k`, [jobKeys]);
};

const quietLogger = new Logger(() => () => undefined);

/**
 * Creates or upgrades graphile-worker's schema as the database owner and lets the application role use it. The
 * role must not own it: like every other table, the queue is changed only by migrations.
 */
export const migrateJobQueue = async (ownerUrl: string, applicationRole: string | null): Promise<void> => {
  await runMigrations({ connectionString: ownerUrl, logger: quietLogger });
  if (!applicationRole) return;
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = (await client.query('SELECT quote_ident($1) AS r', [applicationRole])).rows[0].r as string;
    await client.query(`GRANT USAGE ON SCHEMA graphile_worker TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${role}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${role}`);
    // graphile-worker enables row-level security on its private tables (only their owner may use them by default):
    // the queue holds every tenant's jobs, so the application role gets the whole of it, as the owner has.
    const { rows } = await client.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
         AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'graphile_worker' AND p.tablename = c.relname AND p.policyname = 'application_role')`,
    );
    for (const { relname } of rows as Array<{ relname: string }>) {
      const table = (await client.query('SELECT quote_ident($1) AS t', [relname])).rows[0].t as string;
      await client.query(`CREATE POLICY application_role ON graphile_worker.${table} TO ${role} USING (true) WITH CHECK (true)`);
    }
  } finally {
    await client.end();
  }
};

export interface JobRunnerOptions {
  readonly connectionString: string;
  readonly tasks: TaskList;
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly logger: Logger;
}

/**
 * Runs the tasks. Node's clock, not the database's, decides when a job is due, so a test can move time with a
 * controllable clock; in production the two agree.
 */
export const startJobRunner = (options: JobRunnerOptions): Promise<Runner> =>
  run({
    connectionString: options.connectionString,
    taskList: options.tasks,
    concurrency: options.concurrency,
    pollInterval: options.pollIntervalMs,
    noHandleSignals: true,
    useNodeTime: true,
    logger: options.logger,
  });

/** graphile-worker's log lines through the service's logger. */
export const workerLogger = (log: (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void): Logger =>
  new Logger((scope) => (level, message, meta) => {
    // Its info lines (a worker starting, a job done) are routine here: debug.
    const mapped = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log(mapped, message, { ...scope, ...(meta ?? {}) } as Record<string, unknown>);
  });
