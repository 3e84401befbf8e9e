import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

export interface PendingOutboxMessage {
  readonly position: string;
  readonly eventId: string;
  readonly tenantId: string;
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  readonly payload: object;
}

/** A pending row as the relay sends it: the payload as the JSON text PostgreSQL renders it (never parsed and re-serialised). */
export interface RelayOutboxMessage {
  readonly position: string;
  readonly topic: string;
  readonly key: string;
  readonly headers: Record<string, string>;
  /** The payload's JSON text. */
  readonly value: string;
}

export interface MarkAndReadOptions {
  /** Positions the broker has acknowledged: marked published first, in the same transaction. */
  readonly markPublished: readonly string[];
  /** Positions the relay holds but has not marked yet (being published, or read ahead): left out of the read. */
  readonly exclude: readonly string[];
  /** How many pending rows to read after marking; 0 only marks. */
  readonly limit: number;
}

/** Outbox positions are bigints the relay read from the outbox itself; anything else is refused, never put into SQL. */
const POSITION = /^[0-9]{1,19}$/;
const positionArray = (positions: readonly string[]): string => {
  for (const position of positions) if (!POSITION.test(position)) throw new Error(`Not an outbox position: ${JSON.stringify(position)}`);
  return `'{${positions.join(',')}}'::bigint[]`;
};

/**
 * The relay's view of the outbox. Pending rows come in (transaction_id, position) order: a later write to a stream
 * can only start after the earlier one committed, so this order keeps each stream's events in sequence. Rows of
 * transactions still in flight are invisible and simply picked up on a later pass (the relay re-reads everything
 * unpublished, it does not tail by position, so nothing is skipped).
 */
export class PostgresOutbox {
  /**
   * On a data source, each call takes a pooled connection; on a query runner, every call runs on its connection (the
   * relay's own, which holds its advisory lock: then it never queues behind the service's commands for a pooled one).
   */
  constructor(private readonly source: DataSource | QueryRunner) {}

  private transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.source instanceof DataSource ? this.source.transaction(work) : this.source.manager.transaction(work);
  }

  /**
   * Statements sent as one simple-protocol message: PostgreSQL runs them as one implicit transaction (settings made
   * with set_config(..., true) last until its end; an error rolls all of it back), in a single round trip.
   */
  private async inOneRoundTrip(statements: readonly string[]): Promise<Array<{ rows: unknown[] }>> {
    const runner = this.source instanceof DataSource ? this.source.createQueryRunner() : this.source;
    try {
      const client = (await runner.connect()) as { query(sql: string): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>> };
      const results = await client.query(statements.join(';\n'));
      return Array.isArray(results) ? results : [results];
    } finally {
      if (runner !== this.source) await runner.release();
    }
  }

  /** The relay is the one process that reads every tenant's outbox rows: row-level security allows it by this setting. */
  private asRelay<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(async (manager) => {
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

  /**
   * The relay's one round trip to the outbox: marks what the broker acknowledged, then reads the next pending rows
   * in (transaction_id, position) order, leaving out the rows it still holds unmarked. One transaction, so a crash
   * either marks the acknowledged rows or leaves them pending (to be sent again), never in between.
   */
  async markAndReadPending({ markPublished, exclude, limit }: MarkAndReadOptions): Promise<RelayOutboxMessage[]> {
    const read = Math.max(0, Math.floor(limit));
    if (markPublished.length === 0 && read === 0) return [];
    const statements = [
      // The relay setting, and (for this transaction only) no sorts: the pending rows are read in the order of their
      // partial index, es_outbox_pending. Statistics taken while the outbox was nearly empty (a backlog builds up
      // while the broker is away) would otherwise have the planner sort every pending row for each batch.
      `SELECT set_config('app.outbox_relay', 'on', true), set_config('enable_sort', 'off', true)`,
      ...(markPublished.length > 0 ? [`UPDATE es_outbox SET published_at = now() WHERE position = ANY(${positionArray(markPublished)})`] : []),
      // The payload goes out as PostgreSQL renders it, converted after the LIMIT, for the batch's rows only.
      ...(read > 0
        ? [
            `SELECT position, topic, message_key AS key, headers, payload::text AS value FROM (
               SELECT transaction_id, position, topic, message_key, headers, payload FROM es_outbox
               WHERE published_at IS NULL${exclude.length > 0 ? ` AND NOT (position = ANY(${positionArray(exclude)}))` : ''}
               ORDER BY transaction_id, position LIMIT ${read}
             ) AS next ORDER BY transaction_id, position`,
          ]
        : []),
    ];
    const results = await this.inOneRoundTrip(statements);
    // The rows already have the message's shape (no second object per row: this runs on the relay's busy thread).
    return read === 0 ? [] : (results[results.length - 1].rows as RelayOutboxMessage[]);
  }

  async countPending(): Promise<number> {
    const [{ count }] = await this.asRelay((manager) => manager.query(`SELECT count(*)::int AS count FROM es_outbox WHERE published_at IS NULL`));
    return count;
  }
}
