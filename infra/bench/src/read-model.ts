import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Projection } from '@growth/messaging';

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

export const benchProjection = (name: string, topic: string): Projection => ({
  name,
  topics: [topic],
  async handle(manager, event) {
    await manager.query(
      'INSERT INTO bench_read_model (event_id, stream_id, tenant_id, rating, written_at) VALUES ($1, $2, $3, $4, clock_timestamp())',
      [event.eventId, event.streamId, event.tenantId, (event.data as { rating?: number }).rating ?? 0],
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

export type WorkerMessage = { readonly type: 'ready' } | { readonly type: 'failed'; readonly error: string };
