import './kafkajs-compat';
import { Kafka, logLevel, type Consumer, type Producer, type Admin, type IHeaders } from 'kafkajs';
import { deadLetterTopicOf, type TopicDeclaration } from '@growth/contracts';
import { DEFAULT_MAX_BATCH_SIZE, silentLog, type IncomingMessage, type Log, type MessageTransport, type OutgoingMessage, type SubscribeOptions, type Subscription } from './transport';

export interface KafkaTransportOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly log?: Log;
  /** Leave unset to use the broker's default (a single-node dev broker has 1; production clusters 3). */
  readonly replicationFactor?: number;
  /** Partitions a consumer works on at once; order is kept within each partition (default 3). */
  readonly partitionConcurrency?: number;
}

const toHeaders = (headers: IHeaders | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? String(v[0]) : String(v)]])));

/**
 * kafkajs behind the MessageTransport port (kafkajs is unmaintained; nothing else imports it). The producer is
 * idempotent with acks=all and one request in flight, so retries neither duplicate nor reorder within a partition.
 * Consumers commit offsets by hand, after the handler's work has committed.
 */
export class KafkaTransport implements MessageTransport {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();
  private readonly log: Log;

  constructor(private readonly options: KafkaTransportOptions) {
    this.log = options.log ?? silentLog;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.ERROR,
      logCreator: () => ({ namespace, label, log }) => this.log(label === 'ERROR' ? 'error' : 'warn', `kafkajs ${namespace}: ${log.message}`, {}),
      retry: { retries: 8, initialRetryTime: 100 },
    });
  }

  async ensureTopics(topics: readonly TopicDeclaration[]): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const wanted = topics.flatMap((t) => [t, { ...t, name: deadLetterTopicOf(t.name), partitions: 1 }]);
      const missing = wanted.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      const created = admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: this.options.replicationFactor ?? -1,
          configEntries: [{ name: 'retention.ms', value: String(t.retentionDays * 24 * 3600 * 1000) }],
        })),
      });
      await created.catch(async (error) => {
        // Another service may have created some of them meanwhile; only topics still missing are a failure.
        const now = new Set(await admin.listTopics());
        if (missing.some((t) => !now.has(t.name))) throw error;
      });
      this.log('info', 'created topics', { topics: missing.map((t) => t.name) });
    } finally {
      await admin.disconnect();
    }
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, ms]) => ({ topic, messages: ms.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })) })),
    });
  }

  async subscribe({ groupId, topics, handleBatch, maxBatchSize = DEFAULT_MAX_BATCH_SIZE }: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionConcurrency ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // A fetched batch can hold thousands of messages: hand them on in chunks, committing after each.
        for (let start = 0; start < batch.messages.length; start += maxBatchSize) {
          if (!isRunning() || isStale()) break;
          const chunk: IncomingMessage[] = batch.messages.slice(start, start + maxBatchSize).map((message) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            headers: toHeaders(message.headers),
            value: message.value?.toString() ?? '',
          }));
          await handleBatch(chunk);
          const last = chunk[chunk.length - 1].offset;
          resolveOffset(last);
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          await heartbeat();
        }
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }
}
