import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from './tenant-transaction';

/**
 * Runs `work` at most once per (consumer, event id): the processed-event row and the read-model writes commit in
 * one transaction, so a redelivered event finds its row and changes nothing, and a crash before commit leaves
 * neither behind.
 */
export const processOnce = async (
  dataSource: DataSource,
  consumer: string,
  event: { readonly eventId: string; readonly tenantId: string },
  work: (manager: EntityManager) => Promise<void>,
): Promise<boolean> =>
  // The event's own tenant scopes the transaction: a projection can only write rows of the tenant it is told about.
  withTenant(dataSource, event.tenantId, async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO es_processed_events (consumer, event_id, tenant_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [consumer, event.eventId, event.tenantId],
    );
    if (inserted.length === 0) return false;
    await work(manager);
    return true;
  });
