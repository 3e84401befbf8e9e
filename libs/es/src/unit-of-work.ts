import { fold, type Decider } from './decider';
import { toDomainEvent, type CommandContext, type DomainEvent, type EventEnvelope } from './envelope';
import { AlreadyExistsError, ConcurrencyConflictError, NotFoundError, ValidationFailedError } from './errors';
import type { EventStore, EventStoreSession, OutboxMessage } from './event-store';
import { matchesExpectedVersion, type ExpectedVersion } from './expected-version';

/** What the unit of work needs to know of an aggregate type: its decider, its stream ids and its public events. */
export interface Aggregate<C, S, E extends DomainEvent> {
  /** What the aggregate is called in messages to clients ("Framework"). */
  readonly name: string;
  readonly decider: Decider<C, S, E>;
  streamId(tenantId: string, id: string): string;
  /** The integration messages a stored event publishes; omitted for an aggregate with private events only. */
  readonly publish?: (envelope: EventEnvelope<E>) => readonly OutboxMessage[];
}

export interface Decided<S, E extends DomainEvent> {
  /** Whether the stream existed before this command. */
  readonly existed: boolean;
  readonly events: readonly E[];
  readonly envelopes: readonly EventEnvelope<E>[];
  readonly state: S;
  /** The stream's version after the append: what a client sends as expectedVersion next time. */
  readonly version: number;
}

interface LoadedStream {
  readonly version: number;
  readonly events: readonly DomainEvent[];
}

/**
 * The one way a command changes state: inside one tenant transaction, load the streams it needs (once, many at a
 * time if asked), check the caller's expected version against what was loaded, fold, decide, and append at the
 * version that was read. Many aggregates and many commands may share one unit; all of it commits together, with
 * the outbox rows and the store's inline projections, or none of it does.
 */
export class UnitOfWork<Tx = unknown> {
  private readonly streams = new Map<string, LoadedStream>();

  constructor(
    private readonly session: EventStoreSession<Tx>,
    readonly context: CommandContext,
  ) {}

  get tenantId(): string {
    return this.context.tenantId;
  }

  /** The transaction, for reading the service's own read models as this unit sees them. */
  get transaction(): Tx {
    return this.session.transaction;
  }

  /** Loads many streams in one read, ahead of deciding on them. */
  async preload(streamIds: readonly string[]): Promise<void> {
    const missing = [...new Set(streamIds)].filter((id) => !this.streams.has(id));
    if (missing.length === 0) return;
    const loaded = await this.session.readStreams(missing);
    for (const id of missing) {
      const stream = loaded.get(id);
      this.streams.set(id, stream ? { version: stream.currentVersion, events: stream.events.map(toDomainEvent) } : { version: -1, events: [] });
    }
  }

  /**
   * Streams of aggregates whose ids were just made (`newId`), so they cannot exist yet: taken as empty without a
   * read. Were one to exist after all, appending to it would fail on its first version, as a concurrency conflict.
   */
  expectNew(streamIds: readonly string[]): void {
    for (const id of streamIds) if (!this.streams.has(id)) this.streams.set(id, { version: -1, events: [] });
  }

  /** An aggregate's current state and version as this unit sees them (-1: it does not exist). */
  async load<C, S, E extends DomainEvent>(aggregate: Aggregate<C, S, E>, id: string): Promise<{ state: S; version: number }> {
    const stream = await this.stream(aggregate.streamId(this.tenantId, id));
    return { state: fold(aggregate.decider, stream.events as E[]), version: stream.version };
  }

  /**
   * Decides one command, or several in sequence (each seeing the state the previous left), and appends their events
   * together. With `expectedVersion` (a client's), a stale one is a conflict even if the command would change nothing.
   */
  async decide<C, S, E extends DomainEvent>(aggregate: Aggregate<C, S, E>, id: string, command: C | readonly C[], expectedVersion?: ExpectedVersion): Promise<Decided<S, E>> {
    if (typeof expectedVersion === 'number' && !(Number.isSafeInteger(expectedVersion) && expectedVersion >= 0)) {
      throw new ValidationFailedError([{ path: 'expectedVersion', message: 'must be a whole number, 0 or more (the version you last read)' }]);
    }
    const streamId = aggregate.streamId(this.tenantId, id);
    const loaded = await this.stream(streamId);
    // A client that names a version of something that does not exist asks for something unknown, not stale.
    if (loaded.version < 0 && expectedVersion !== undefined && expectedVersion !== 'no_stream') throw new NotFoundError(`${aggregate.name} ${id} was not found`);
    if (expectedVersion === 'no_stream' && loaded.version >= 0) return this.createdBefore(aggregate, id, command, loaded);
    if (expectedVersion !== undefined && !matchesExpectedVersion(expectedVersion, loaded.version)) {
      throw new ConcurrencyConflictError(streamId, expectedVersion, loaded.version < 0 ? 'no_stream' : loaded.version);
    }
    const { events, state } = decideInSequence(aggregate.decider, fold(aggregate.decider, loaded.events as E[]), command);
    const existed = loaded.version >= 0;
    if (events.length === 0) return { existed, events, envelopes: [], state, version: loaded.version };
    const result = await this.session.append(streamId, loaded.version, events, { context: this.context, publish: aggregate.publish });
    this.streams.set(streamId, { version: result.nextExpectedVersion, events: [...loaded.events, ...events] });
    return { existed, events, envelopes: result.envelopes, state, version: result.nextExpectedVersion };
  }

  /**
   * A create (`no_stream`) of something that exists: a client's retry of a create that committed gets the original
   * result, if the stream begins with exactly the events this create decides; anything else is ALREADY_EXISTS.
   */
  private createdBefore<C, S, E extends DomainEvent>(aggregate: Aggregate<C, S, E>, id: string, command: C | readonly C[], loaded: LoadedStream): Decided<S, E> {
    const { decider } = aggregate;
    const exists = () => new AlreadyExistsError(`${aggregate.name} ${id} already exists`);
    let events: E[];
    try {
      events = decideInSequence(decider, decider.initialState(), command).events;
    } catch (error) {
      // Invalid input is the answer whatever exists; any other refusal only says this is not a create.
      if (error instanceof ValidationFailedError) throw error;
      throw exists();
    }
    const stored = loaded.events.slice(0, events.length) as E[];
    if (events.length === 0 || stored.length < events.length || !stored.every((e, i) => sameEvent(e, events[i]))) {
      throw exists();
    }
    return { existed: true, events: [], envelopes: [], state: fold(decider, stored), version: events.length - 1 };
  }

  /** Brings the inline read models up to date with everything decided so far, for queries later in this unit. */
  flush(): Promise<void> {
    return this.session.flush();
  }

  private async stream(streamId: string): Promise<LoadedStream> {
    await this.preload([streamId]);
    return this.streams.get(streamId)!;
  }
}

/** One command, or several in sequence, each deciding on the state the previous one left. */
const decideInSequence = <C, S, E extends DomainEvent>(decider: Decider<C, S, E>, initial: S, command: C | readonly C[]): { events: E[]; state: S } => {
  const events: E[] = [];
  let state = initial;
  for (const step of Array.isArray(command) ? (command as readonly C[]) : [command as C]) {
    const produced = decider.decide(step, state);
    events.push(...produced);
    state = produced.reduce(decider.evolve, state);
  }
  return { events, state };
};

/** Equal as stored JSON: key order and absent (undefined) fields do not matter. */
const sameEvent = (a: DomainEvent, b: DomainEvent): boolean => a.type === b.type && canonical(a.data) === canonical(b.data);
const canonical = (value: unknown): string =>
  JSON.stringify(JSON.parse(JSON.stringify(value ?? null)), (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );

export interface RunCommandOptions {
  /**
   * Runs the whole unit again, from a fresh read, when another writer got in first. Only for commands that carry no
   * client expected version (server-side work such as an import): a client's stale version must stay a conflict.
   */
  readonly retryOnConflict?: number;
}

/** Runs `work` as one unit of work in one tenant transaction of `store`; returns what `work` returns. */
export const runCommand = async <T, Tx>(store: EventStore<Tx>, context: CommandContext, work: (unit: UnitOfWork<Tx>) => Promise<T>, options: RunCommandOptions = {}): Promise<T> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await store.inTransaction(context.tenantId, (session) => work(new UnitOfWork(session, context)));
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError) || attempt >= (options.retryOnConflict ?? 0)) throw error;
    }
  }
};
