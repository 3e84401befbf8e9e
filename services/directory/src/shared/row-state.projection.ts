import type { EntityManager } from 'typeorm';
import { fold, isUuid, parseStreamId, toDomainEvent, type Decider, type DomainEvent, type EventEnvelope } from '@growth/es';
import { readStreams, type LatestState, type Projection } from '@growth/es-postgres';

/** A read-model row holding an aggregate's whole state, and the stream version it reflects. */
export interface RowState<S> {
  readonly state: S;
  readonly version: number;
}

export interface RowStateProjectionOptions<S, E extends DomainEvent> {
  readonly name: string;
  /** The stream category the read model mirrors (`person` for `person-<tenant>:<id>`). */
  readonly category: string;
  readonly decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>;
  /** The rows of these aggregates as the read model holds them, by aggregate id. */
  readRows(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, RowState<S>>>;
  /** Writes the states of every stream that changed, in one go; `at` is when the last of the events occurred. */
  save(manager: EntityManager, tenantId: string, states: readonly LatestState<S>[], at: Date): Promise<void>;
}

/**
 * An inline projection for a read model whose row is the aggregate's whole state: the transaction's events are
 * folded onto the rows they follow, so a batch of new streams (an import) reads nothing, a batch of changes reads
 * its rows in one query, and either is saved in one statement. A row that is not at the version just before the
 * events (it never should be) is rebuilt from its whole stream.
 */
export const rowStateProjection = <S, E extends DomainEvent>(options: RowStateProjectionOptions<S, E>): Projection<EventEnvelope> => ({
  name: options.name,
  async apply(manager, events) {
    const prefix = `${options.category}-`;
    const mine = events.filter((e) => e.streamId.startsWith(prefix)) as EventEnvelope<E>[];
    if (mine.length === 0) return;
    const streams = new Map<string, EventEnvelope<E>[]>();
    for (const event of mine) {
      const own = streams.get(event.streamId);
      if (own) own.push(event);
      else streams.set(event.streamId, [event]);
    }
    const tenantId = mine[0].tenantId;
    const idOf = (streamId: string) => parseStreamId(streamId, options.category).aggregateId;
    const continued = [...streams].flatMap(([streamId, own]) => (own[0].streamVersion > 0 && isUuid(idOf(streamId)) ? [idOf(streamId)] : []));
    const rows = continued.length > 0 ? await options.readRows(manager, tenantId, continued) : new Map<string, RowState<S>>();
    const states: LatestState<S>[] = [];
    const rebuild: string[] = [];
    for (const [streamId, own] of streams) {
      const first = own[0].streamVersion;
      const row = first === 0 ? { state: options.decider.initialState(), version: -1 } : rows.get(idOf(streamId));
      if (!row || row.version !== first - 1) {
        rebuild.push(streamId);
        continue;
      }
      states.push({ streamId, state: own.reduce((state, e) => options.decider.evolve(state, toDomainEvent(e)), row.state), version: own[own.length - 1].streamVersion });
    }
    if (rebuild.length > 0) {
      for (const [streamId, stream] of await readStreams<E>(manager, tenantId, rebuild)) {
        states.push({ streamId, state: fold(options.decider, stream.events.map(toDomainEvent)), version: stream.currentVersion });
      }
    }
    await options.save(manager, tenantId, states, new Date(mine[mine.length - 1].occurredAt));
  },
});
