import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

const TABLES = ['webhook_endpoints', 'webhook_secrets', 'webhook_deliveries', 'webhook_delivery_attempts'];

/**
 * Tenants' webhook endpoints (the latest state of each endpoint's stream), their signing secrets, one delivery per
 * endpoint and public event, and every attempt made to deliver it.
 */
export class Webhooks1765200000300 implements MigrationInterface {
  name = 'Webhooks1765200000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        tenant_id text NOT NULL, endpoint_id uuid NOT NULL, url text NOT NULL, event_types text[] NOT NULL, status text NOT NULL,
        state jsonb NOT NULL, version integer NOT NULL, PRIMARY KEY (tenant_id, endpoint_id))`);
    // Stored as they were issued: signing a delivery needs the secret itself, so it cannot be hashed.
    await q.query(`
      CREATE TABLE webhook_secrets (
        tenant_id text NOT NULL, endpoint_id uuid NOT NULL, secret_id uuid NOT NULL, secret text NOT NULL, created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, endpoint_id, secret_id))`);
    // UNIQUE (endpoint, event): a redelivered event finds its delivery and creates nothing.
    await q.query(`
      CREATE TABLE webhook_deliveries (
        tenant_id text NOT NULL, delivery_id uuid NOT NULL, endpoint_id uuid NOT NULL, event_id uuid NOT NULL, event_type text NOT NULL,
        payload text NOT NULL, status text NOT NULL, sequence integer NOT NULL, attempts integer NOT NULL, next_attempt_at timestamptz,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, delivery_id), UNIQUE (tenant_id, endpoint_id, event_id))`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, delivery_id DESC)`);
    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        tenant_id text NOT NULL, delivery_id uuid NOT NULL, attempt integer NOT NULL, sequence integer NOT NULL, attempted_at timestamptz NOT NULL,
        duration_ms integer NOT NULL, status_code integer, error text, PRIMARY KEY (tenant_id, delivery_id, attempt))`);
    for (const table of TABLES) await isolateTenantTable(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
