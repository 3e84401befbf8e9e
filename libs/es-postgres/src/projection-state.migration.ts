import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation';

/**
 * Projections keep bounded de-duplication state: a checkpoint per (projection, topic, partition), committed with the
 * read-model rows, and the last applied version per (projection, stream), which also catches an event republished
 * at a new offset. It replaces the row per processed event, which grew forever.
 */
export class ProjectionState1732300000003 implements MigrationInterface {
  name = 'ProjectionState1732300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE es_projection_checkpoints (
        projection text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (projection, topic, partition)
      )`);
    await q.query(`
      CREATE TABLE es_projection_streams (
        projection text NOT NULL,
        tenant_id text NOT NULL,
        stream_id text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (projection, stream_id)
      )`);
    await isolateTenantTable(q, 'es_projection_streams');
    await q.query(`DROP TABLE es_processed_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE es_processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        tenant_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await isolateTenantTable(q, 'es_processed_events');
    await q.query(`DROP TABLE es_projection_streams`);
    await q.query(`DROP TABLE es_projection_checkpoints`);
  }
}
