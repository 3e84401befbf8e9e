import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** Published framework versions (from FrameworkPublished), and the catalogue's latest published version number. */
export class FrameworkVersions1732300000200 implements MigrationInterface {
  name = 'FrameworkVersions1732300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE framework_versions (
        tenant_id text NOT NULL,
        framework_id uuid NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        definition jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, framework_id, version)
      )`);
    await isolateTenantTable(q, 'framework_versions');
    await q.query(`ALTER TABLE framework_catalog ADD COLUMN latest_published_version integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE framework_catalog DROP COLUMN latest_published_version`);
    await q.query(`DROP TABLE framework_versions`);
  }
}
