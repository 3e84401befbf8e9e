import { randomUUID } from 'node:crypto';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from 'pg';
import { newId, streamId } from '@growth/es';
import { openServiceDataSource, TENANT_SETTING, urlForRole } from '@growth/es-postgres';
import { signIdentity } from '@growth/service-kit';
import { BENCH_APP_ROLE, TENANT } from './fixtures';
import { ensureBenchAppRole, log, type BenchEnvironment } from './environment';
import { PLATFORM_MODULE, type PlatformWorkerConfig, type PlatformWorkerMessage } from './platform-protocol';
import { median, pairThroughput, perSecond, summarize, type LatencySummary, type PairedThroughput } from './stats';

/**
 * One command and one read through the real platform (infra/embedded's startPlatform: every service and the
 * gateway in one process, rate limit off) at `clients` concurrent closed-loop clients, each against a raw baseline
 * at the same concurrency: the command against raw single-row event + outbox transactions as the application role
 * under row-level security; the read against the same GraphQL request sent straight to its subgraph with the
 * gateway's signed identity headers. Candidate and baseline rounds alternate.
 */

export interface GatewayBenchOptions {
  readonly rounds: number;
  /** Length of each timed round, per side. */
  readonly seconds: number;
  readonly clients: number;
  readonly aborted: () => boolean;
}

export interface ClosedLoopSide extends PairedThroughput {
  /** Per-request latency of each side over its timed rounds. */
  readonly candidateLatencyMs: LatencySummary;
  readonly baselineLatencyMs: LatencySummary;
  /** Requests or transactions that failed (not counted as throughput). */
  readonly failures: number;
  readonly firstFailure?: string;
  /** The platform process's CPU per completed candidate request (median of rounds). */
  readonly platformCpuMsPerRequest: number;
  /** The same for the baseline's requests (the read sent straight to the subgraph also runs in the platform process). */
  readonly baselinePlatformCpuMsPerRequest: number;
  /** Transactions committed in the platform's databases per completed candidate request (median of rounds). */
  readonly platformTransactionsPerRequest: number;
  /** Statements the platform sent to PostgreSQL per completed candidate request (median of rounds). */
  readonly platformStatementsPerRequest: number;
}

export interface GatewayBenchResult {
  readonly transport: string;
  readonly clients: number;
  readonly command: ClosedLoopSide;
  readonly read: ClosedLoopSide;
}

// ---- the load: closed-loop clients ----

interface LoopResult {
  readonly completed: number;
  readonly failed: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
  readonly latenciesMs: number[];
}

/** A round plus what it cost the platform: its process's CPU, the statements it sent and its databases' commits. */
interface MeasuredRound extends LoopResult {
  readonly platformCpuMs: number;
  readonly platformStatements: number;
  readonly platformCommits: number;
}

/** `clients` loops, each issuing `operation` back to back until `durationMs` has passed; a throughput round. */
export const closedLoop = async (clients: number, durationMs: number, operation: (client: number) => Promise<void>): Promise<LoopResult> => {
  const started = performance.now();
  const deadline = started + durationMs;
  const latenciesMs: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await operation(client);
          latenciesMs.push(performance.now() - t);
        } catch (error) {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return { completed: latenciesMs.length, failed, firstError, elapsedMs: performance.now() - started, latenciesMs };
};

/** POSTs a GraphQL request over a keep-alive connection; resolves with `data`, rejects on a non-200 status or any GraphQL error. */
const graphql = <T>(agent: http.Agent, url: string, headers: Record<string, string>, body: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          const parsed = JSON.parse(text) as { data?: T; errors?: Array<{ message: string }> };
          if (response.statusCode !== 200 || parsed.errors?.length || parsed.data === undefined) {
            reject(new Error(`HTTP ${response.statusCode}: ${parsed.errors?.map((e) => e.message).join('; ') ?? text.slice(0, 200)}`));
          } else resolve(parsed.data);
        } catch {
          reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`));
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });

// ---- the platform, in its own process ----

type Ready = Extract<PlatformWorkerMessage, { type: 'ready' }>;

interface PlatformCost {
  readonly cpuMs: number;
  readonly statements: number;
}

class PlatformProcess {
  private costWanted?: (cost: PlatformCost) => void;
  private constructor(
    private readonly child: ChildProcess,
    readonly ready: Ready,
  ) {
    child.on('message', (message: PlatformWorkerMessage) => {
      if (message.type === 'cost') this.costWanted?.({ cpuMs: message.cpuMicros / 1000, statements: message.statements });
    });
  }

  /** CPU time the platform process has used so far (user + system), and the statements it has sent to PostgreSQL. */
  cost(): Promise<PlatformCost> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the platform process did not report its costs')), 10_000);
      this.costWanted = (cost) => {
        clearTimeout(timer);
        this.costWanted = undefined;
        resolve(cost);
      };
      this.child.send({ type: 'cost' });
    });
  }

  static start(config: PlatformWorkerConfig): Promise<PlatformProcess> {
    const child = fork(path.join(__dirname, 'platform-worker.js'), [], {
      env: { ...process.env, BENCH_PLATFORM_WORKER: JSON.stringify(config) },
      // Its JSON logs go to stderr with the bench's own, so stdout stays the report.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    child.stdout?.pipe(process.stderr);
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`platform process exited (${code}) before it was ready`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.once('message', (message: PlatformWorkerMessage) => {
        child.off('exit', onExit);
        if (message.type === 'ready') resolve(new PlatformProcess(child, message));
        else reject(new Error(`platform process failed: ${message.type === 'failed' ? message.error : message.type}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 25_000);
    if (this.child.connected) this.child.send({ type: 'stop' });
    else this.child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  }
}

// ---- the raw command: one event row + its outbox row per transaction, as the application role ----

interface CommandTemplate {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly topic: string;
  readonly headers: Record<string, string>;
  readonly payload: Record<string, unknown>;
}

/** The newest framework event and its outbox message, as the platform wrote them: the raw side writes rows of the same shape and size. */
const commandTemplate = async (frameworksUrl: string): Promise<CommandTemplate> => {
  const client = new Client({ connectionString: frameworksUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ type: string; data: Record<string, unknown>; topic: string; headers: Record<string, string>; payload: Record<string, unknown> }>(
      `SELECT e.type, e.data, o.topic, o.headers, o.payload FROM es_events e JOIN es_outbox o USING (event_id) ORDER BY e.global_position DESC LIMIT 1`,
    );
    if (rows.length === 0) throw new Error('the platform wrote no framework event with an outbox message');
    return rows[0];
  } finally {
    await client.end();
  }
};

const rawCommand = async (client: Client, template: CommandTemplate): Promise<void> => {
  const eventId = newId();
  const aggregateId = newId();
  const stream = streamId('framework', TENANT, aggregateId);
  const now = new Date().toISOString();
  const correlationId = randomUUID();
  const data = { ...template.data, frameworkId: aggregateId };
  const payload = { ...template.payload, eventId, streamId: stream, tenantId: TENANT, occurredAt: now, correlationId, causationId: correlationId, data };
  const headers = { ...template.headers, 'event-id': eventId };
  await client.query('BEGIN');
  try {
    await client.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, TENANT]);
    await client.query(
      `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata, occurred_at, correlation_id, causation_id, actor_id)
       VALUES ($1, $2, 0, $3, $4, 1, $5, '{}', $6, $7, $7, 'bench-hr')`,
      [eventId, stream, TENANT, template.type, JSON.stringify(data), now, correlationId],
    );
    await client.query(`INSERT INTO es_outbox (event_id, tenant_id, topic, message_key, headers, payload) VALUES ($1, $2, $3, $4, $5, $6)`, [
      eventId,
      TENANT,
      template.topic,
      stream,
      JSON.stringify(headers),
      JSON.stringify(payload),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
};

// ---- the benchmark ----

const CREATE = 'mutation Create($name: String!) { createFrameworkDraft(input: { name: $name }) { frameworkId version } }';
const READ = 'query Read($id: ID!) { framework(id: $id) { id name status version } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const runGatewayBench = async (env: BenchEnvironment, runId: string, options: GatewayBenchOptions): Promise<GatewayBenchResult> => {
  const { rounds, seconds, clients, aborted } = options;
  if (!existsSync(PLATFORM_MODULE)) throw new Error(`${PLATFORM_MODULE} is missing: build the platform first (npx nx run embedded:build)`);
  const prefix = `bench_gw_${runId}`;
  // On an external broker the services' fixed topic and group names would meet other runs': use the in-process transport there.
  const kafkaBrokers = env.kafkaSource === 'embedded' ? env.brokers : undefined;
  env.trackDatabase(...['frameworks', 'reviews', 'goals', 'notifications', 'directory', 'bus'].map((s) => `${prefix}_${s}`));
  log(`gateway: starting the platform (${kafkaBrokers ? 'Kafka' : 'in-process transport'})`);
  const platform = await PlatformProcess.start({ adminDatabaseUrl: env.adminUrl, kafkaBrokers, databasePrefix: prefix });
  const { gatewayUrl, token, gatewaySecret, subgraphs } = platform.ready;
  const frameworksSubgraph = subgraphs.find((s) => s.name === 'frameworks')?.url;
  if (!frameworksSubgraph) throw new Error(`no frameworks subgraph among ${subgraphs.map((s) => s.name).join(', ')}`);
  const frameworksDatabase = new URL(env.adminUrl);
  frameworksDatabase.pathname = `/${prefix}_frameworks`;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const rawClients: Client[] = [];
  const admin = new Client({ connectionString: frameworksDatabase.toString(), application_name: 'bench-gateway-admin' });
  try {
    await admin.connect();
    // The raw side: the application role on a database migrated like a service's (event store, outbox, row-level security).
    await ensureBenchAppRole(env.adminUrl);
    const rawOwnerUrl = await env.createDatabase(`bench_gw_raw_${runId}`);
    const rawUrl = urlForRole(rawOwnerUrl, BENCH_APP_ROLE);
    await (await openServiceDataSource({ url: rawUrl, migrationUrl: rawOwnerUrl, applicationName: 'bench-gateway-raw-migrate', poolSize: 1 })).destroy();
    for (let i = 0; i < clients; i += 1) {
      const client = new Client({ connectionString: rawUrl, application_name: 'bench-gateway-raw' });
      client.on('error', (error) => log(`bench-gateway-raw: ${error.message}`));
      await client.connect();
      rawClients.push(client);
    }

    const bearer = { authorization: `Bearer ${token}` };
    const frameworkIds: string[] = [];
    let created = 0;
    const viaGateway = async () => {
      created += 1;
      const data = await graphql<{ createFrameworkDraft: { frameworkId: string } }>(agent, gatewayUrl, bearer, JSON.stringify({ query: CREATE, variables: { name: `Bench framework ${created}` } }));
      if (frameworkIds.length < 1000) frameworkIds.push(data.createFrameworkDraft.frameworkId);
    };
    /** The platform's relay and the reviews projection finish the candidate's work before the baseline's round starts. */
    const settle = async () => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM es_outbox WHERE published_at IS NULL');
        if (rows[0].n === 0) break;
        await sleep(100);
      }
      // Idle backends flush their statistics within a second: then pg_stat_database has the round's commits.
      await sleep(1100);
    };
    const platformCommits = async (): Promise<number> =>
      Number((await admin.query<{ n: string }>(`SELECT coalesce(sum(xact_commit), 0)::text AS n FROM pg_stat_database WHERE starts_with(datname, $1)`, [`${prefix}_`])).rows[0].n);
    /** A round with what it cost the platform, its background work (relay, projections) until settled included. */
    const measured = async (ms: number, operation: (client: number) => Promise<void>, settles: boolean): Promise<MeasuredRound> => {
      const [cost0, commits0] = [await platform.cost(), await platformCommits()];
      const result = await closedLoop(clients, ms, operation);
      if (settles) await settle();
      const [cost1, commits1] = [await platform.cost(), await platformCommits()];
      return { ...result, platformCpuMs: cost1.cpuMs - cost0.cpuMs, platformStatements: cost1.statements - cost0.statements, platformCommits: commits1 - commits0 };
    };
    const rawCommandOn = (client: number) => rawCommand(rawClients[client], template);

    // Warm-up (not counted): JIT, connection pools, the gateway's plan cache, and the row template for the raw side.
    const warmUpMs = Math.min(3000, seconds * 1000);
    await measured(warmUpMs, viaGateway, true);
    const template = await commandTemplate(frameworksDatabase.toString());
    await measured(warmUpMs, rawCommandOn, false);

    const command = { candidate: [] as MeasuredRound[], baseline: [] as MeasuredRound[] };
    for (let round = 0; round < rounds && !aborted(); round += 1) {
      command.candidate.push(await measured(seconds * 1000, viaGateway, true));
      command.baseline.push(await measured(seconds * 1000, rawCommandOn, false));
      const [c, b] = [command.candidate[round], command.baseline[round]];
      log(`gateway command round ${round + 1}/${rounds}: via gateway ${Math.round(perSecond(c.completed, c.elapsedMs))}/s, raw transactions ${Math.round(perSecond(b.completed, b.elapsedMs))}/s`);
    }

    // The read: one framework by id, through the gateway (bearer token) or straight to the frameworks subgraph (signed identity).
    if (frameworkIds.length === 0) throw new Error('no framework was created to read');
    let reads = 0;
    const readBody = () => JSON.stringify({ query: READ, variables: { id: frameworkIds[(reads += 1) % frameworkIds.length] } });
    const checkRead = (data: { framework: { id: string } | null }) => {
      if (!data.framework) throw new Error('framework not found');
    };
    const readViaGateway = async () => checkRead(await graphql(agent, gatewayUrl, bearer, readBody()));
    const readDirect = async () =>
      checkRead(await graphql(agent, frameworksSubgraph, signIdentity({ tenantId: TENANT, actorId: 'bench-hr', roles: ['hr'], requestId: randomUUID() }, gatewaySecret), readBody()));
    await measured(warmUpMs, readViaGateway, false);
    await measured(warmUpMs, readDirect, false);
    const read = { candidate: [] as MeasuredRound[], baseline: [] as MeasuredRound[] };
    for (let round = 0; round < rounds && !aborted(); round += 1) {
      read.candidate.push(await measured(seconds * 1000, readViaGateway, false));
      read.baseline.push(await measured(seconds * 1000, readDirect, false));
      const [c, b] = [read.candidate[round], read.baseline[round]];
      log(`gateway read round ${round + 1}/${rounds}: via gateway ${Math.round(perSecond(c.completed, c.elapsedMs))}/s, direct to the subgraph ${Math.round(perSecond(b.completed, b.elapsedMs))}/s`);
    }

    const perRequest = (rounds: MeasuredRound[], pick: (r: MeasuredRound) => number) => median(rounds.map((r) => pick(r) / Math.max(1, r.completed)));
    const side = (s: { candidate: MeasuredRound[]; baseline: MeasuredRound[] }): ClosedLoopSide => {
      const all = [...s.candidate, ...s.baseline];
      return {
        ...pairThroughput(
          s.candidate.map((r) => perSecond(r.completed, r.elapsedMs)),
          s.baseline.map((r) => perSecond(r.completed, r.elapsedMs)),
        ),
        candidateLatencyMs: summarize(s.candidate.flatMap((r) => r.latenciesMs)),
        baselineLatencyMs: summarize(s.baseline.flatMap((r) => r.latenciesMs)),
        failures: all.reduce((n, r) => n + r.failed, 0),
        firstFailure: all.find((r) => r.firstError)?.firstError,
        platformCpuMsPerRequest: perRequest(s.candidate, (r) => r.platformCpuMs),
        baselinePlatformCpuMsPerRequest: perRequest(s.baseline, (r) => r.platformCpuMs),
        platformTransactionsPerRequest: perRequest(s.candidate, (r) => r.platformCommits),
        platformStatementsPerRequest: perRequest(s.candidate, (r) => r.platformStatements),
      };
    };
    const result = { transport: kafkaBrokers ? 'Kafka' : 'in-process', clients, command: side(command), read: side(read) };
    if (result.command.failures + result.read.failures > 0) log(`gateway: ${result.command.failures + result.read.failures} requests failed (${result.command.firstFailure ?? result.read.firstFailure})`);
    return result;
  } finally {
    await Promise.allSettled(rawClients.map((c) => c.end()));
    await admin.end().catch(() => undefined);
    await platform.stop();
    agent.destroy();
  }
};
