import type { DataSource, QueryRunner } from 'typeorm';
import { PostgresOutbox } from '@growth/es-postgres';
import { silentLog, type Log, type MessageTransport } from './transport';

export interface OutboxRelayOptions {
  readonly dataSource: DataSource;
  readonly transport: Pick<MessageTransport, 'publish'>;
  /** Names the advisory lock: one active relay per service database, others wait as standbys. */
  readonly name: string;
  readonly batchSize?: number;
  /** How long to wait for a NOTIFY before looking again anyway. */
  readonly idleMs?: number;
  readonly log?: Log;
}

/**
 * Publishes outbox rows in commit order and marks them published only after the transport acknowledged them. A
 * crash between the two republishes the batch (at-least-once; consumers de-duplicate by event id), never skips.
 * Appends NOTIFY `es_outbox`, so the relay wakes at commit instead of polling.
 */
export class OutboxRelay {
  private readonly outbox: PostgresOutbox;
  private readonly log: Log;
  private running = false;
  private loop?: Promise<void>;
  private wake: () => void = () => undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.outbox = new PostgresOutbox(options.dataSource);
    this.log = options.log ?? silentLog;
  }

  /** Publishes one batch; returns how many messages went out. */
  async relayOnce(): Promise<number> {
    const pending = await this.outbox.pending(this.options.batchSize ?? 500);
    if (pending.length === 0) return 0;
    await this.options.transport.publish(
      pending.map((m) => ({ topic: m.topic, key: m.key, headers: m.headers, value: JSON.stringify(m.payload) })),
    );
    await this.outbox.markPublished(pending.map((m) => m.position));
    return pending.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  private async run(): Promise<void> {
    const listener = this.options.dataSource.createQueryRunner();
    try {
      const client = (await listener.connect()) as { on(event: 'notification', cb: () => void): void; removeAllListeners(event: string): void };
      client.on('notification', () => this.wake());
      await listener.query('LISTEN es_outbox');
      await this.waitForLeadership(listener);
      let failures = 0;
      while (this.running) {
        const woken = this.nextWake(this.options.idleMs ?? 1000);
        try {
          const sent = await this.relayOnce();
          failures = 0;
          if (sent > 0) continue;
        } catch (error) {
          failures += 1;
          this.log('error', 'outbox relay failed to publish; will retry', { relay: this.options.name, error: (error as Error).message, failures });
          await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 5000)));
          continue;
        }
        await woken;
      }
      client.removeAllListeners('notification');
      await listener.query('UNLISTEN es_outbox');
      await listener.query('SELECT pg_advisory_unlock(hashtext($1))', [`relay:${this.options.name}`]);
    } finally {
      await listener.release();
    }
  }

  private async waitForLeadership(listener: QueryRunner): Promise<void> {
    while (this.running) {
      const [{ locked }] = await listener.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`relay:${this.options.name}`]);
      if (locked) return;
      await this.nextWake(2000);
    }
  }

  private nextWake(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
