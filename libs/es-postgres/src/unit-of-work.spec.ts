import type { DataSource, EntityManager } from 'typeorm';
import {
  AlreadyExistsError,
  ConcurrencyConflictError,
  InvalidStateError,
  runCommand,
  streamId,
  type Aggregate,
  type CommandContext,
  type Decider,
  type DomainEvent,
  type EventEnvelope,
} from '@growth/es';
import { createTestDatabase, type TestDatabase } from '@growth/testing';
import { openServiceDataSource } from './data-source';
import { PostgresEventStore } from './postgres-event-store';
import type { Projection } from './projection';

// A small aggregate: a counter that can be opened once and bumped while open.
type CounterCommand = { type: 'Open'; id: string } | { type: 'Bump'; by: number };
type CounterEvent = DomainEvent<'Opened', { id: string }> | DomainEvent<'Bumped', { by: number }>;
type CounterState = { open: boolean; total: number };
const decider: Decider<CounterCommand, CounterState, CounterEvent> = {
  initialState: () => ({ open: false, total: 0 }),
  decide: (command, state) => {
    if (command.type === 'Open') {
      if (state.open) throw new InvalidStateError('already open');
      return [{ type: 'Opened', data: { id: command.id } }];
    }
    if (!state.open) throw new InvalidStateError('not open');
    return command.by === 0 ? [] : [{ type: 'Bumped', data: { by: command.by } }];
  },
  evolve: (state, event) => (event.type === 'Opened' ? { ...state, open: true } : { ...state, total: state.total + event.data.by }),
};
const counter: Aggregate<CounterCommand, CounterState, CounterEvent> = { name: 'Counter', decider, streamId: (tenantId, id) => streamId('counter', tenantId, id) };

/** The inline read model: one row per counter with its total, written in the command's transaction. */
const counterTotals = (fail?: () => boolean): Projection<EventEnvelope> => ({
  name: 'counter-totals',
  async apply(manager: EntityManager, events) {
    if (fail?.()) throw new Error('projection failed');
    for (const e of events as EventEnvelope<CounterEvent>[]) {
      if (e.type === 'Opened') await manager.query(`INSERT INTO counter_totals VALUES ($1, $2, 0, $3)`, [e.tenantId, (e.data as { id: string }).id, e.streamVersion]);
      else await manager.query(`UPDATE counter_totals SET total = total + $3, version = $4 WHERE tenant_id = $1 AND stream_id = $2`, [e.tenantId, e.streamId.split(':')[1], (e.data as { by: number }).by, e.streamVersion]);
    }
  },
});

const context = (tenantId = 'lausd'): CommandContext => ({ tenantId, actorId: 'hr-1', correlationId: 'corr-1', causationId: 'cmd-1', now: new Date('2026-10-01T09:00:00Z') });

describe('runCommand: one unit of work per command (real PostgreSQL)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let failProjection = false;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_unit');
    dataSource = await openServiceDataSource({ url: db.url, poolSize: 12 });
    await dataSource.query(`CREATE TABLE counter_totals (tenant_id text NOT NULL, stream_id text NOT NULL, total int NOT NULL, version int NOT NULL, PRIMARY KEY (tenant_id, stream_id))`);
    store = new PostgresEventStore(dataSource, { projections: [counterTotals(() => failProjection)] });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const events = async (id: string) => (await store.readStream(counter.streamId('lausd', id), 'lausd')).events.map((e) => e.type);
  const total = async (id: string) => (await dataSource.query(`SELECT total, version FROM counter_totals WHERE stream_id = $1`, [id]))[0];

  it('commits a command and its inline projection together', async () => {
    const decided = await runCommand(store, context(), (unit) => unit.decide(counter, 'a', [{ type: 'Open', id: 'a' }, { type: 'Bump', by: 2 }, { type: 'Bump', by: 3 }], 'no_stream'));
    expect({ version: decided.version, state: decided.state, existed: decided.existed }).toEqual({ version: 2, state: { open: true, total: 5 }, existed: false });
    expect(await events('a')).toEqual(['Opened', 'Bumped', 'Bumped']);
    expect(await total('a')).toEqual({ total: 5, version: 2 });
  });

  it('rolls both back when the projection fails, and when a later step of the unit is refused', async () => {
    await runCommand(store, context(), (unit) => unit.decide(counter, 'b', { type: 'Open', id: 'b' }, 'no_stream'));
    failProjection = true;
    try {
      await expect(runCommand(store, context(), (unit) => unit.decide(counter, 'b', { type: 'Bump', by: 1 }, 0))).rejects.toThrow('projection failed');
    } finally {
      failProjection = false;
    }
    // The second aggregate refuses: the first one's events and rows go too.
    await expect(
      runCommand(store, context(), async (unit) => {
        await unit.decide(counter, 'b', { type: 'Bump', by: 7 }, 0);
        await unit.decide(counter, 'never-opened', { type: 'Bump', by: 1 });
      }),
    ).rejects.toBeInstanceOf(InvalidStateError);
    expect(await events('b')).toEqual(['Opened']);
    expect(await total('b')).toEqual({ total: 0, version: 0 });
  });

  it('decides on many aggregates in one transaction, loading their streams in one read', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `many-${i}`);
    await runCommand(store, context(), async (unit) => {
      await unit.preload(ids.map((id) => counter.streamId('lausd', id)));
      for (const id of ids) await unit.decide(counter, id, [{ type: 'Open', id }, { type: 'Bump', by: 1 }]);
      // Inline read models can be brought up to date part-way, for queries later in the same unit.
      await unit.flush();
      const [{ n }] = await (unit.transaction as EntityManager).query(`SELECT count(*)::int AS n FROM counter_totals WHERE stream_id LIKE 'many-%'`);
      expect(n).toBe(50);
    });
    const rows = await dataSource.query(`SELECT count(DISTINCT transaction_id)::int AS transactions, count(*)::int AS events FROM es_events WHERE stream_id LIKE 'counter-lausd:many-%'`);
    expect(rows).toEqual([{ transactions: 1, events: 100 }]);
    expect(await dataSource.query(`SELECT sum(total)::int AS total FROM counter_totals WHERE stream_id LIKE 'many-%'`)).toEqual([{ total: 50 }]);
  });

  it('refuses a stale client version once, writing nothing, even when the command would change nothing', async () => {
    await runCommand(store, context(), (unit) => unit.decide(counter, 'c', [{ type: 'Open', id: 'c' }, { type: 'Bump', by: 1 }], 'no_stream'));
    await expect(runCommand(store, context(), (unit) => unit.decide(counter, 'c', { type: 'Bump', by: 0 }, 0))).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', actual: 1 });
    await expect(runCommand(store, context(), (unit) => unit.decide(counter, 'c', { type: 'Bump', by: 5 }, 'no_stream'))).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await total('c')).toEqual({ total: 1, version: 1 });
  });

  it('answers a retried create with the original result, and a different create under the same id with ALREADY_EXISTS', async () => {
    const create = [{ type: 'Open', id: 'retry' }, { type: 'Bump', by: 4 }] as const;
    const first = await runCommand(store, context(), (unit) => unit.decide(counter, 'retry', create, 'no_stream'));
    await runCommand(store, context(), (unit) => unit.decide(counter, 'retry', { type: 'Bump', by: 1 }, first.version));
    // The client never saw the first answer (a timeout) and sends the same create again.
    const retried = await runCommand(store, context(), (unit) => unit.decide(counter, 'retry', create, 'no_stream'));
    expect({ version: retried.version, existed: retried.existed, state: retried.state }).toEqual({ version: first.version, existed: true, state: first.state });
    await expect(runCommand(store, context(), (unit) => unit.decide(counter, 'retry', [{ type: 'Open', id: 'retry' }, { type: 'Bump', by: 9 }], 'no_stream'))).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'Counter retry already exists',
    });
    expect(await events('retry')).toEqual(['Opened', 'Bumped', 'Bumped']);
    expect(await total('retry')).toEqual({ total: 5, version: 2 });
  });

  it('lets one of two concurrent units win at the version both read; a server-side command retries and applies once', async () => {
    await runCommand(store, context(), (unit) => unit.decide(counter, 'race', { type: 'Open', id: 'race' }, 'no_stream'));
    // Both read version 0 before either appends: held apart until both have loaded.
    let loaded = 0;
    let bothLoaded!: () => void;
    const gate = new Promise<void>((resolve) => (bothLoaded = resolve));
    const contender = (by: number, retryOnConflict = 0) =>
      runCommand(
        store,
        context(),
        async (unit) => {
          await unit.load(counter, 'race');
          if (++loaded === 2) bothLoaded();
          await gate;
          return unit.decide(counter, 'race', { type: 'Bump', by });
        },
        { retryOnConflict },
      );
    const bumps = [10, 20];
    const [first, second] = await Promise.allSettled(bumps.map((by) => contender(by)));
    const outcomes = [first.status, second.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [first, second].find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await events('race')).toEqual(['Opened', 'Bumped']);

    loaded = 0;
    const retried = await Promise.all([contender(1, 3), contender(2, 3)]);
    expect(retried.map((d) => d.version).sort()).toEqual([2, 3]);
    expect(await events('race')).toEqual(['Opened', 'Bumped', 'Bumped', 'Bumped']);
    // Whichever of 10 and 20 won the first race, then both retried bumps: 1 and 2.
    const winner = bumps[[first, second].findIndex((r) => r.status === 'fulfilled')];
    expect((await total('race')).total).toBe(winner + 1 + 2);
  });
});
