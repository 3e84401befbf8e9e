import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { AsyncProjection } from '@growth/messaging';

/** The lag benchmark's read model: one row per event, stamped with the database clock when it is written. */
export class BenchReadModel1732300000100 implements MigrationInterface {
  name = 'BenchReadModel1732300000100';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bench_read_model (
      event_id uuid PRIMARY KEY,
      stream_id text NOT NULL,
      tenant_id text NOT NULL,
      rating integer NOT NULL,
      written_at timestamptz NOT NULL
    )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bench_read_model');
  }
}

export const benchProjection = (name: string, topic: string): AsyncProjection => ({
  name,
  topics: [topic],
  // Set-based: one statement for the whole batch, as a real read model should write.
  async apply(manager, events) {
    await manager.query(
      `INSERT INTO bench_read_model (event_id, stream_id, tenant_id, rating, written_at)
       SELECT e.event_id, e.stream_id, e.tenant_id, e.rating, clock_timestamp() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS e(event_id, stream_id, tenant_id, rating)`,
      [events.map((e) => e.eventId), events.map((e) => e.streamId), events.map((e) => e.tenantId), events.map((e) => (e.data as { rating?: number }).rating ?? 0)],
    );
  },
});

/** What the parent hands the projection process (as JSON in BENCH_PROJECTION_WORKER). */
export interface ProjectionWorkerConfig {
  readonly databaseUrl: string;
  readonly brokers: string[];
  readonly projectionName: string;
  readonly topic: string;
}

/** From the projection process: ready, failed, or (asked with `{ type: 'commits' }`) when each event's batch committed. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: string }
  /** `Date.now()` right after the transaction that applied the event's batch committed, by event id (first delivery). */
  | { readonly type: 'commits'; readonly eventIds: readonly string[]; readonly committedAtMs: readonly number[] };
