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

export interface EventStore {
  appendToStream<E extends DomainEvent>(streamId: string, events: readonly E[], options: AppendOptions<E>): Promise<AppendResult<E>>;
  readStream<E extends DomainEvent>(streamId: string, tenantId: string): Promise<ReadStreamResult<E>>;
}
