import type { DataSource } from 'typeorm';
import { ConcurrencyConflictError, START, type CommandContext, type DomainEvent, type GlobalPosition } from '@growth/es';
import { createTestDatabase, type TestDatabase } from '@growth/testing';
import { openServiceDataSource } from './data-source';
import { PostgresEventStore, type StoredEvent } from './postgres-event-store';
import { PostgresOutbox } from './outbox';
import { processOnce } from './processed-events';

type Noted = DomainEvent<'Noted', { n: number }>;
const noted = (n: number): Noted => ({ type: 'Noted', data: { n } });
const context = (tenantId = 'lausd'): CommandContext => ({ tenantId, actorId: 'hr-1', correlationId: 'corr-1', causationId: 'cmd-1', now: new Date('2026-10-01T09:00:00Z') });

describe('PostgresEventStore (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_store');
    dataSource = await openServiceDataSource({ url: db.url, poolSize: 20 });
    store = new PostgresEventStore(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('appends with an expected version and reads the stream back in order with its envelope', async () => {
    const first = await store.appendToStream('note-lausd:a', [noted(1), noted(2)], { expectedVersion: 'no_stream', context: context() });
    expect(first.nextExpectedVersion).toBe(1);
    await store.appendToStream('note-lausd:a', [noted(3)], { expectedVersion: 1, context: context() });

    const { currentVersion, events } = await store.readStream<Noted>('note-lausd:a', 'lausd');
    expect(currentVersion).toBe(2);
    expect(events.map((e) => [e.streamVersion, e.data.n])).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(events[0]).toMatchObject({ type: 'Noted', schemaVersion: 1, tenantId: 'lausd', actorId: 'hr-1', correlationId: 'corr-1', causationId: 'cmd-1', occurredAt: '2026-10-01T09:00:00.000Z' });
  });

  it('rejects a stale expected version and writes nothing', async () => {
    await store.appendToStream('note-lausd:b', [noted(1)], { expectedVersion: 'no_stream', context: context() });
    await expect(store.appendToStream('note-lausd:b', [noted(2)], { expectedVersion: 'no_stream', context: context() })).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(store.appendToStream('note-lausd:b', [noted(2)], { expectedVersion: 5, context: context() })).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 0 });
    expect((await store.readStream('note-lausd:b', 'lausd')).currentVersion).toBe(0);
  });

  it('lets exactly one of many concurrent appends at the same version win, leaving no gap', async () => {
    await store.appendToStream('note-lausd:race', [noted(0)], { expectedVersion: 'no_stream', context: context() });
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.appendToStream('note-lausd:race', [noted(i), noted(i)], { expectedVersion: 0, context: context() })),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    lost.forEach((l) => expect(l.reason).toBeInstanceOf(ConcurrencyConflictError));
    const { events } = await store.readStream('note-lausd:race', 'lausd');
    expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
  });

  it('reads several streams in one query inside the caller’s transaction, leaving out streams that do not exist', async () => {
    await store.appendToStream('note-lausd:m1', [noted(1), noted(2)], { expectedVersion: 'no_stream', context: context() });
    await store.appendToStream('note-lausd:m2', [noted(3)], { expectedVersion: 'no_stream', context: context() });
    const streams = await dataSource.transaction((m) => store.readStreamsInTransaction<Noted>(m, 'lausd', ['note-lausd:m1', 'note-lausd:m2', 'note-lausd:none']));
    expect([...streams.keys()].sort()).toEqual(['note-lausd:m1', 'note-lausd:m2']);
    expect(streams.get('note-lausd:m1')).toMatchObject({ currentVersion: 1, events: [{ data: { n: 1 } }, { data: { n: 2 } }] });
    expect(streams.get('note-lausd:m2')?.events.map((e) => e.streamVersion)).toEqual([0]);
  });

  it('does not read another tenant’s stream even with its id', async () => {
    await store.appendToStream('note-lausd:c', [noted(1)], { expectedVersion: 'no_stream', context: context() });
    expect((await store.readStream('note-lausd:c', 'leics')).events).toHaveLength(0);
  });

  it('writes outbox rows in the same transaction as the events, and none when the append fails', async () => {
    const outbox = new PostgresOutbox(dataSource);
    const before = await outbox.countPending();
    const publish = (e: { eventId: string; streamId: string }) => [{ eventId: e.eventId, topic: 'notes.note.v1', key: e.streamId, headers: { 'event-id': e.eventId }, payload: { id: e.eventId } }];
    const { envelopes } = await store.appendToStream('note-lausd:d', [noted(1), noted(2)], { expectedVersion: 'no_stream', context: context(), publish });
    await expect(store.appendToStream('note-lausd:d', [noted(3)], { expectedVersion: 'no_stream', context: context(), publish })).rejects.toBeInstanceOf(ConcurrencyConflictError);

    const pending = (await outbox.pending(1000)).filter((m) => m.key === 'note-lausd:d');
    expect(pending.map((m) => m.eventId)).toEqual(envelopes.map((e) => e.eventId));
    expect(await outbox.countPending()).toBe(before + 2);
    await outbox.markPublished(pending.map((m) => m.position));
    expect(await outbox.countPending()).toBe(before);
  });

  it('reads all events in commit-safe order: a transaction that took an earlier position but commits later is not skipped', async () => {
    const readAllFrom = async (from: GlobalPosition) => {
      const seen: StoredEvent[] = [];
      let position = from;
      for (let batch = await store.readAll(position, 100); batch.length > 0; batch = await store.readAll(position, 100)) {
        seen.push(...batch);
        position = batch[batch.length - 1].position;
      }
      return { seen, position };
    };
    const { position: caughtUp } = await readAllFrom(START);

    // Transaction A takes its sequence position first but stays open; B commits after it.
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await store.appendInTransaction(slow.manager, 'note-lausd:slow', [noted(1)], { expectedVersion: 'no_stream', context: context() });
    await store.appendToStream('note-lausd:fast', [noted(2)], { expectedVersion: 'no_stream', context: context() });

    // While A is open, the reader must not move past it (B is held back, not skipped).
    const whileOpen = await readAllFrom(caughtUp);
    expect(whileOpen.seen.map((e) => e.streamId)).toEqual([]);

    await slow.commitTransaction();
    await slow.release();
    const afterCommit = await readAllFrom(whileOpen.position);
    expect(afterCommit.seen.map((e) => e.streamId)).toEqual(['note-lausd:slow', 'note-lausd:fast']);
  });

  it('processes an event once per consumer, however often it is delivered', async () => {
    await dataSource.query('CREATE TABLE IF NOT EXISTS tally (id int PRIMARY KEY, n int NOT NULL)');
    await dataSource.query('INSERT INTO tally VALUES (1, 0) ON CONFLICT DO NOTHING');
    const event = { eventId: '0192f3a0-0000-7000-8000-000000000001', tenantId: 'lausd' };
    const bump = (m: { query: (sql: string) => Promise<unknown> }) => m.query('UPDATE tally SET n = n + 1 WHERE id = 1').then(() => undefined);
    const results = [];
    for (let i = 0; i < 3; i += 1) results.push(await processOnce(dataSource, 'tally', event, bump));
    expect(results).toEqual([true, false, false]);
    expect(await processOnce(dataSource, 'other-consumer', event, bump)).toBe(true);
    const [{ n }] = await dataSource.query('SELECT n FROM tally WHERE id = 1');
    expect(n).toBe(2);

    // Work that fails rolls back its processed-event row too, so the retry runs it.
    const failing = { eventId: '0192f3a0-0000-7000-8000-000000000002', tenantId: 'lausd' };
    await expect(processOnce(dataSource, 'tally', failing, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await processOnce(dataSource, 'tally', failing, bump)).toBe(true);
  });
});
