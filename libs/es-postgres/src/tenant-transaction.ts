import type { DataSource, EntityManager } from 'typeorm';

/** The PostgreSQL setting row-level security policies compare `tenant_id` with. */
export const TENANT_SETTING = 'app.tenant_id';

/**
 * Runs `work` in a transaction scoped to one tenant: the setting is transaction-local (`set_config(..., true)`), so
 * it ends with the transaction and can never leak to the next request that borrows the pooled connection. Every
 * read and write of tenant data goes through here; without it, row-level security shows and accepts nothing.
 */
export const withTenant = async <T>(dataSource: DataSource, tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> => {
  if (!tenantId) throw new Error('A tenant is required');
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config($1, $2, true)`, [TENANT_SETTING, tenantId]);
    return work(manager);
  });
};
