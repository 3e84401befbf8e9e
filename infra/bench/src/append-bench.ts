import { Client } from 'pg';
import { newId } from '@growth/es';
import { openServiceDataSource, PostgresEventStore } from '@growth/es-postgres';
import { commandContext, eventBatch, freshStreamId, TENANT, type SkillAssessed } from './fixtures';
import { log, type BenchEnvironment } from './environment';
import { pairThroughput, perSecond, type PairedThroughput } from './stats';

export interface AppendBenchOptions {
  readonly rounds: number;
  readonly eventsPerRound: number;
  readonly batchSize: number;
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
}

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
  const { rounds, eventsPerRound, batchSize } = options;
  const dataSource = await openServiceDataSource({ url: await env.createDatabase(`bench_append_${runId}`), applicationName: 'bench-append' });
  const store = new PostgresEventStore(dataSource);
  const valuesClient = await rawDatabase(env, `bench_append_raw_${runId}`);
  const unnestClient = await rawDatabase(env, `bench_append_unnest_${runId}`);

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
    const candidate: number[] = [];
    const baseline: number[] = [];
    const unnest: number[] = [];
    for (let round = 0; round < rounds && !options.aborted(); round += 1) {
      candidate.push(await candidateRound(buildCalls(eventsPerRound, batchSize)));
      baseline.push(await rawRound(valuesClient, values, buildCalls(eventsPerRound, batchSize)));
      unnest.push(await rawRound(unnestClient, unnestInsert, buildCalls(eventsPerRound, batchSize)));
      log(
        `append round ${round + 1}/${rounds}: candidate ${Math.round(candidate[round])} events/s, ` +
          `raw VALUES ${Math.round(baseline[round])} events/s, raw unnest ${Math.round(unnest[round])} events/s`,
      );
    }
    const [{ n: stored }] = await dataSource.query('SELECT count(*)::int AS n FROM es_events');
    const counts = [stored, await countEvents(valuesClient), await countEvents(unnestClient)];
    if (new Set(counts).size !== 1) throw new Error(`append bench wrote different event counts: ${counts.join(', ')}`);
    return { primary: pairThroughput(candidate, baseline), unnest: pairThroughput(candidate, unnest) };
  } finally {
    await Promise.allSettled([valuesClient.end(), unnestClient.end()]);
    await dataSource.destroy();
  }
};
