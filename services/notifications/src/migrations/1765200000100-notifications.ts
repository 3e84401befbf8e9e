import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

const TABLES = [
  'notif_tenants',
  'notif_people',
  'notif_cycles',
  'notif_reviews',
  'notif_goals',
  'notification_policies',
  'notification_preferences',
  'notification_sends',
  'notification_send_attempts',
  'inbox_messages',
];

/**
 * The notifications service's copies of what it reminds about (tenants, people and reporting lines, cycles and their
 * deadlines, reviews and goals), tenants' policies and people's preferences, every send with its attempts, and the
 * in-app inbox.
 */
export class Notifications1765200000100 implements MigrationInterface {
  name = 'Notifications1765200000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notif_tenants (tenant_id text PRIMARY KEY, name text NOT NULL, time_zone text NOT NULL, locale text NOT NULL)`);
    await q.query(`
      CREATE TABLE notif_people (
        tenant_id text NOT NULL, person_id uuid NOT NULL, first_name text NOT NULL, last_name text NOT NULL, work_email text,
        supervisor_id uuid, employment_status text NOT NULL, PRIMARY KEY (tenant_id, person_id))`);
    await q.query(`
      CREATE TABLE notif_cycles (
        tenant_id text NOT NULL, cycle_id uuid NOT NULL, name text NOT NULL, time_zone text NOT NULL, deadlines jsonb NOT NULL,
        closed boolean NOT NULL DEFAULT false, PRIMARY KEY (tenant_id, cycle_id))`);
    await q.query(`
      CREATE TABLE notif_reviews (
        tenant_id text NOT NULL, review_id uuid NOT NULL, cycle_id uuid NOT NULL, person_id uuid NOT NULL, supervisor_id uuid,
        process text NOT NULL, status text NOT NULL, phases_completed text[] NOT NULL DEFAULT '{}',
        awaiting_signatures text[] NOT NULL DEFAULT '{}', self_assessment_submitted boolean NOT NULL DEFAULT false,
        overall_recorded boolean NOT NULL DEFAULT false, PRIMARY KEY (tenant_id, review_id))`);
    await q.query(`CREATE INDEX notif_reviews_cycle ON notif_reviews (tenant_id, cycle_id, review_id)`);
    await q.query(`CREATE INDEX notif_reviews_person ON notif_reviews (tenant_id, person_id)`);
    await q.query(`CREATE INDEX notif_reviews_supervisor ON notif_reviews (tenant_id, supervisor_id)`);
    await q.query(`
      CREATE TABLE notif_goals (
        tenant_id text NOT NULL, goal_id uuid NOT NULL, cycle_id uuid, person_id uuid NOT NULL, kind text NOT NULL, status text NOT NULL,
        due_on date, awaiting text[] NOT NULL DEFAULT '{}', PRIMARY KEY (tenant_id, goal_id))`);
    await q.query(`CREATE INDEX notif_goals_person ON notif_goals (tenant_id, person_id)`);
    await q.query(`CREATE TABLE notification_policies (tenant_id text PRIMARY KEY, state jsonb NOT NULL, version integer NOT NULL)`);
    await q.query(`CREATE TABLE notification_preferences (tenant_id text NOT NULL, person_id uuid NOT NULL, state jsonb NOT NULL, version integer NOT NULL, PRIMARY KEY (tenant_id, person_id))`);
    // One row per send, ever: written before sending, so a re-run job or a redelivered event finds it and sends nothing.
    await q.query(`
      CREATE TABLE notification_sends (
        tenant_id text NOT NULL, send_id uuid NOT NULL, subject text NOT NULL, reminder text NOT NULL, channel text NOT NULL,
        recipient text NOT NULL, kind text NOT NULL, address text, locale text NOT NULL, data jsonb NOT NULL,
        status text NOT NULL, attempts integer NOT NULL DEFAULT 0, last_error text,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, send_id), UNIQUE (tenant_id, subject, reminder, channel, recipient))`);
    await q.query(`CREATE INDEX notification_sends_recent ON notification_sends (tenant_id, created_at DESC, send_id)`);
    await q.query(`
      CREATE TABLE notification_send_attempts (
        tenant_id text NOT NULL, send_id uuid NOT NULL, attempt integer NOT NULL, attempted_at timestamptz NOT NULL,
        outcome text NOT NULL, detail text, PRIMARY KEY (tenant_id, send_id, attempt))`);
    await q.query(`
      CREATE TABLE inbox_messages (
        tenant_id text NOT NULL, message_id uuid NOT NULL, recipient text NOT NULL, kind text NOT NULL,
        subject_type text NOT NULL, subject_id uuid NOT NULL, on_behalf_of uuid, due_on date, data jsonb NOT NULL,
        created_at timestamptz NOT NULL, read_at timestamptz, PRIMARY KEY (tenant_id, message_id))`);
    await q.query(`CREATE INDEX inbox_messages_recipient ON inbox_messages (tenant_id, recipient, created_at DESC, message_id DESC)`);
    for (const table of TABLES) await isolateTenantTable(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
