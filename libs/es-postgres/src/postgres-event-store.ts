import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from './tenant-transaction';
import {
  ConcurrencyConflictError,
  newId,
  upcast,
  type AppendOptions,
  type AppendResult,
  type DomainEvent,
  type EventEnvelope,
  type EventStore,
  type GlobalPosition,
  type OutboxMessage,
  type ReadStreamResult,
  type Upcasters,
} from '@growth/es';

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

/** Events and their outbox rows for one stream, in one transaction; the database enforces the expected version. */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly upcasters: Upcasters = {},
  ) {}

  async appendToStream<E extends DomainEvent>(streamId: string, events: readonly E[], options: AppendOptions<E>): Promise<AppendResult<E>> {
    return withTenant(this.dataSource, options.context.tenantId, (manager) => this.appendInTransaction(manager, streamId, events, options));
  }

  /**
   * For callers that write a read model or another stream in the same transaction; the transaction must already be
   * scoped to the context's tenant (`withTenant`), or row-level security rejects the rows.
   */
  async appendInTransaction<E extends DomainEvent>(
    manager: EntityManager,
    streamId: string,
    events: readonly E[],
    { expectedVersion, context, publish }: AppendOptions<E>,
  ): Promise<AppendResult<E>> {
    const [{ version }] = await manager.query(
      'SELECT coalesce(max(stream_version), -1)::int AS version FROM es_events WHERE stream_id = $1',
      [streamId],
    );
    const conflict = () => new ConcurrencyConflictError(streamId, expectedVersion, version < 0 ? 'no_stream' : version);
    if (expectedVersion === 'no_stream' ? version >= 0 : expectedVersion === 'stream_exists' ? version < 0 : version !== expectedVersion) {
      throw conflict();
    }
    if (events.length === 0) return { nextExpectedVersion: version, envelopes: [] };

    const occurredAt = context.now.toISOString();
    const envelopes: EventEnvelope<E>[] = events.map((event, i) => ({
      eventId: newId(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      streamVersion: version + 1 + i,
      tenantId: context.tenantId,
      occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actorId: context.actorId,
      data: event.data,
      metadata: {},
    }));

    try {
      await manager.query(
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
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw conflict();
      throw error;
    }

    const messages = publish ? envelopes.flatMap((e) => publish(e)) : [];
    if (messages.length > 0) await insertOutbox(manager, context.tenantId, messages);
    return { nextExpectedVersion: version + events.length, envelopes };
  }

  async readStream<E extends DomainEvent>(streamId: string, tenantId: string): Promise<ReadStreamResult<E>> {
    const streams = await withTenant(this.dataSource, tenantId, (manager) => this.readStreamsInTransaction<E>(manager, tenantId, [streamId]));
    return streams.get(streamId) ?? { currentVersion: -1, events: [] };
  }

  /**
   * Several streams in one query, inside the caller's tenant transaction, so a decide-and-append sees the snapshot
   * it writes into. Streams that do not exist are absent from the map.
   */
  async readStreamsInTransaction<E extends DomainEvent>(
    manager: EntityManager,
    tenantId: string,
    streamIds: readonly string[],
  ): Promise<Map<string, ReadStreamResult<E>>> {
    const streams = new Map<string, { currentVersion: number; events: EventEnvelope<E>[] }>();
    if (streamIds.length === 0) return streams;
    const rows: EventRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM es_events WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`,
      [tenantId, streamIds],
    );
    for (const row of rows) {
      const stream = streams.get(row.stream_id) ?? { currentVersion: -1, events: [] };
      stream.events.push(upcast(toEnvelope(row), this.upcasters) as EventEnvelope<E>);
      stream.currentVersion = row.stream_version;
      streams.set(row.stream_id, stream);
    }
    return streams;
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
