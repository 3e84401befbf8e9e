import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { deadLetterTopicOf, integrationHeaders, type IntegrationEvent } from '@growth/contracts';
import { openServiceDataSource } from '@growth/es-postgres';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@growth/testing';
import { startProjection, type Projection } from './projection-consumer';
import { collect, transportFixtures, type TransportFixture } from './transport-fixtures.spec-helper';
import type { OutgoingMessage } from './transport';

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

  const countingProjection = (name: string, topic: string, fail?: (e: IntegrationEvent) => boolean): Projection => ({
    name,
    topics: [topic],
    async handle(manager, e) {
      if (fail?.(e)) throw new Error(`cannot count ${JSON.stringify(e.data)}`);
      await manager.query(
        `INSERT INTO counts VALUES ($1, $2, 1) ON CONFLICT (tenant_id) DO UPDATE SET total = counts.total + $2, events = counts.events + 1`,
        [`${name}:${e.tenantId}`, (e.data as { n: number }).n],
      );
    },
  });
  const countOf = async (key: string) => (await dataSource.query(`SELECT total, events FROM counts WHERE tenant_id = $1`, [key]))[0];

  it('applies every event once even when each is delivered twice', async () => {
    const topic = uniqueName('dup');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 2, retentionDays: 1 }]);
    const events = Array.from({ length: 20 }, (_, i) => event('lausd', i + 1));
    await fixture.transport.publish(events.flatMap((e) => [message(topic, e), message(topic, e)]));

    const name = uniqueName('twice');
    const subscription = await startProjection({ dataSource, transport: fixture.transport, projection: countingProjection(name, topic) });
    await eventually(async () => expect(await dataSource.query(`SELECT count(*)::int AS n FROM es_processed_events WHERE consumer = $1`, [name])).toEqual([{ n: 20 }]));
    // Redeliver everything once more, as a rebalance or restart would.
    await fixture.transport.publish(events.map((e) => message(topic, e)));
    const marker = event('lausd', 1000);
    await fixture.transport.publish([message(topic, marker)]);
    await eventually(async () => expect(await countOf(`${name}:lausd`)).toEqual({ total: 210 + 1000, events: 21 }));
    await subscription.stop();
  });

  it('dead-letters poison messages with their error and keeps consuming the partition', async () => {
    const topic = uniqueName('poison');
    await fixture.transport.ensureTopics([{ name: topic, partitions: 1, retentionDays: 1 }]);
    const lying = event('leics', 5);
    const sequence: OutgoingMessage[] = [
      message(topic, event('lausd', 1)),
      { topic, key: 'x', headers: {}, value: 'not json {' },
      { ...message(topic, lying), headers: { ...integrationHeaders(lying), 'tenant-id': 'lausd' } },
      message(topic, event('lausd', 13)), // the handler always fails on 13
      message(topic, event('lausd', 2)),
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
