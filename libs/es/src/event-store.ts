import type { DomainEvent, EventEnvelope, CommandContext } from './envelope';
import type { ExpectedVersion } from './expected-version';

/** A message to publish to other services, written to the outbox in the same transaction as its event. */
export interface OutboxMessage {
  readonly eventId: string;
  readonly topic: string;
  /** Partition key: the stream id, so one aggregate's events keep their order. */
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: object;
}

export interface AppendOptions<E extends DomainEvent> {
  readonly expectedVersion: ExpectedVersion;
  readonly context: CommandContext;
  /** Maps a stored event to the integration messages it publishes (none for private events). */
  readonly publish?: (envelope: EventEnvelope<E>) => readonly OutboxMessage[];
}

export interface AppendResult<E extends DomainEvent = DomainEvent> {
  readonly nextExpectedVersion: number;
  readonly envelopes: readonly EventEnvelope<E>[];
}

export interface ReadStreamResult<E extends DomainEvent = DomainEvent> {
  /** -1 when the stream does not exist. */
  readonly currentVersion: number;
  readonly events: readonly EventEnvelope<E>[];
}

/** A position in the store-wide, commit-safe order of all events. */
export interface GlobalPosition {
  readonly transactionId: string;
  readonly position: string;
}

export const START: GlobalPosition = { transactionId: '0', position: '0' };

/**
 * One transaction of one tenant: what is read through it is the snapshot that is written into, and everything
 * appended (events, outbox rows, the store's inline projections) commits together or not at all.
 */
export interface EventStoreSession<Tx = unknown> {
  readonly tenantId: string;
  /** The underlying transaction, for reading the service's own read models in the same snapshot. */
  readonly transaction: Tx;
  /** Several streams at once; streams that do not exist are absent from the map. */
  readStreams<E extends DomainEvent>(streamIds: readonly string[]): Promise<Map<string, ReadStreamResult<E>>>;
  /**
   * Appends after `readVersion`, the version this session read (-1 for a new stream). A concurrent writer that
   * appended first makes it fail with a concurrency conflict (`UNIQUE(stream_id, stream_version)`), never a gap. The
   * store may hold appends and write them together at the session's next `readStreams` or `flush` (always before
   * commit), where such a conflict then surfaces.
   */
  append<E extends DomainEvent>(streamId: string, readVersion: number, events: readonly E[], options: Omit<AppendOptions<E>, 'expectedVersion'>): Promise<AppendResult<E>>;
  /** Runs the store's inline projections over what was appended since the last flush; done before every commit too. */
  flush(): Promise<void>;
}

/** The event-store port command handlers and readers depend on. */
export interface EventStore<Tx = unknown> {
  /** Runs `work` in one transaction scoped to the tenant; inline projections are flushed before it commits. */
  inTransaction<T>(tenantId: string, work: (session: EventStoreSession<Tx>) => Promise<T>): Promise<T>;
  readStream<E extends DomainEvent>(streamId: string, tenantId: string): Promise<ReadStreamResult<E>>;
}
