import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { deadLetterTopicOf, integrationHeaders, type IntegrationEvent } from '@growth/contracts';
import { openServiceDataSource } from '@growth/es-postgres';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@growth/testing';
import { startProjection, type AsyncProjection } from './projection-consumer';
import { collect, transportFixtures, type TransportFixture } from './transport-fixtures.spec-helper';
import type { IncomingMessage, MessageTransport, OutgoingMessage, SubscribeOptions } from './transport';

const event = (tenantId: string, n: number, extra: Partial<IntegrationEvent> = {}): IntegrationEvent => ({
  eventId: randomUUID(),
  type: 'Counted',
  schemaVersion: 1,
  streamId: `counter-${tenantId}:1`,
  streamVersion: n,
  tenantId,
  occurredAt: new Date().toISOString(),
  correlationId: 'c',
  causationId: 'c',
  actorId: 'a',
  data: { n },
  ...extra,
});
const message = (topic: string, e: IntegrationEvent): OutgoingMessage => ({ topic, key: e.streamId, headers: integrationHeaders(e), value: JSON.stringify(e) });

describe.each(transportFixtures)('projection over the %s transport', (_name, makeFixture) => {
  let fixture: TransportFixture;
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    fixture = await makeFixture();
    db = await createTestDatabase('projection');
    dataSource = await openServiceDataSource({ url: db.url });
    await dataSource.query(`CREATE TABLE counts (tenant_id text PRIMARY KEY, total int NOT NULL, events int NOT NULL)`);
  });
  afterAll(async () => {
    await fixture?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  const countingProjection = (name: string, topic: string, fail?: (e: IntegrationEvent) => boolean): AsyncProjection => ({
    name,
    topics: [topic],
    async apply(manager, events) {
      for (const e of events) {
        if (fail?.(e)) throw new Error(`cannot count ${JSON.stringify(e.data)}`);
        await manager.query(
          `INSERT INTO counts VALUES ($1, $2, 1) ON CONFLICT (tenant_id) DO UPDATE SET total = counts.total + $2, events = counts.events + 1`,
          [`${name}:${e.tenantId}`, (e.data as { n: number }).n],
        );
      }
    },
  });
  const countOf = async (key: string) => (await dataSource.query(`SELECT total, events FROM counts WHERE tenant_id = $1`, [key]))[0];

  /** The transport as the projection sees it, keeping every batch it delivered so a test can deliver them again. */
  const recording = (transport: MessageTransport) => {
    const delivered: Array<{ batch: readonly IncomingMessage[]; handle: SubscribeOptions['handleBatch'] }> = [];
    const wrapped: MessageTransport = {
      ensureTopics: (topics) => transport.ensureTopics(topics),
      publish: (messages) => transport.publish(messages),
      close: () => transport.close(),
      subscribe: (options) =>
        transport.subscribe({
          ...options,
          handleBatch: async (batch) => {
            await options.handleBatch(batch);
            delivered.push({ batch, handle: options.handleBatch });
          },
        }),
    };
    return { transport: wrapped, redeliverAll: async () => { for (const { batch, handle } of [...delivered]) await handle(batch); }, batches: () => delivered.length };
  };

  it('applies every event once: redelivered at the same offsets or republished at new ones, across batch boundaries', async () => {
    const topic = uniqueName('dup');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 2, retentionDays: 1 }]);
    // Three streams of ten events each, in two tenants: 1 + 2 + ... + 10 = 55 per stream.
    const streams = [['lausd', 1], ['lausd', 2], ['leics', 1]] as const;
    const events = streams.flatMap(([tenant, id]) => Array.from({ length: 10 }, (_, v) => event(tenant, v + 1, { streamId: `counter-${tenant}:${id}`, streamVersion: v })));
    // Each sent twice in a row: the relay republishing a batch after a crash, at new offsets.
    await fixture.transport.publish(events.flatMap((e) => [message(topic, e), message(topic, e)]));

    const name = uniqueName('twice');
    const recorder = recording(fixture.transport);
    const subscription = await startProjection({ dataSource, transport: recorder.transport, projection: countingProjection(name, topic), maxBatchSize: 7 });
    await eventually(async () => {
      expect(await countOf(`${name}:lausd`)).toEqual({ total: 110, events: 20 });
      expect(await countOf(`${name}:leics`)).toEqual({ total: 55, events: 10 });
    });
    expect(recorder.batches()).toBeGreaterThan(1);

    // Every batch delivered again at the same offsets, as after a rebalance before the offset commit.
    await recorder.redeliverAll();
    // Every event republished once more at new offsets, then one new event per stream (on the same partitions):
    // once the new ones are in, the copies before them were seen and changed nothing.
    const next = streams.map(([tenant, id]) => event(tenant, 1000, { streamId: `counter-${tenant}:${id}`, streamVersion: 10 }));
    await fixture.transport.publish([...events.map((e) => message(topic, { ...e, eventId: randomUUID() })), ...next.map((e) => message(topic, e))]);
    await eventually(async () => {
      expect(await countOf(`${name}:lausd`)).toEqual({ total: 2110, events: 22 });
      expect(await countOf(`${name}:leics`)).toEqual({ total: 1055, events: 11 });
    });
    await subscription.stop();

    // Bounded state: a row per stream and a checkpoint per partition, not a row per event.
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM es_projection_streams WHERE projection = $1`, [name])).toEqual([{ n: 3 }]);
    const [{ n: checkpoints }] = await dataSource.query(`SELECT count(*)::int AS n FROM es_projection_checkpoints WHERE projection = $1`, [name]);
    expect(checkpoints).toBeGreaterThanOrEqual(1);
    expect(checkpoints).toBeLessThanOrEqual(2);
  });

  it('dead-letters poison messages with their error and keeps consuming the partition', async () => {
    const topic = uniqueName('poison');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 1, retentionDays: 1 }]);
    const lying = event('leics', 5);
    const sequence: OutgoingMessage[] = [
      message(topic, event('lausd', 1)),
      { topic, key: 'x', headers: {}, value: 'not json {' },
      { ...message(topic, lying), headers: { ...integrationHeaders(lying), 'tenant-id': 'lausd' } },
      message(topic, event('lausd', 13, { streamVersion: 2 })), // the projection always fails on 13
      message(topic, event('lausd', 2, { streamVersion: 3 })),
    ];
    await fixture.transport.publish(sequence);

    const name = uniqueName('poison');
    const subscription = await startProjection({
      dataSource,
      transport: fixture.transport,
      projection: countingProjection(name, topic, (e) => (e.data as { n: number }).n === 13),
      maxAttempts: 3,
      retryDelayMs: 10,
    });
    await eventually(async () => expect(await countOf(`${name}:lausd`)).toEqual({ total: 3, events: 2 }));
    await subscription.stop();

    const dlq = await collect(fixture.transport, uniqueName('dlq-reader'), [deadLetterTopicOf(topic)]);
    await eventually(() => expect(dlq.received).toHaveLength(3));
    await dlq.stop();
    const errors = dlq.received.map((m) => m.headers['dlq-error']);
    expect(errors[0]).toMatch(/not JSON/);
    expect(errors[1]).toMatch(/tenant header "lausd" does not match payload tenant "leics"/);
    expect(errors[2]).toMatch(/cannot count/);
    expect(dlq.received[2].headers['dlq-attempts']).toBe('3');
    expect(dlq.received.every((m) => m.headers['dlq-consumer'] === name && m.headers['dlq-original-topic'] === topic)).toBe(true);
    expect(await countOf(`${name}:leics`)).toBeUndefined();
  });
});
