import type { DataSource, EntityManager } from 'typeorm';

export interface PendingOutboxMessage {
  readonly position: string;
  readonly eventId: string;
  readonly tenantId: string;
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly payload: object;
}

/**
 * The relay's view of the outbox. Pending rows come in (transaction_id, position) order: a later write to a stream
 * can only start after the earlier one committed, so this order keeps each stream's events in sequence. Rows of
 * transactions still in flight are invisible and simply picked up on a later pass (the relay re-reads everything
 * unpublished, it does not tail by position, so nothing is skipped).
 */
export class PostgresOutbox {
  constructor(private readonly dataSource: DataSource) {}

  /** The relay is the one process that reads every tenant's outbox rows: row-level security allows it by this setting. */
  private asRelay<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      return work(manager);
    });
  }

  async pending(limit: number): Promise<PendingOutboxMessage[]> {
    const rows: Array<{ position: string; event_id: string; tenant_id: string; topic: string; message_key: string; headers: Record<string, string>; payload: object }> =
      await this.asRelay((manager) => manager.query(
        `SELECT position, event_id, tenant_id, topic, message_key, headers, payload FROM es_outbox
         WHERE published_at IS NULL ORDER BY transaction_id, position LIMIT $1`,
        [limit],
      ));
    return rows.map((r) => ({ position: r.position, eventId: r.event_id, tenantId: r.tenant_id, topic: r.topic, key: r.message_key, headers: r.headers, payload: r.payload }));
  }

  async markPublished(positions: readonly string[]): Promise<void> {
    if (positions.length === 0) return;
    await this.asRelay((manager) => manager.query(`UPDATE es_outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [positions]));
  }

  async countPending(): Promise<number> {
    const [{ count }] = await this.asRelay((manager) => manager.query(`SELECT count(*)::int AS count FROM es_outbox WHERE published_at IS NULL`));
    return count;
  }
}
