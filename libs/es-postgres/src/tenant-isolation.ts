import type { DataSource, QueryRunner } from 'typeorm';
import { TENANT_SETTING } from './tenant-transaction';

/**
 * Row-level security for a table with a `tenant_id` column: rows are visible and writable only while the
 * transaction's tenant setting names their tenant. FORCE makes it apply to the table owner too; the application
 * role owns nothing and cannot bypass it. `extraUsing` widens it, for reading and for
 * updating, for one named cross-tenant process (the relay marks rows of every tenant published).
 */
export const isolateTenantTable = async (q: QueryRunner, table: string, extraUsing?: string): Promise<void> => {
  const tenantMatches = `tenant_id = current_setting('${TENANT_SETTING}', true)`;
  const allowed = extraUsing ? `${tenantMatches} OR ${extraUsing}` : tenantMatches;
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY tenant_isolation ON ${table} USING (${allowed}) WITH CHECK (${allowed})`);
};

export interface TenantTableCheck {
  readonly table: string;
  readonly rowSecurity: boolean;
  readonly forced: boolean;
  readonly policies: number;
}

/** Every table of the public schema with a `tenant_id` column, and whether it is isolated. */
export const tenantTableIsolation = async (dataSource: DataSource): Promise<TenantTableCheck[]> =>
  (
    await dataSource.query(
      `SELECT c.relname AS table, c.relrowsecurity AS "rowSecurity", c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
       ORDER BY c.relname`,
    )
  ).map((r: TenantTableCheck) => r);
