import type { DataSource } from 'typeorm';
import { ConcurrencyConflictError, newId, START, type CommandContext, type DomainEvent, type GlobalPosition } from '@growth/es';
import { createTestDatabase, eventually, type TestDatabase } from '@growth/testing';
import { openServiceDataSource } from './data-source';
import { PostgresEventStore, type StoredEvent } from './postgres-event-store';
import { PostgresOutbox } from './outbox';
import { applyOnce, type ProjectedEvent, type Projection } from './projection';

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
    const streams = await store.inTransaction('lausd', (session) => session.readStreams<Noted>(['note-lausd:m1', 'note-lausd:m2', 'note-lausd:none']));
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

  it('writes the appends of many streams in a session together, with each stream\'s outbox rows; a conflict names the stream taken', async () => {
    const outbox = new PostgresOutbox(dataSource);
    const before = await outbox.countPending();
    const publish = (e: { eventId: string; streamId: string }) => [{ eventId: e.eventId, topic: 'notes.note.v1', key: e.streamId, headers: { 'event-id': e.eventId }, payload: { id: e.eventId } }];
    const ids = Array.from({ length: 20 }, (_, i) => `note-lausd:set-${i}`);
    await store.inTransaction('lausd', async (session) => {
      for (const id of ids) await session.append(id, -1, [noted(1), noted(2)], { context: context(), publish });
      await session.append(ids[0], 1, [noted(3)], { context: context(), publish });
      // What the session appended is part of what it reads.
      expect((await session.readStreams<Noted>([ids[0]])).get(ids[0])?.events.map((e) => e.data.n)).toEqual([1, 2, 3]);
    });
    const rows = await dataSource.query(`SELECT count(DISTINCT transaction_id)::int AS transactions, count(*)::int AS events FROM es_events WHERE stream_id = ANY($1)`, [ids]);
    expect(rows).toEqual([{ transactions: 1, events: 41 }]);
    const pending = (await outbox.pending(10_000)).filter((m) => ids.includes(m.key));
    expect(pending).toHaveLength(41);
    expect(pending.filter((m) => m.key === ids[0]).map((m) => m.eventId)).toEqual((await store.readStream(ids[0], 'lausd')).events.map((e) => e.eventId));
    expect(await outbox.countPending()).toBe(before + 41);

    // Another session writing fresh streams and, among them, one of those at the version it had before: nothing is written.
    const fresh = ['note-lausd:set-fresh-1', 'note-lausd:set-fresh-2'];
    const conflict = store.inTransaction('lausd', async (session) => {
      await session.append(fresh[0], -1, [noted(1)], { context: context(), publish });
      await session.append(ids[7], 0, [noted(9)], { context: context(), publish });
      await session.append(fresh[1], -1, [noted(1)], { context: context(), publish });
    });
    await expect(conflict).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(conflict).rejects.toMatchObject({ streamId: ids[7], expected: 0 });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM es_events WHERE stream_id = ANY($1)`, [fresh])).toEqual([{ n: 0 }]);
    expect(await outbox.countPending()).toBe(before + 41);
    await outbox.markPublished(pending.map((m) => m.position));
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
    let commitSlow!: () => void;
    let appendedSlow!: () => void;
    const appended = new Promise<void>((resolve) => (appendedSlow = resolve));
    const slow = store.inTransaction('lausd', async (session) => {
      await session.append('note-lausd:slow', -1, [noted(1)], { context: context() });
      await session.flush(); // appends are written (and take their positions) when the session flushes
      appendedSlow();
      await new Promise<void>((resolve) => (commitSlow = resolve));
    });
    await appended;
    await store.appendToStream('note-lausd:fast', [noted(2)], { expectedVersion: 'no_stream', context: context() });

    // While A is open, the reader must not move past it (B is held back, not skipped).
    const whileOpen = await readAllFrom(caughtUp);
    const ours = (seen: StoredEvent[]) => seen.map((e) => e.streamId).filter((id) => id === 'note-lausd:slow' || id === 'note-lausd:fast');
    expect(ours(whileOpen.seen)).toEqual([]);

    commitSlow();
    await slow;
    // Transaction ids are server-wide: other tests' open transactions can hold the horizon back a little longer.
    const afterCommit = await eventually(async () => {
      const read = await readAllFrom(whileOpen.position);
      expect(ours(read.seen).length).toBeGreaterThanOrEqual(2);
      return read;
    });
    expect(ours(afterCommit.seen)).toEqual(['note-lausd:slow', 'note-lausd:fast']);
  });

  it('applies an event to a projection once, whether redelivered or republished at a new offset, with state per stream', async () => {
    await dataSource.query('CREATE TABLE IF NOT EXISTS tally (tenant_id text PRIMARY KEY, n int NOT NULL, events text[] NOT NULL)');
    const tallied = (name: string): Projection<ProjectedEvent> => ({
      name,
      async apply(manager, events) {
        const [{ tenant }] = await manager.query(`SELECT current_setting('app.tenant_id', true) AS tenant`);
        expect(events.every((e) => e.tenantId === tenant)).toBe(true);
        await manager.query(
          `INSERT INTO tally VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO UPDATE SET n = tally.n + $2, events = tally.events || $3`,
          [`${name}:${tenant}`, events.length, events.map((e) => `${e.streamId}@${e.streamVersion}`)],
        );
      },
    });
    const e = (tenantId: string, stream: number, version: number): ProjectedEvent => ({ eventId: newId(), type: 'Noted', streamId: `note-${tenantId}:${stream}`, streamVersion: version, tenantId });
    const apply = (projection: Projection<ProjectedEvent>, events: ProjectedEvent[]) => dataSource.transaction((m) => applyOnce(m, projection, events));

    const first = [e('lausd', 1, 0), e('lausd', 1, 1), e('leics', 1, 0), e('lausd', 2, 0)];
    expect(await apply(tallied('tally'), first)).toBe(4);
    // The same events again, then copies with new ids (republished), then one new event after them.
    expect(await apply(tallied('tally'), [...first, ...first.map((x) => ({ ...x, eventId: newId() })), e('lausd', 1, 1), e('lausd', 1, 2)])).toBe(1);
    expect(await apply(tallied('other'), first)).toBe(4);
    const rows = await dataSource.query(`SELECT tenant_id, n, events FROM tally ORDER BY tenant_id`);
    expect(rows).toEqual([
      { tenant_id: 'other:lausd', n: 3, events: ['note-lausd:1@0', 'note-lausd:1@1', 'note-lausd:2@0'] },
      { tenant_id: 'other:leics', n: 1, events: ['note-leics:1@0'] },
      { tenant_id: 'tally:lausd', n: 4, events: ['note-lausd:1@0', 'note-lausd:1@1', 'note-lausd:2@0', 'note-lausd:1@2'] },
      { tenant_id: 'tally:leics', n: 1, events: ['note-leics:1@0'] },
    ]);
    // One row per stream and projection, however many events were applied.
    expect(await dataSource.query(`SELECT projection, count(*)::int AS streams FROM es_projection_streams GROUP BY projection ORDER BY projection`)).toEqual([
      { projection: 'other', streams: 3 },
      { projection: 'tally', streams: 3 },
    ]);

    // Work that fails rolls back its stream versions too, so the retry applies the event.
    const failing: Projection<ProjectedEvent> = { name: 'tally', apply: async () => { throw new Error('boom'); } };
    await expect(apply(failing, [e('lausd', 3, 0)])).rejects.toThrow('boom');
    expect(await apply(tallied('tally'), [e('lausd', 3, 0)])).toBe(1);
  });
});
