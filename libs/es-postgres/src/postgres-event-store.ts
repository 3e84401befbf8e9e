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

/** A row of `es_events` as read with `EVENT_COLUMNS`. */
export interface EventRow {
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
export const EVENT_COLUMNS = `global_position, transaction_id, event_id, stream_id, stream_version, tenant_id, type, schema_version,
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
      `SELECT ${EVENT_COLUMNS} FROM es_events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      [after.transactionId, after.position, limit],
    );
    return rows.map((row) => ({
      ...upcast(envelopeOfRow(row), this.upcasters),
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
    `SELECT ${EVENT_COLUMNS} FROM es_events WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`,
    [tenantId, streamIds],
  );
  for (const row of rows) {
    const stream = streams.get(row.stream_id) ?? { currentVersion: -1, events: [] };
    stream.events.push(upcast(envelopeOfRow(row), upcasters) as EventEnvelope<E>);
    stream.currentVersion = row.stream_version;
    streams.set(row.stream_id, stream);
  }
  return streams;
};

/** Appends of one session not yet written: envelopes in append order, with the version each stream was read at. */
interface PendingAppend {
  readonly streamId: string;
  readonly readVersion: number;
  readonly envelopes: readonly EventEnvelope[];
  readonly messages: readonly OutboxMessage[];
}

/**
 * Appends are held until the session next reads streams or flushes (always before commit): then every stream's
 * events go in one INSERT and their outbox rows in another, so a unit deciding on thousands of aggregates (an import
 * batch) costs two statements, not two per aggregate. No version is read to write: each event carries the version
 * its unit read plus one, and `UNIQUE(stream_id, stream_version)` refuses it if a concurrent writer took it first.
 */
class PostgresSession implements EventStoreSession<EntityManager> {
  private pending: PendingAppend[] = [];
  private unprojected: EventEnvelope[] = [];

  constructor(
    readonly transaction: EntityManager,
    readonly tenantId: string,
    private readonly upcasters: Upcasters,
    private readonly projections: readonly Projection<EventEnvelope>[],
  ) {}

  async readStreams<E extends DomainEvent>(streamIds: readonly string[]): Promise<Map<string, ReadStreamResult<E>>> {
    await this.write(); // what this session appended is part of what it reads
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
    const messages = publish ? envelopes.flatMap((e) => publish(e)) : [];
    this.pending.push({ streamId, readVersion, envelopes: envelopes as EventEnvelope[], messages });
    return { nextExpectedVersion: readVersion + events.length, envelopes };
  }

  async flush(): Promise<void> {
    await this.write();
    if (this.unprojected.length === 0) return;
    const events = this.unprojected;
    this.unprojected = [];
    for (const projection of this.projections) await projection.apply(this.transaction, events);
  }

  /** Writes what was appended since the last write: all streams' events in one statement, their outbox rows in one more. */
  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const appends = this.pending;
    this.pending = [];
    const envelopes = appends.flatMap((a) => a.envelopes);
    try {
      // One JSON document for the whole batch, the envelopes as they are: serialised in one call, parsed by the
      // server in one pass (an array parameter per column would have every JSON value escaped again as an element).
      await this.transaction.query(
        `INSERT INTO es_events (event_id, stream_id, stream_version, tenant_id, type, schema_version, data, metadata,
           occurred_at, correlation_id, causation_id, actor_id)
         SELECT e."eventId", e."streamId", e."streamVersion", $1, e.type, e."schemaVersion", e.data, '{}'::jsonb, e."occurredAt", e."correlationId", e."causationId", e."actorId"
         FROM jsonb_to_recordset($2::jsonb) AS e("eventId" uuid, "streamId" text, "streamVersion" int, type text, "schemaVersion" int, data jsonb,
           "occurredAt" timestamptz, "correlationId" text, "causationId" text, "actorId" text)`,
        [this.tenantId, JSON.stringify(envelopes)],
      );
    } catch (error) {
      // A concurrent writer took one of these versions first: its transaction committed, ours writes nothing.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        const loser = conflictingAppend(appends, error as { detail?: string });
        throw new ConcurrencyConflictError(loser.streamId, loser.readVersion < 0 ? 'no_stream' : loser.readVersion);
      }
      throw error;
    }
    const messages = appends.flatMap((a) => a.messages);
    if (messages.length > 0) await insertOutbox(this.transaction, this.tenantId, messages);
    this.unprojected.push(...envelopes);
  }
}

/** The append whose stream the database named in a unique violation ("Key (stream_id, stream_version)=(id, 3) ..."). */
const conflictingAppend = (appends: readonly PendingAppend[], error: { detail?: string }): PendingAppend => {
  const key = /\(stream_id, stream_version\)=\((.*), (\d+)\)/.exec(error.detail ?? '');
  return (key && appends.find((a) => a.streamId === key[1])) || appends[0];
};

export const insertOutbox = async (manager: EntityManager, tenantId: string, messages: readonly OutboxMessage[]): Promise<void> => {
  // As for events: the rows as one JSON document. The NOTIFY, delivered at commit, wakes the relay instead of
  // making it poll; sent by the same statement.
  await manager.query(
    `WITH inserted AS (
       INSERT INTO es_outbox (event_id, tenant_id, topic, message_key, headers, payload)
       SELECT m."eventId", $1, m.topic, m.key, m.headers, m.payload
       FROM jsonb_to_recordset($2::jsonb) AS m("eventId" uuid, topic text, key text, headers jsonb, payload jsonb)
       RETURNING 1
     )
     SELECT pg_notify('es_outbox', '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`,
    [tenantId, JSON.stringify(messages)],
  );
};

/** The envelope of a stored event, before upcasting. */
export const envelopeOfRow = (row: EventRow): EventEnvelope => ({
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
