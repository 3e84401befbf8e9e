/** A domain event as deciders produce it: a fact with a past-tense type and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
  /** Bumped when the data's shape changes; stored events are upcast on read, never rewritten. */
  readonly schemaVersion?: number;
}

/**
 * Who runs a command, as a decider checks it: a person of the tenant (HR or not; their relation to the aggregate,
 * employee or supervisor, is the aggregate's to decide), or the platform reacting to an event.
 */
export type Actor = { readonly kind: 'PERSON'; readonly personId: string; readonly hr: boolean } | { readonly kind: 'SYSTEM' };

/** Who asked, on whose behalf, and why: carried from the command into every event it causes. */
export interface CommandContext {
  readonly tenantId: string;
  readonly actorId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly now: Date;
}

/** The envelope every stored and published event travels in. Data and metadata stay apart. */
export interface EventEnvelope<E extends DomainEvent = DomainEvent> {
  readonly eventId: string;
  readonly type: E['type'];
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly tenantId: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actorId: string;
  readonly data: E['data'];
  readonly metadata: Record<string, unknown>;
}

export const toDomainEvent = <E extends DomainEvent>(envelope: EventEnvelope<E>): E =>
  ({ type: envelope.type, data: envelope.data, schemaVersion: envelope.schemaVersion }) as unknown as E;
