import type { DataSource, EntityManager } from 'typeorm';
import { InvalidStateError } from '@growth/es';

/**
 * One writer per tenant directory at a time. Cycle checks (sites, reporting lines) read the current tree and then
 * write: two concurrent writers could each pass the check and together close a loop. Serialising a tenant's
 * directory writes makes every check see the tree it changes, and lets an import validate a whole file against a
 * tree nobody else changes until it is applied. Directory writes are rare (HR edits, nightly feeds), so this costs
 * little. Tenants never wait for each other.
 */
const LOCK_KEY = `hashtextextended('growth.directory:' || $1, 0)`;
const LOCK_NOT_AVAILABLE = '55P03';
const busy = () => new InvalidStateError('The directory of this tenant is being changed by an import; try again in a moment');

/** For one command: held until its transaction ends. */
export const lockTenantDirectory = async (manager: EntityManager, tenantId: string): Promise<void> => {
  await manager.query(`SET LOCAL lock_timeout = '10s'`);
  try {
    await manager.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [tenantId]);
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw busy();
    throw error;
  }
};

/**
 * For an import, which commits in many transactions: a session lock on a connection of its own, held across all
 * of them. Its own batch transactions must not ask for the transaction lock (they would wait for themselves).
 */
export const holdTenantDirectory = async <T>(dataSource: DataSource, tenantId: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> => {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // Polling try-lock instead of lock_timeout: no session setting to reset before the connection goes back to the pool.
    const deadline = Date.now() + waitMs;
    for (;;) {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS locked`, [tenantId]);
      if (locked) break;
      if (Date.now() > deadline) throw busy();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [tenantId]);
    }
  } finally {
    await runner.release();
  }
};
