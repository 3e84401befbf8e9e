import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from './tenant-transaction';
import {
  ConcurrencyConflictError,
  matchesExpectedVersion,
  newId,
  upcast,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventEnvelope,
  type EventStore,
  type EventStoreSession,
  type GlobalPosition,
  type OutboxMessage,
  type ReadStreamResult,
  type Upcasters,
} from '@growth/es';
import type { Projection } from './projection';

interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  tenant_id: string;
  type: string;
  schema_version: number;
  data: object;
  metadata: Record<string, unknown>;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string;
  actor_id: string;
}

export interface StoredEvent extends EventEnvelope {
  readonly position: GlobalPosition;
}

const UNIQUE_VIOLATION = '23505';
const COLUMNS = `global_position, transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version,
  data, metadata, occurred_at, correlation_id, causation_id, actor_id`;

export interface PostgresEventStoreOptions {
  readonly upcasters?: Upcasters;
  /**
   * The owning service's inline read models: run over every event appended in a transaction, in that transaction,
   * so they commit or roll back with the events.
   */
  readonly projections?: readonly Projection<EventEnvelope>[];
}

/** The event store on PostgreSQL: one tenant transaction per unit of work; the database enforces stream versions. */
export class PostgresEventStore implements EventStore<EntityManager> {
  private readonly upcasters: Upcasters;
  private readonly projections: readonly Projection<EventEnvelope>[];

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresEventStoreOptions = {},
  ) {
    this.upcasters = options.upcasters ?? {};
    this.projections = options.projections ?? [];
  }

  inTransaction<T>(tenantId: string, work: (session: EventStoreSession<EntityManager>) => Promise<T>): Promise<T> {
    return withTenant(this.dataSource, tenantId, async (manager) => {
      const session = new PostgresSession(manager, tenantId, this.upcasters, this.projections);
      const result = await work(session);
      await session.flush();
      return result;
    });
  }

  async readStream<E extends DomainEvent>(streamId: string, tenantId: string): Promise<ReadStreamResult<E>> {
    const streams = await withTenant(this.dataSource, tenantId, (manager) => readStreams<E>(manager, tenantId, [streamId], this.upcasters));
    return streams.get(streamId) ?? { currentVersion: -1, events: [] };
  }

  /** Appends to one stream in a transaction of its own, checking `expectedVersion` against the stored stream. */
  async appendToStream<E extends DomainEvent>(streamId: string, events: readonly E[], options: AppendOptions<E>): Promise<AppendResult<E>> {
    const { expectedVersion, ...rest } = options;
    return this.inTransaction(options.context.tenantId, async (session) => {
      const current = (await session.readStreams<E>([streamId])).get(streamId)?.currentVersion ?? -1;
      if (!matchesExpectedVersion(expectedVersion, current)) throw new ConcurrencyConflictError(streamId, expectedVersion, current < 0 ? 'no_stream' : current);
      return session.append(streamId, current, events, rest);
    });
  }

  /**
   * All events after `after` in commit-safe order (of every tenant the connection may see: a cross-tenant reader
   * needs a role or setting that row-level security allows): only transactions older than every still-running one are
   * returned, so a row whose position was taken earlier but committed later is never skipped.
   */
  async readAll(after: GlobalPosition, limit = 500): Promise<StoredEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM es_events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      [after.transactionId, after.position, limit],
    );
    return rows.map((row) => ({
      ...upcast(toEnvelope(row), this.upcasters),
      position: { transactionId: row.transaction_id, position: row.global_position },
    }));
  }
}

/** Several streams in one query inside the caller's tenant transaction, upcast; absent streams are left out. */
export const readStreams = async <E extends DomainEvent>(
  manager: EntityManager,
  tenantId: string,
  streamIds: readonly string[],
  upcasters: Upcasters = {},
): Promise<Map<string, ReadStreamResult<E>>> => {
  const streams = new Map<string, { currentVersion: number; events: EventEnvelope<E>[] }>();
  if (streamIds.length === 0) return streams;
  const rows: EventRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM es_events WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`,
    [tenantId, streamIds],
  );
  for (const row of rows) {
    const stream = streams.get(row.stream_id) ?? { currentVersion: -1, events: [] };
    stream.events.push(upcast(toEnvelope(row), upcasters) as EventEnvelope<E>);
    stream.currentVersion = row.stream_version;
    streams.set(row.stream_id, stream);
  }
  return streams;
};

class PostgresSession implements EventStoreSession<EntityManager> {
  private unprojected: EventEnvelope[] = [];

  constructor(
    readonly transaction: EntityManager,
    readonly tenantId: string,
    private readonly upcasters: Upcasters,
    private readonly projections: readonly Projection<EventEnvelope>[],
  ) {}

  readStreams<E extends DomainEvent>(streamIds: readonly string[]): Promise<Map<string, ReadStreamResult<E>>> {
    return readStreams<E>(this.transaction, this.tenantId, streamIds, this.upcasters);
  }

  async append<E extends DomainEvent>(
    streamId: string,
    readVersion: number,
    events: readonly E[],
    { context, publish }: Omit<AppendOptions<E>, 'expectedVersion'>,
  ): Promise<AppendResult<E>> {
    if (context.tenantId !== this.tenantId) throw new Error(`A command of tenant ${context.tenantId} cannot append in a transaction of tenant ${this.tenantId}`);
    if (events.length === 0) return { nextExpectedVersion: readVersion, envelopes: [] };
    const occurredAt = context.now.toISOString();
    const envelopes: EventEnvelope<E>[] = events.map((event, i) => ({
      eventId: newId(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      streamVersion: readVersion + 1 + i,
      tenantId: context.tenantId,
      occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actorId: context.actorId,
      data: event.data,
      metadata: {},
    }));
    try {
      await this.transaction.query(
        `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata,
           occurred_at, correlation_id, causation_id, actor_id)
         SELECT e.event_id, $2, e.stream_version, $3, e.type, e.schema_version, e.data, '{}'::jsonb, $4, $5, $6, $7
         FROM unnest($1::uuid[], $8::int[], $9::text[], $10::int[], $11::jsonb[])
           AS e(event_id, stream_version, type, schema_version, data)`,
        [
          envelopes.map((e) => e.eventId),
          streamId,
          context.tenantId,
          occurredAt,
          context.correlationId,
          context.causationId,
          context.actorId,
          envelopes.map((e) => e.streamVersion),
          envelopes.map((e) => e.type),
          envelopes.map((e) => e.schemaVersion),
          envelopes.map((e) => JSON.stringify(e.data)),
        ],
      );
    } catch (error) {
      // A concurrent writer took this version first: its transaction committed, ours writes nothing.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConcurrencyConflictError(streamId, readVersion < 0 ? 'no_stream' : readVersion);
      throw error;
    }
    const messages = publish ? envelopes.flatMap((e) => publish(e)) : [];
    if (messages.length > 0) await insertOutbox(this.transaction, context.tenantId, messages);
    this.unprojected.push(...(envelopes as EventEnvelope[]));
    return { nextExpectedVersion: readVersion + events.length, envelopes };
  }

  async flush(): Promise<void> {
    if (this.unprojected.length === 0) return;
    const events = this.unprojected;
    this.unprojected = [];
    for (const projection of this.projections) await projection.apply(this.transaction, events);
  }
}

export const insertOutbox = async (manager: EntityManager, tenantId: string, messages: readonly OutboxMessage[]): Promise<void> => {
  await manager.query(
    `INSERT INTO es_outbox (event_id, tenant_id, topic, message_key, headers, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[])`,
    [
      messages.map((m) => m.eventId),
      messages.map(() => tenantId),
      messages.map((m) => m.topic),
      messages.map((m) => m.key),
      messages.map((m) => JSON.stringify(m.headers)),
      messages.map((m) => JSON.stringify(m.payload)),
    ],
  );
  // Delivered at commit: wakes the relay instead of making it poll.
  await manager.query(`SELECT pg_notify('es_outbox', '')`);
};

const toEnvelope = (row: EventRow): EventEnvelope => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  tenantId: row.tenant_id,
  occurredAt: row.occurred_at.toISOString(),
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  actorId: row.actor_id,
  data: row.data,
  metadata: row.metadata,
});
