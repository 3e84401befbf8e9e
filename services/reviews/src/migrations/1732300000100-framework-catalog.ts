import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

export class FrameworkCatalog1732300000100 implements MigrationInterface {
  name = 'FrameworkCatalog1732300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE framework_catalog (
        tenant_id text NOT NULL,
        framework_id uuid NOT NULL,
        name text NOT NULL,
        purpose text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, framework_id)
      )`);
    await isolateTenantTable(q, 'framework_catalog');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE framework_catalog`);
  }
}
