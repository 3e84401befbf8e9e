import type { DataSource } from 'typeorm';
import { type CommandContext, type DomainEvent, type EventEnvelope } from '@growth/es';
import { openServiceDataSource, PostgresEventStore, PostgresOutbox } from '@growth/es-postgres';
import { createTestDatabase, eventually, testKafkaBrokers, uniqueName, type TestDatabase } from '@growth/testing';
import { KafkaTransport } from './kafka-transport';
import { OutboxRelay } from './outbox-relay';
import { collect } from './transport-fixtures.spec-helper';
import type { MessageTransport, OutgoingMessage } from './transport';

type Noted = DomainEvent<'Noted', { n: number }>;
const context: CommandContext = { tenantId: 'lausd', actorId: 'hr-1', correlationId: 'c', causationId: 'c', now: new Date() };

describe('OutboxRelay to Kafka', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;
  let kafka: KafkaTransport;
  const topic = uniqueName('relay');

  const publish = (e: EventEnvelope) => [{ eventId: e.eventId, topic, key: e.streamId, headers: { 'event-id': e.eventId, 'tenant-id': e.tenantId }, payload: e }];
  const appendMany = async (streams: string[], perStream: number, from: number) => {
    for (let i = from; i < from + perStream; i += 1) {
      for (const stream of streams) {
        await store.appendToStream<Noted>(stream, [{ type: 'Noted', data: { n: i } }], { expectedVersion: i === 0 ? 'no_stream' : i - 1, context, publish });
      }
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    dataSource = await openServiceDataSource({ url: db.url });
    store = new PostgresEventStore(dataSource);
    kafka = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: 'relay-spec' });
    await kafka.ensureTopics([{ name: topic, partitions: 3, retentionDays: 1 }]);
  });
  afterAll(async () => {
    await kafka?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('survives restarts and a crash between publish and mark: nothing lost, each stream in order', async () => {
    const streams = ['note-lausd:a', 'note-lausd:b', 'note-lausd:c', 'note-lausd:d'];
    await appendMany(streams, 15, 0);

    // First relay publishes a couple of batches, then is stopped mid-stream.
    const first = new OutboxRelay({ dataSource, transport: kafka, name: 'spec', batchSize: 7 });
    expect(await first.relayOnce()).toBe(7);
    expect(await first.relayOnce()).toBe(7);

    // A relay that dies after the broker acknowledged a batch but before marking it: the batch stays pending.
    const crashing: Pick<MessageTransport, 'publish'> = {
      publish: async (messages: readonly OutgoingMessage[]) => {
        await kafka.publish(messages);
        throw new Error('process killed before markPublished');
      },
    };
    await expect(new OutboxRelay({ dataSource, transport: crashing, name: 'spec', batchSize: 9 }).relayOnce()).rejects.toThrow('killed');

    // More writes arrive while no relay runs; then a fresh relay runs continuously.
    await appendMany(streams, 10, 15);
    const second = new OutboxRelay({ dataSource, transport: kafka, name: 'spec', batchSize: 20, idleMs: 100 });
    second.start();
    await appendMany(streams, 5, 25);
    await eventually(async () => expect(await new PostgresOutbox(dataSource).countPending()).toBe(0));
    await second.stop();

    const consumer = await collect(kafka, uniqueName('check'), [topic]);
    const total = streams.length * 30;
    await eventually(() => expect(new Set(consumer.received.map((m) => m.headers['event-id'])).size).toBe(total), { timeoutMs: 30_000 });
    await consumer.stop();

    expect(consumer.received.length).toBeGreaterThanOrEqual(total + 9); // the crashed batch was sent twice
    for (const stream of streams) {
      const seen = new Set<number>();
      const firstSeenOrder = consumer.received
        .filter((m) => m.key === stream)
        .map((m) => (JSON.parse(m.value) as EventEnvelope).streamVersion)
        .filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
      expect(firstSeenOrder).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
  });

  it('lets only one relay per database publish at a time', async () => {
    const a = new OutboxRelay({ dataSource, transport: kafka, name: 'leader', idleMs: 50 });
    const b = new OutboxRelay({ dataSource, transport: kafka, name: 'leader', idleMs: 50 });
    a.start();
    b.start();
    await eventually(async () => {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`);
      expect(n).toBe(1);
    });
    await a.stop();
    await b.stop();
  });
});
