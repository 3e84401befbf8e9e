import { Kafka, type Message, type Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@growth/contracts';
import { openServiceDataSource, PostgresEventStore } from '@growth/es-postgres';
import { KafkaTransport, OutboxRelay, type MessageTransport } from '@growth/messaging';
import { commandContext, eventBatch, freshStreamId, publishTo } from './fixtures';
import { ensureTopicsReliably, log, rawKafkaConfig, type BenchEnvironment } from './environment';
import { median, pairThroughput, perSecond, type PairedThroughput } from './stats';

export interface RelayBenchOptions {
  readonly rounds: number;
  readonly messagesPerRound: number;
  /** The relay's default batch; the raw producer sends batches of the same size. */
  readonly batchSize: number;
  readonly partitions: number;
  readonly aborted: () => boolean;
}

const APPEND_BATCH = 100;

/** Appends `count` events with a publish mapping: the outbox then holds `count` pending messages for `topic`. */
const fillOutbox = async (store: PostgresEventStore, topic: string, count: number): Promise<void> => {
  const publish = publishTo(topic);
  for (let done = 0; done < count; done += APPEND_BATCH) {
    const n = Math.min(APPEND_BATCH, count - done);
    await store.appendToStream(freshStreamId(), eventBatch(n, done), { expectedVersion: 'no_stream', context: commandContext(), publish });
  }
};

/** The pending messages exactly as the relay will send them (same order, keys, headers and JSON text: the payload as PostgreSQL renders it). */
const pendingAsMessages = async (dataSource: DataSource): Promise<Message[]> => {
  const rows: Array<{ message_key: string; headers: Record<string, string>; payload: string }> = await dataSource.query(
    'SELECT message_key, headers, payload::text AS payload FROM es_outbox WHERE published_at IS NULL ORDER BY transaction_id, position',
  );
  return rows.map((r) => ({ key: r.message_key, headers: { ...r.headers }, value: r.payload }));
};

export interface RelayBenchResult extends PairedThroughput {
  /**
   * Share of the relay's timed run with a KafkaTransport.publish in flight (median of rounds; publishes never overlap
   * each other). The rest is outbox work the pipeline did not hide behind a publish.
   */
  readonly publishShare: number;
  /** Median over rounds of the mean time one of the relay's publishes took (KafkaTransport.publish of a batch)... */
  readonly publishMsPerBatch: number;
  /** ...and of one raw sendBatch of the same size. */
  readonly rawMsPerBatch: number;
}

export const runRelayBench = async (env: BenchEnvironment, runId: string, options: RelayBenchOptions): Promise<RelayBenchResult> => {
  const { rounds, messagesPerRound, batchSize, partitions } = options;
  const candidateTopic = `bench-${runId}.relay.v1`;
  const baselineTopic = `bench-${runId}.relay-raw.v1`;
  const dataSource = await openServiceDataSource({ url: await env.createDatabase(`bench_relay_${runId}`), applicationName: 'bench-relay' });
  const store = new PostgresEventStore(dataSource);
  const transport = new KafkaTransport({ brokers: env.brokers, clientId: 'bench-relay' });
  // Times the transport's publish inside the relay, to split the relay's time into Kafka and outbox work.
  let publishMs = 0;
  let publishes = 0;
  const timedTransport: Pick<MessageTransport, 'publish'> = {
    publish: async (messages) => {
      publishes += 1;
      const started = performance.now();
      try {
        await transport.publish(messages);
      } finally {
        publishMs += performance.now() - started;
      }
    },
  };
  const relay = new OutboxRelay({ dataSource, transport: timedTransport, name: 'bench-relay' });
  const publishShares: number[] = [];
  const publishMsPerBatch: number[] = [];
  const rawMsPerBatch: number[] = [];
  let producer: Producer | undefined;

  try {
    await ensureTopicsReliably(transport, env.brokers, { name: candidateTopic, partitions, retentionDays: 1 });
    env.trackTopic(candidateTopic, deadLetterTopicOf(candidateTopic));
    await env.createTopic(baselineTopic, partitions);
    // The same client settings KafkaTransport uses, so the comparison is about what sits around the producer.
    producer = new Kafka(rawKafkaConfig('bench-raw-producer', env.brokers)).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    const rawProducer = producer;

    const candidateRound = async (expected: number): Promise<number> => {
      publishMs = 0;
      publishes = 0;
      const started = performance.now();
      // What the running relay does once woken: publish until nothing is pending, pipelined.
      const sent = await relay.relayPending();
      const elapsed = performance.now() - started;
      publishShares.push(publishMs / elapsed);
      publishMsPerBatch.push(publishMs / Math.max(1, publishes));
      if (sent !== expected) throw new Error(`relay sent ${sent} messages, expected ${expected}`);
      return perSecond(sent, elapsed);
    };

    const baselineRound = async (messages: readonly Message[]): Promise<number> => {
      const started = performance.now();
      for (let i = 0; i < messages.length; i += batchSize) {
        await rawProducer.sendBatch({ acks: -1, topicMessages: [{ topic: baselineTopic, messages: messages.slice(i, i + batchSize) }] });
      }
      const elapsed = performance.now() - started;
      rawMsPerBatch.push(elapsed / Math.ceil(messages.length / batchSize));
      return perSecond(messages.length, elapsed);
    };

    const prepareRound = async (count: number): Promise<Message[]> => {
      await fillOutbox(store, candidateTopic, count);
      const messages = await pendingAsMessages(dataSource);
      if (messages.length !== count) throw new Error(`outbox holds ${messages.length} pending messages, expected ${count}`);
      return messages;
    };

    // Warm-up: connects the transport's producer, fetches metadata, warms both paths; not counted.
    const warmUp = await prepareRound(Math.max(batchSize * 2, Math.floor(messagesPerRound / 10)));
    await candidateRound(warmUp.length);
    await baselineRound(warmUp);

    const candidate: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds && !options.aborted(); round += 1) {
      const messages = await prepareRound(messagesPerRound);
      candidate.push(await candidateRound(messages.length));
      baseline.push(await baselineRound(messages));
      log(`relay round ${round + 1}/${rounds}: candidate ${Math.round(candidate[round])} msg/s, raw ${Math.round(baseline[round])} msg/s`);
    }
    // slice(1): not the warm-up
    return {
      ...pairThroughput(candidate, baseline),
      publishShare: median(publishShares.slice(1)),
      publishMsPerBatch: median(publishMsPerBatch.slice(1)),
      rawMsPerBatch: median(rawMsPerBatch.slice(1)),
    };
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await transport.close().catch(() => undefined);
    await dataSource.destroy();
  }
};
