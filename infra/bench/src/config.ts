import type { BenchConfig } from './report';

/** A positive integer from the environment, or the default; anything else is an error, not silently ignored. */
export const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
};

export const readConfig = (env: NodeJS.ProcessEnv): BenchConfig => ({
  rounds: positiveInt(env, 'BENCH_ROUNDS', 3),
  appendEventsPerRound: positiveInt(env, 'BENCH_APPEND_EVENTS', 20_000),
  appendBatchSize: 100,
  relayMessagesPerRound: positiveInt(env, 'BENCH_RELAY_MESSAGES', 20_000),
  relayBatchSize: 500,
  topicPartitions: 6,
  commandTransactionsPerRound: positiveInt(env, 'BENCH_COMMAND_TRANSACTIONS', 2000),
  lagSeconds: positiveInt(env, 'BENCH_LAG_SECONDS', 60),
  lagRate: positiveInt(env, 'BENCH_LAG_RATE', 1000),
  rttSamplesPerRound: positiveInt(env, 'BENCH_RTT_SAMPLES', 200),
  gatewaySeconds: positiveInt(env, 'BENCH_GATEWAY_SECONDS', 8),
  gatewayClients: positiveInt(env, 'BENCH_GATEWAY_CLIENTS', 10),
  directoryRows: env.BENCH_DIRECTORY_ROWS === '0' ? 0 : positiveInt(env, 'BENCH_DIRECTORY_ROWS', 100_000),
  cyclePeople: env.BENCH_CYCLE_PEOPLE === '0' ? 0 : positiveInt(env, 'BENCH_CYCLE_PEOPLE', 100_000),
});

/** Targets the project aims for (reported, never enforced: nothing fails when one is missed). */
export const TARGETS = {
  appendRatio: 0.5,
  relayRatio: 0.8,
  lagP50Ms: 20,
  lagP99Ms: 100,
  gatewayCommandRatio: 0.25,
  gatewayReadRatio: 0.6,
  /** The HRIS import of the large file, and its unchanged re-import, at most this many times a raw COPY of it. */
  directoryImportRatio: 30,
  directoryReimportRatio: 10,
} as const;

/** Short, database- and topic-safe id for this run's databases and topics. */
export const runIdFor = (date: Date, random: number): string =>
  `${date.toISOString().slice(0, 19).replace(/\D/g, '')}_${Math.floor(random * 0xffff).toString(16).padStart(4, '0')}`;
