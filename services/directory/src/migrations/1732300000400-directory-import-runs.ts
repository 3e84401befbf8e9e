import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/**
 * The import that owns the staged rows of a tenant: written when an import takes the tenant's import lock, deleted
 * with its staged rows when it ends. An import taking the lock deletes every staged row, error and record of the
 * tenant first (none can belong to a live import: that would hold the lock), which is how what a killed import left
 * is swept. Every transaction of an import checks its record is still there, so an import that lost the lock (a
 * dropped connection) and was superseded stops instead of writing on. Unlogged like the staging it describes: after
 * a server crash both are empty.
 */
export class DirectoryImportRuns1732300000400 implements MigrationInterface {
  name = 'DirectoryImportRuns1732300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE directory_imports (
        tenant_id text NOT NULL,
        import_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, import_id)
      )`);
    await isolateTenantTable(q, 'directory_imports');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE directory_imports`);
  }
}
