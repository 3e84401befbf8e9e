import type { EntityManager } from 'typeorm';
import { fold, toDomainEvent, type Decider, type DomainEvent, type EventEnvelope, type Upcasters } from '@growth/es';
import { readStreams } from './postgres-event-store';
import { TENANT_SETTING } from './tenant-transaction';

/** What a projection needs of an event: stored envelopes (inline) and integration events (async) both have it. */
export interface ProjectedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly tenantId: string;
}

/**
 * A read model fed by events. The same interface serves inline projections (run by the owning service inside the
 * command's transaction) and async ones (run by a consumer over the transport). `apply` writes through `manager`,
 * whose transaction is scoped to the events' tenant; it gets each event once, in stream order.
 */
export interface Projection<E extends ProjectedEvent = ProjectedEvent> {
  /** Names the consumer group and the de-duplication state: rename only to rebuild from the start. */
  readonly name: string;
  /** Events of one tenant, in the order they were delivered (per stream, by stream version). */
  apply(manager: EntityManager, events: readonly E[]): Promise<void>;
}

/** A transport position: a projection's checkpoint is the next offset to apply per (topic, partition). */
export interface ProjectionPosition {
  readonly topic: string;
  readonly partition: number;
  /** The offset of the last message covered, as the transport reports it. */
  readonly offset: string;
}

/** The next offset to apply on one partition, or undefined before the first batch. */
export const readCheckpoint = async (manager: EntityManager, projection: string, topic: string, partition: number): Promise<bigint | undefined> => {
  const rows: Array<{ next_offset: string }> = await manager.query(
    `SELECT next_offset FROM es_projection_checkpoints WHERE projection = $1 AND topic = $2 AND partition = $3`,
    [projection, topic, partition],
  );
  return rows.length > 0 ? BigInt(rows[0].next_offset) : undefined;
};

export const writeCheckpoint = async (manager: EntityManager, projection: string, { topic, partition, offset }: ProjectionPosition): Promise<void> => {
  await manager.query(
    `INSERT INTO es_projection_checkpoints (projection, topic, partition, next_offset) VALUES ($1, $2, $3, $4::bigint + 1)
     ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = greatest(es_projection_checkpoints.next_offset, excluded.next_offset)`,
    [projection, topic, partition, offset],
  );
};

/**
 * Applies `events` to `projection` inside the caller's transaction, each at most once: an event whose stream version
 * the projection has already passed (a redelivery, or the same event republished at a new offset after a relay
 * crash) is skipped. The state is one row per (projection, stream), not per event. Runs of events of one tenant are
 * applied together with the transaction's tenant set to theirs, so row-level security checks every write.
 * Returns how many events were applied.
 */
export const applyOnce = async <E extends ProjectedEvent>(manager: EntityManager, projection: Projection<E>, events: readonly E[]): Promise<number> => {
  let applied = 0;
  for (const run of runsByTenant(events)) {
    const tenantId = run[0].tenantId;
    await manager.query(`SELECT set_config($1, $2, true)`, [TENANT_SETTING, tenantId]);
    const streamIds = [...new Set(run.map((e) => e.streamId))];
    const rows: Array<{ stream_id: string; version: number }> = await manager.query(
      `SELECT stream_id, version FROM es_projection_streams WHERE projection = $1 AND stream_id = ANY($2::text[])`,
      [projection.name, streamIds],
    );
    const seen = new Map(rows.map((r) => [r.stream_id, r.version]));
    const fresh = run.filter((e) => {
      if (e.streamVersion <= (seen.get(e.streamId) ?? -1)) return false;
      seen.set(e.streamId, e.streamVersion);
      return true;
    });
    if (fresh.length === 0) continue;
    await projection.apply(manager, fresh);
    const touched = [...new Set(fresh.map((e) => e.streamId))];
    await manager.query(
      `INSERT INTO es_projection_streams (projection, tenant_id, stream_id, version)
       SELECT $1, $2, s.stream_id, s.version FROM unnest($3::text[], $4::int[]) AS s(stream_id, version)
       ON CONFLICT (projection, stream_id) DO UPDATE SET version = greatest(es_projection_streams.version, excluded.version)`,
      [projection.name, tenantId, touched, touched.map((id) => seen.get(id))],
    );
    applied += fresh.length;
  }
  return applied;
};

/** Consecutive events of the same tenant, in order: what one tenant transaction may handle at a time. */
export const runsByTenant = <E extends { readonly tenantId: string }>(events: readonly E[]): E[][] => {
  const runs: E[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].tenantId === event.tenantId) last.push(event);
    else runs.push([event]);
  }
  return runs;
};

/** An aggregate's state after the events of one transaction, for a read model that mirrors the latest state. */
export interface LatestState<S> {
  readonly streamId: string;
  readonly state: S;
  readonly version: number;
}

export interface LatestStateProjectionOptions<S, E extends DomainEvent> {
  readonly name: string;
  /** The stream category the read model mirrors (`person` for `person-<tenant>:<id>`). */
  readonly category: string;
  readonly decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>;
  readonly upcasters?: Upcasters;
  /** Writes the states of every stream that changed, in one go; `at` is when the last of the events occurred. */
  save(manager: EntityManager, tenantId: string, states: readonly LatestState<S>[], at: Date): Promise<void>;
}

/**
 * An inline projection for read models that mirror an aggregate's latest state (a row per aggregate): it folds
 * every stream the transaction changed, as the transaction sees it, and saves the states in one call, so a batch
 * of thousands of aggregates costs one read and one write.
 */
export const latestStateProjection = <S, E extends DomainEvent>(options: LatestStateProjectionOptions<S, E>): Projection<EventEnvelope> => ({
  name: options.name,
  async apply(manager, events) {
    const prefix = `${options.category}-`;
    const mine = events.filter((e) => e.streamId.startsWith(prefix));
    if (mine.length === 0) return;
    const tenantId = mine[0].tenantId;
    const streams = await readStreams<E>(manager, tenantId, [...new Set(mine.map((e) => e.streamId))], options.upcasters);
    const states = [...streams].map(([streamId, stream]) => ({ streamId, state: fold(options.decider, stream.events.map(toDomainEvent)), version: stream.currentVersion }));
    await options.save(manager, tenantId, states, new Date(mine[mine.length - 1].occurredAt));
  },
});
