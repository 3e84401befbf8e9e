import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from './tenant-isolation';

/** Switches on row-level security for the event store's tables; the outbox relay alone reads across tenants. */
export class EventStoreTenantIsolation1732300000002 implements MigrationInterface {
  name = 'EventStoreTenantIsolation1732300000002';

  async up(q: QueryRunner): Promise<void> {
    await isolateTenantTable(q, 'es_events');
    await isolateTenantTable(q, 'es_processed_events');
    await isolateTenantTable(q, 'es_outbox', `current_setting('app.outbox_relay', true) = 'on'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['es_events', 'es_processed_events', 'es_outbox']) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
