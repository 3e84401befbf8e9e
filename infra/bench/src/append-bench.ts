import { Client } from 'pg';
import { integrationHeaders } from '@growth/contracts';
import { newId, type EventEnvelope } from '@growth/es';
import { openServiceDataSource, PostgresEventStore, TENANT_SETTING, urlForRole } from '@growth/es-postgres';
import { BENCH_APP_ROLE, commandContext, eventBatch, freshStreamId, publishTo, skillAssessed, TENANT, toIntegrationEvent, type SkillAssessed } from './fixtures';
import { ensureBenchAppRole, log, type BenchEnvironment } from './environment';
import { pairThroughput, perSecond, type PairedThroughput } from './stats';

export interface AppendBenchOptions {
  readonly rounds: number;
  readonly eventsPerRound: number;
  readonly batchSize: number;
  /** Transactions per round of the command-shaped append (one event and its outbox row each). */
  readonly commandTransactions: number;
  readonly aborted: () => boolean;
}

interface Call {
  readonly streamId: string;
  readonly events: SkillAssessed[];
}

/** The calls of one round, built before timing so both sides only pay for ids, serialisation and the database. */
const buildCalls = (events: number, batchSize: number): Call[] =>
  Array.from({ length: Math.ceil(events / batchSize) }, (_, i) => ({ streamId: freshStreamId(), events: eventBatch(batchSize, i * batchSize) }));

const COLUMNS = 12;
/** `($1, ..., $12), ($13, ...)`: one multi-row VALUES list. */
const valuesList = (rows: number): string =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`).join(', ');

export interface AppendBenchResult {
  /** Candidate vs the specified baseline: multi-row INSERT ... VALUES. */
  readonly primary: PairedThroughput;
  /** Candidate vs a second raw baseline, INSERT ... SELECT FROM unnest(arrays): the statement shape the store itself uses. */
  readonly unnest: PairedThroughput;
  /** The shape of a real command, as the application role under row-level security: one event + its outbox row per transaction. */
  readonly command: PairedThroughput;
}

const COMMAND_TOPIC = 'bench.command.v1';

/**
 * The raw side of a command-shaped append, as the application role: BEGIN; the tenant setting row-level security
 * checks; one event row; its outbox row; COMMIT. The same ids, JSON and integration message the store would write.
 */
const rawCommand = async (client: Client, seed: number): Promise<void> => {
  const context = commandContext();
  const event = skillAssessed(seed);
  const envelope: EventEnvelope = {
    eventId: newId(),
    type: event.type,
    schemaVersion: 1,
    streamId: freshStreamId(),
    streamVersion: 0,
    tenantId: TENANT,
    occurredAt: context.now.toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId,
    actorId: context.actorId,
    data: event.data,
    metadata: {},
  };
  const integration = toIntegrationEvent(envelope);
  await client.query('BEGIN');
  try {
    await client.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, TENANT]);
    await client.query(
      `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata, occurred_at, correlation_id, causation_id, actor_id)
       VALUES ($1, $2, 0, $3, $4, 1, $5, '{}', $6, $7, $8, $9)`,
      [envelope.eventId, envelope.streamId, TENANT, envelope.type, JSON.stringify(envelope.data), envelope.occurredAt, context.correlationId, context.causationId, context.actorId],
    );
    await client.query(`INSERT INTO es_outbox (event_id, tenant_id, topic, message_key, headers, payload) VALUES ($1, $2, $3, $4, $5, $6)`, [
      envelope.eventId,
      TENANT,
      COMMAND_TOPIC,
      envelope.streamId,
      JSON.stringify(integrationHeaders(integration)),
      JSON.stringify(integration),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
};

type RawInsert = (client: Client, call: Call) => Promise<void>;

const valuesInsert = (batchSize: number): RawInsert => {
  const sql = `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata,
      occurred_at, correlation_id, causation_id, actor_id) VALUES ${valuesList(batchSize)}`;
  return async (client, call) => {
    const context = commandContext();
    const occurredAt = context.now.toISOString();
    const params: unknown[] = [];
    call.events.forEach((event, version) => {
      params.push(newId(), call.streamId, version, TENANT, event.type, event.schemaVersion ?? 1, JSON.stringify(event.data), '{}', occurredAt, context.correlationId, context.causationId, context.actorId);
    });
    await client.query(sql, params);
  };
};

const unnestInsert: RawInsert = async (client, call) => {
  const context = commandContext();
  await client.query(
    `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata,
       occurred_at, correlation_id, causation_id, actor_id)
     SELECT e.event_id, $2, e.stream_version, $3, e.type, e.schema_version, e.data, '{}'::jsonb, $4, $5, $6, $7
     FROM unnest($1::uuid[], $8::int[], $9::text[], $10::int[], $11::jsonb[]) AS e(event_id, stream_version, type, schema_version, data)`,
    [
      call.events.map(() => newId()),
      call.streamId,
      TENANT,
      context.now.toISOString(),
      context.correlationId,
      context.causationId,
      context.actorId,
      call.events.map((_, version) => version),
      call.events.map((e) => e.type),
      call.events.map((e) => e.schemaVersion ?? 1),
      call.events.map((e) => JSON.stringify(e.data)),
    ],
  );
};

/** A database migrated exactly like the candidate's (then left to plain pg), so es_events is identical column for column and index for index. */
const rawDatabase = async (env: BenchEnvironment, name: string): Promise<Client> => {
  const url = await env.createDatabase(name);
  await (await openServiceDataSource({ url, applicationName: 'bench-append-migrate' })).destroy();
  const client = new Client({ connectionString: url, application_name: name });
  client.on('error', (error) => log(`${name}: ${error.message}`)); // e.g. the server stopping under it
  await client.connect();
  return client;
};

const countEvents = async (client: Client): Promise<number> => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;

export const runAppendBench = async (env: BenchEnvironment, runId: string, options: AppendBenchOptions): Promise<AppendBenchResult> => {
  const { rounds, eventsPerRound, batchSize, commandTransactions } = options;
  const dataSource = await openServiceDataSource({ url: await env.createDatabase(`bench_append_${runId}`), applicationName: 'bench-append' });
  const store = new PostgresEventStore(dataSource);
  const valuesClient = await rawDatabase(env, `bench_append_raw_${runId}`);
  const unnestClient = await rawDatabase(env, `bench_append_unnest_${runId}`);
  // Command-shaped: both sides connect as the application role (no owner, no BYPASSRLS) to databases migrated alike.
  await ensureBenchAppRole(env.adminUrl);
  /** A database migrated by its owner, opened as the application role. */
  const appDatabase = async (name: string) => {
    const ownerUrl = await env.createDatabase(name);
    const url = urlForRole(ownerUrl, BENCH_APP_ROLE);
    return { url, dataSource: await openServiceDataSource({ url, migrationUrl: ownerUrl, applicationName: name, poolSize: 2 }) };
  };
  const commandSource = (await appDatabase(`bench_cmd_${runId}`)).dataSource;
  const commandStore = new PostgresEventStore(commandSource);
  const rawCommandDatabase = await appDatabase(`bench_cmd_raw_${runId}`);
  await rawCommandDatabase.dataSource.destroy(); // migrated and granted; the raw side is plain pg
  const rawCommandClient = new Client({ connectionString: rawCommandDatabase.url, application_name: 'bench-cmd-raw' });
  rawCommandClient.on('error', (error) => log(`bench-cmd-raw: ${error.message}`));
  await rawCommandClient.connect();
  const commandPublish = publishTo(COMMAND_TOPIC);

  /** What a command handler's unit of work does for one new event: a tenant transaction, the version check, the event, its outbox row. */
  const commandCandidateRound = async (transactions: number): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < transactions; i += 1) {
      await commandStore.appendToStream(freshStreamId(), [skillAssessed(i)], { expectedVersion: 'no_stream', context: commandContext(), publish: commandPublish });
    }
    return perSecond(transactions, performance.now() - started);
  };
  const commandRawRound = async (transactions: number): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < transactions; i += 1) await rawCommand(rawCommandClient, i);
    return perSecond(transactions, performance.now() - started);
  };

  const candidateRound = async (calls: readonly Call[]): Promise<number> => {
    const started = performance.now();
    for (const call of calls) {
      await store.appendToStream(call.streamId, call.events, { expectedVersion: 'no_stream', context: commandContext() });
    }
    return perSecond(calls.length * batchSize, performance.now() - started);
  };

  /** Plain pg, one client: BEGIN; one INSERT of the whole batch; COMMIT. */
  const rawRound = async (client: Client, insert: RawInsert, calls: readonly Call[]): Promise<number> => {
    const started = performance.now();
    for (const call of calls) {
      await client.query('BEGIN');
      try {
        await insert(client, call);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return perSecond(calls.length * batchSize, performance.now() - started);
  };
  const values = valuesInsert(batchSize);

  try {
    const warmUp = Math.max(batchSize * 10, Math.floor(eventsPerRound / 10));
    await candidateRound(buildCalls(warmUp, batchSize));
    await rawRound(valuesClient, values, buildCalls(warmUp, batchSize));
    await rawRound(unnestClient, unnestInsert, buildCalls(warmUp, batchSize));
    const commandWarmUp = Math.max(100, Math.floor(commandTransactions / 10));
    await commandCandidateRound(commandWarmUp);
    await commandRawRound(commandWarmUp);
    const candidate: number[] = [];
    const baseline: number[] = [];
    const unnest: number[] = [];
    const commandCandidate: number[] = [];
    const commandRaw: number[] = [];
    for (let round = 0; round < rounds && !options.aborted(); round += 1) {
      candidate.push(await candidateRound(buildCalls(eventsPerRound, batchSize)));
      baseline.push(await rawRound(valuesClient, values, buildCalls(eventsPerRound, batchSize)));
      unnest.push(await rawRound(unnestClient, unnestInsert, buildCalls(eventsPerRound, batchSize)));
      commandCandidate.push(await commandCandidateRound(commandTransactions));
      commandRaw.push(await commandRawRound(commandTransactions));
      log(
        `append round ${round + 1}/${rounds}: candidate ${Math.round(candidate[round])} events/s, ` +
          `raw VALUES ${Math.round(baseline[round])} events/s, raw unnest ${Math.round(unnest[round])} events/s; ` +
          `command-shaped: store ${Math.round(commandCandidate[round])} tx/s, raw ${Math.round(commandRaw[round])} tx/s`,
      );
    }
    const [{ n: stored }] = await dataSource.query('SELECT count(*)::int AS n FROM es_events');
    const counts = [stored, await countEvents(valuesClient), await countEvents(unnestClient)];
    if (new Set(counts).size !== 1) throw new Error(`append bench wrote different event counts: ${counts.join(', ')}`);
    // As the application role, only the tenant's rows are visible: count inside its tenant transaction.
    const [{ n: commandRows }] = await commandSource.transaction(async (m) => {
      await m.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, TENANT]);
      return m.query('SELECT count(*)::int AS n FROM es_outbox');
    });
    await rawCommandClient.query('BEGIN');
    await rawCommandClient.query('SELECT set_config($1, $2, true)', [TENANT_SETTING, TENANT]);
    const rawCommandRows = (await rawCommandClient.query<{ n: number }>('SELECT count(*)::int AS n FROM es_outbox')).rows[0].n;
    await rawCommandClient.query('COMMIT');
    if (commandRows !== rawCommandRows) throw new Error(`command-shaped append wrote ${commandRows} and ${rawCommandRows} outbox rows`);
    return { primary: pairThroughput(candidate, baseline), unnest: pairThroughput(candidate, unnest), command: pairThroughput(commandCandidate, commandRaw) };
  } finally {
    await Promise.allSettled([valuesClient.end(), unnestClient.end(), rawCommandClient.end()]);
    await Promise.allSettled([dataSource.destroy(), commandSource.destroy()]);
  }
};
