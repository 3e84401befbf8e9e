import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The embedded transport's durable log: one ordered log per topic, and each consumer group's next offset. */
export class InProcessTransportSchema1732300000001 implements MigrationInterface {
  name = 'InProcessTransportSchema1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bus_topics (name text PRIMARY KEY, partitions integer NOT NULL)`);
    await q.query(`
      CREATE TABLE bus_messages (
        topic text NOT NULL REFERENCES bus_topics (name),
        "offset" bigint NOT NULL,
        message_key text NOT NULL,
        headers jsonb NOT NULL,
        value text NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, "offset")
      )`);
    await q.query(`
      CREATE TABLE bus_group_offsets (
        group_id text NOT NULL,
        topic text NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (group_id, topic)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bus_group_offsets`);
    await q.query(`DROP TABLE bus_messages`);
    await q.query(`DROP TABLE bus_topics`);
  }
}
