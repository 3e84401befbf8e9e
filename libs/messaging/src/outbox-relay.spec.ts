import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type CommandContext, type DomainEvent, type EventEnvelope } from '@growth/es';
import { ensureApplicationRole, openServiceDataSource, PostgresEventStore, PostgresOutbox, urlForRole } from '@growth/es-postgres';
import { createTestDatabase, eventually, testDatabaseAdminUrl, testKafkaBrokers, uniqueName, type TestDatabase } from '@growth/testing';
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

  const publishTo = (t: string) => (e: EventEnvelope) => [{ eventId: e.eventId, topic: t, key: e.streamId, headers: { 'event-id': e.eventId, 'tenant-id': e.tenantId }, payload: e }];
  /** Events `from` .. `from + perStream - 1` of each stream, one append each, round-robin over the streams. */
  const appendTo = async (t: string, streams: string[], perStream: number, from = 0) => {
    for (let i = from; i < from + perStream; i += 1) {
      for (const stream of streams) {
        await store.appendToStream<Noted>(stream, [{ type: 'Noted', data: { n: i } }], { expectedVersion: i === 0 ? 'no_stream' : i - 1, context, publish: publishTo(t) });
      }
    }
  };
  const appendMany = (streams: string[], perStream: number, from: number) => appendTo(topic, streams, perStream, from);

  /** The relay's view of the outbox (row-level security lets the relay setting see every row). */
  const asRelay = <T>(sql: string, params: unknown[]): Promise<T> =>
    dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      return manager.query(sql, params);
    });
  const markedCount = async (eventIds: string[]): Promise<number> =>
    (await asRelay<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM es_outbox WHERE event_id = ANY($1::uuid[]) AND published_at IS NOT NULL`, [eventIds]))[0].n;
  /** Every event id of a topic in commit order, as the relay must publish them. */
  const commitOrder = async (t: string): Promise<string[]> =>
    (await asRelay<Array<{ event_id: string }>>(`SELECT event_id FROM es_outbox WHERE topic = $1 ORDER BY transaction_id, position`, [t])).map((r) => r.event_id);
  const eventIdsOf = (messages: readonly OutgoingMessage[]) => messages.map((m) => m.headers['event-id']);
  /** Everything on a topic, read from the start until `total` distinct events arrived. */
  const readTopic = async (t: string, total: number) => {
    const consumer = await collect(kafka, uniqueName('check'), [t]);
    await eventually(() => expect(new Set(consumer.received.map((m) => m.headers['event-id'])).size).toBe(total), { timeoutMs: 30_000 });
    await consumer.stop();
    return consumer.received;
  };
  /** Each stream's versions in the order they were first delivered: 0, 1, 2, ... with nothing missing. */
  const expectEachStreamInOrder = (received: readonly OutgoingMessage[], streams: string[], perStream: number) => {
    for (const stream of streams) {
      const seen = new Set<number>();
      const firstSeenOrder = received
        .filter((m) => m.key === stream)
        .map((m) => (JSON.parse(m.value) as EventEnvelope).streamVersion)
        .filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
      expect(firstSeenOrder).toEqual(Array.from({ length: perStream }, (_, i) => i));
    }
  };

  const pipelineTopic = uniqueName('relay-pipeline');
  const failureTopic = uniqueName('relay-failure');
  const ownConnectionTopic = uniqueName('relay-own-connection');
  const rlsTopic = uniqueName('relay-rls');

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    dataSource = await openServiceDataSource({ url: db.url });
    store = new PostgresEventStore(dataSource);
    kafka = new KafkaTransport({ brokers: testKafkaBrokers(), clientId: 'relay-spec' });
    await kafka.ensureTopics([topic, pipelineTopic, failureTopic, ownConnectionTopic, rlsTopic].map((name) => ({ name, partitions: 3, retentionDays: 1 })));
  });
  afterEach(() => jest.restoreAllMocks());
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

    const received = await readTopic(topic, streams.length * 30);
    expect(received.length).toBeGreaterThanOrEqual(streams.length * 30 + 9); // the crashed batch was sent twice
    expectEachStreamInOrder(received, streams, 30);
  });

  it('pipelines a backlog: marks the previous batch and reads the next while one is in flight, one batch at a time, in commit order', async () => {
    const streams = ['note-lausd:p1', 'note-lausd:p2', 'note-lausd:p3', 'note-lausd:p4'];
    await appendTo(pipelineTopic, streams, 30); // 120 messages: 12 full batches of 10
    const log: string[] = [];
    const outboxCalls: Array<{ start: number; end: number }> = [];
    const original = PostgresOutbox.prototype.markAndReadPending;
    jest.spyOn(PostgresOutbox.prototype, 'markAndReadPending').mockImplementation(async function (this: PostgresOutbox, options) {
      const call = { start: log.push('outbox start') - 1, end: Infinity };
      outboxCalls.push(call);
      try {
        return await original.call(this, options);
      } finally {
        call.end = log.push('outbox end') - 1;
      }
    });
    const batches: OutgoingMessage[][] = [];
    let inFlight = 0;
    const transport: Pick<MessageTransport, 'publish'> = {
      publish: async (messages) => {
        inFlight += 1;
        const i = batches.push([...messages]) - 1;
        log.push(`publish ${i} start`);
        try {
          expect(inFlight).toBe(1); // never two batches at once: a later one could overtake an earlier one
          expect(await markedCount(eventIdsOf(messages))).toBe(0); // nothing is marked before the broker acknowledged it
          await kafka.publish(messages);
          // Acknowledged, but held open until the batch before is marked: only a relay that marks while it publishes gets past this.
          if (i > 0) await eventually(async () => expect(await markedCount(eventIdsOf(batches[i - 1]))).toBe(batches[i - 1].length), { timeoutMs: 5000 });
          log.push(`publish ${i} end`);
        } finally {
          inFlight -= 1;
        }
      },
    };

    expect(await new OutboxRelay({ dataSource, transport, name: 'pipeline', batchSize: 10 }).relayPending()).toBe(120);

    expect(batches.map((b) => b.length)).toEqual(Array.from({ length: 12 }, () => 10));
    expect(batches.flat().map((m) => m.headers['event-id'])).toEqual(await commitOrder(pipelineTopic)); // commit order, each once
    expect(await new PostgresOutbox(dataSource).countPending()).toBe(0);
    // While batch i was in flight, the outbox was read (the next batch) and written (the previous one marked).
    for (let i = 0; i < 12; i += 1) {
      const [start, end] = [log.indexOf(`publish ${i} start`), log.indexOf(`publish ${i} end`)];
      expect(outboxCalls.some((call) => call.start < end && call.end > start)).toBe(true);
    }
    expectEachStreamInOrder(await readTopic(pipelineTopic, 120), streams, 30);
  });

  it('publishes nothing read ahead of a failed batch; acknowledged but unmarked rows go out again, nothing is skipped', async () => {
    const streams = ['note-lausd:f1', 'note-lausd:f2', 'note-lausd:f3'];
    await appendTo(failureTopic, streams, 20); // 60 messages: batches of 8
    let calls = 0;
    const dying: Pick<MessageTransport, 'publish'> = {
      publish: async (messages) => {
        calls += 1;
        await kafka.publish(messages);
        if (calls === 3) throw new Error('process killed after the broker acknowledged, before marking');
      },
    };
    await expect(new OutboxRelay({ dataSource, transport: dying, name: 'failure', batchSize: 8 }).relayPending()).rejects.toThrow('killed');
    expect(calls).toBe(3); // the fourth batch, read while the third was in flight, was never sent
    expect(await new PostgresOutbox(dataSource).countPending()).toBe(60 - 16); // the first two batches were marked, the third was not

    const restarted = new OutboxRelay({ dataSource, transport: kafka, name: 'failure', batchSize: 8 });
    expect(await restarted.relayPending()).toBe(44);
    expect(await new PostgresOutbox(dataSource).countPending()).toBe(0);

    const received = await readTopic(failureTopic, 60);
    expect(received.length).toBeGreaterThanOrEqual(60 + 8); // the third batch was sent twice
    expectEachStreamInOrder(received, streams, 20);
  });

  it('relays on the connection that holds its lock: busy pooled connections do not hold it up, and it survives losing it', async () => {
    const relayData = await openServiceDataSource({ url: db.url, poolSize: 3, applicationName: 'relay-own-connection' });
    const relay = new OutboxRelay({ dataSource: relayData, transport: kafka, name: 'own-connection', idleMs: 100 });
    const held = [relayData.createQueryRunner(), relayData.createQueryRunner()];
    const lockHolders = async () =>
      (await dataSource.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)) as Array<{ pid: number }>;
    try {
      relay.start();
      await eventually(async () => expect(await lockHolders()).toHaveLength(1));
      // Every other pooled connection is taken by a long transaction (commands, say): the relay does not need one.
      for (const runner of held) {
        await runner.connect();
        await runner.startTransaction();
      }
      await appendTo(ownConnectionTopic, ['note-lausd:o1', 'note-lausd:o2'], 5);
      await eventually(async () => expect(await new PostgresOutbox(dataSource).countPending()).toBe(0));

      // Its connection dies (and the lock with it): it reconnects, takes the lock again and carries on.
      const [{ pid }] = await lockHolders();
      await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      await appendTo(ownConnectionTopic, ['note-lausd:o1', 'note-lausd:o2'], 5, 5);
      await eventually(async () => expect(await new PostgresOutbox(dataSource).countPending()).toBe(0));
      const holders = await lockHolders();
      expect(holders).toHaveLength(1);
      expect(holders[0].pid).not.toBe(pid);
      expectEachStreamInOrder(await readTopic(ownConnectionTopic, 20), ['note-lausd:o1', 'note-lausd:o2'], 10);
    } finally {
      await relay.stop();
      for (const runner of held) await runner.release();
      await relayData.destroy();
    }
  });

  it('relays every tenant\'s rows as the application role under row-level security, and leaves no setting behind', async () => {
    const rlsDb = await createTestDatabase('relay-rls');
    const role = { name: `app_${randomBytes(4).toString('hex')}`, password: randomBytes(12).toString('hex') };
    await ensureApplicationRole(testDatabaseAdminUrl(), role);
    const app = await openServiceDataSource({ url: urlForRole(rlsDb.url, role), migrationUrl: rlsDb.url, poolSize: 2 });
    const relay = new OutboxRelay({ dataSource: app, transport: kafka, name: 'rls', batchSize: 3, idleMs: 100 });
    try {
      const appStore = new PostgresEventStore(app);
      const appendFor = async (tenantId: string, from: number) => {
        for (let i = from; i < from + 4; i += 1) {
          await appStore.appendToStream<Noted>(`note-${tenantId}:r`, [{ type: 'Noted', data: { n: i } }], {
            expectedVersion: i === 0 ? 'no_stream' : i - 1,
            context: { ...context, tenantId },
            publish: publishTo(rlsTopic),
          });
        }
      };
      await appendFor('lausd', 0);
      await appendFor('leics', 0);
      expect(await relay.relayPending()).toBe(8); // on pooled connections
      relay.start(); // on its own connection
      await appendFor('lausd', 4);
      await appendFor('leics', 4);
      await eventually(async () => expect(await new PostgresOutbox(app).countPending()).toBe(0));
      await relay.stop();

      // Both pooled connections: the relay setting ended with its transactions, so without a tenant nothing is visible.
      const runners = [app.createQueryRunner(), app.createQueryRunner()];
      try {
        for (const runner of runners) {
          await runner.connect();
          expect(await runner.query(`SELECT current_setting('app.outbox_relay', true) AS relay, current_setting('enable_sort') AS sort, (SELECT count(*)::int FROM es_outbox) AS visible`)).toEqual([
            { relay: '', sort: 'on', visible: 0 },
          ]);
        }
      } finally {
        for (const runner of runners) await runner.release();
      }
      expectEachStreamInOrder(await readTopic(rlsTopic, 16), ['note-lausd:r', 'note-leics:r'], 8);
    } finally {
      await relay.stop();
      await app.destroy();
      await rlsDb.drop();
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
