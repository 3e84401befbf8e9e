import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store, outbox and consumer bookkeeping every service database holds.
 *
 * `transaction_id` (xid8) is how readers see a commit-safe order: `global_position` comes from a sequence and is
 * taken at insert time, so positions can commit out of order; reading only below the snapshot's xmin, ordered by
 * (transaction_id, global_position), never skips a row that commits later with a smaller position.
 */
export class EventStoreSchema1732300000000 implements MigrationInterface {
  name = 'EventStoreSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE es_events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL UNIQUE,
        stream_id text NOT NULL,
        stream_version integer NOT NULL CHECK (stream_version >= 0),
        tenant_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL DEFAULT 1,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        causation_id text NOT NULL,
        actor_id text NOT NULL,
        CONSTRAINT es_events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await q.query(`CREATE INDEX es_events_commit_order ON es_events (transaction_id, global_position)`);
    await q.query(`CREATE INDEX es_events_tenant ON es_events (tenant_id, global_position)`);
    await q.query(`
      CREATE TABLE es_outbox (
        position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL UNIQUE,
        tenant_id text NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX es_outbox_pending ON es_outbox (transaction_id, position) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE es_processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        tenant_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE es_processed_events`);
    await q.query(`DROP TABLE es_outbox`);
    await q.query(`DROP TABLE es_events`);
  }
}
