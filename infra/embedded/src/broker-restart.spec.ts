import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { startKafka, type KafkaHandle } from '@growth/infra-kafka';
import type { CommandContext, DomainEvent, EventEnvelope } from '@growth/es';
import { openServiceDataSource, PostgresEventStore, PostgresOutbox } from '@growth/es-postgres';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@growth/testing';
import { KafkaTransport, OutboxRelay, type IncomingMessage } from '@growth/messaging';

type Noted = DomainEvent<'Noted', { n: number }>;
const context: CommandContext = { tenantId: 'lausd', actorId: 'hr-1', correlationId: 'c', causationId: 'c', now: new Date() };

/**
 * The real broker goes away while commands keep committing, and comes back on the same port: the relay publishes
 * the backlog by itself, losing nothing. This test runs its own broker, since it stops it.
 */
describe('outbox relay across a broker restart', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let dataDir: string;
  let kafka: KafkaHandle;
  let transport: KafkaTransport;
  let relay: OutboxRelay;
  let brokers: string;
  const topic = uniqueName('restart');

  beforeAll(async () => {
    db = await createTestDatabase('relay_restart');
    dataSource = await openServiceDataSource({ url: db.url });
    dataDir = mkdtempSync(path.join(tmpdir(), 'growth-kafka-restart-'));
    kafka = await startKafka({ dataDir });
    brokers = kafka.brokers;
    transport = new KafkaTransport({ brokers: [brokers], clientId: 'restart-spec' });
    await transport.ensureTopics([{ name: topic, partitions: 2, retentionDays: 1 }]);
    relay = new OutboxRelay({ dataSource, transport, name: 'restart-spec', idleMs: 200 });
    relay.start();
  }, 120_000);
  afterAll(async () => {
    await relay?.stop();
    await transport?.close();
    await kafka?.stop();
    await dataSource?.destroy();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const store = () => new PostgresEventStore(dataSource);
  const publish = (e: EventEnvelope) => [{ eventId: e.eventId, topic, key: e.streamId, headers: { 'event-id': e.eventId, 'tenant-id': e.tenantId }, payload: e }];
  const appended: string[] = [];
  const append = async (count: number) => {
    for (let i = 0; i < count; i += 1) {
      const { envelopes } = await store().appendToStream<Noted>(`note-lausd:${appended.length % 7}-${Math.floor(appended.length / 7)}`, [{ type: 'Noted', data: { n: appended.length } }], {
        expectedVersion: 'no_stream',
        context,
        publish,
      });
      appended.push(envelopes[0].eventId);
    }
  };

  it('publishes every event committed before, during and after the outage once the broker is back', async () => {
    const outbox = new PostgresOutbox(dataSource);
    await append(50);
    await eventually(async () => expect(await outbox.countPending()).toBe(0));

    await kafka.stop();
    // Commands keep committing while the broker is away: their rows wait in the outbox.
    await append(300);
    expect(await outbox.countPending()).toBeGreaterThan(0);

    kafka = await startKafka({ dataDir });
    expect(kafka.brokers).toBe(brokers);
    const back = Date.now();
    await eventually(async () => expect(await outbox.countPending()).toBe(0), { timeoutMs: 60_000 });
    process.stdout.write(`relay drained the backlog ${Date.now() - back} ms after the broker was back\n`);
    await append(20);

    const received: IncomingMessage[] = [];
    const reader = await transport.subscribe({ groupId: uniqueName('restart-reader'), topics: [topic], handleBatch: async (batch) => void received.push(...batch) });
    const eventIds = () => new Set(received.map((m) => m.headers['event-id']));
    await eventually(async () => expect(eventIds().size).toBe(appended.length), { timeoutMs: 60_000 });
    await reader.stop();
    // Nothing lost; a batch the broker took just before it went away may come twice (consumers de-duplicate by event id).
    expect([...eventIds()].sort()).toEqual([...appended].sort());
  }, 180_000);
});
