import type { DataSource, QueryRunner } from 'typeorm';
import { PostgresOutbox, type RelayOutboxMessage } from '@growth/es-postgres';
import { silentLog, type Log, type MessageTransport, type OutgoingMessage } from './transport';

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

type NotifyingClient = { on(event: 'notification', cb: () => void): void; removeAllListeners(event: string): void };

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const positionsOf = (batch: readonly RelayOutboxMessage[]): string[] => batch.map((m) => m.position);
/** A pending row is already an outgoing message (plus its position, which the transport ignores). */
const toOutgoing = (batch: readonly RelayOutboxMessage[]): readonly OutgoingMessage[] => batch;

/**
 * Publishes outbox rows in commit order and marks them published only after the transport acknowledged them. A
 * crash between the two republishes the batch (at-least-once; consumers de-duplicate by event id), never skips.
 * Appends NOTIFY `es_outbox`, so the relay wakes at commit instead of polling.
 *
 * `relayPending` (what the running relay uses) is pipelined: batches are published strictly one after the other,
 * each only once the one before it was acknowledged, but while one is in flight the relay marks the previous one and
 * reads the next in one transaction, so the outbox's work hides behind the broker's. It reads ahead only when a full
 * batch suggests a backlog; otherwise it reads after the acknowledgement (marking in the same transaction), so rows
 * committed meanwhile go out in the very next batch.
 */
export class OutboxRelay {
  private readonly outbox: PostgresOutbox;
  private readonly log: Log;
  private readonly batchSize: number;
  private running = false;
  private loop?: Promise<void>;
  private wake: () => void = () => undefined;
  private stopped: Promise<void> = Promise.resolve();
  private signalStop: () => void = () => undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.outbox = new PostgresOutbox(options.dataSource);
    this.log = options.log ?? silentLog;
    this.batchSize = options.batchSize ?? 500;
  }

  /** Publishes one batch, then marks it: read, publish, mark, one after the other; returns how many messages went out. */
  async relayOnce(): Promise<number> {
    const pending = await this.outbox.markAndReadPending({ markPublished: [], exclude: [], limit: this.batchSize });
    if (pending.length === 0) return 0;
    await this.options.transport.publish(toOutgoing(pending));
    await this.outbox.markPublished(positionsOf(pending));
    return pending.length;
  }

  /**
   * Publishes until a read finds nothing pending (or `keepGoing` says stop), pipelined, on one pooled connection;
   * returns how many messages went out. Rejects when a publish or an outbox transaction fails: acknowledged rows not yet marked stay pending
   * and go out again on the next call, and nothing read ahead after a failed batch is ever published before it.
   */
  async relayPending(keepGoing: () => boolean = () => true): Promise<number> {
    // One connection for the whole run: no pool round trip per step.
    const connection = this.options.dataSource.createQueryRunner();
    try {
      return await this.drain(new PostgresOutbox(connection), keepGoing);
    } finally {
      await connection.release();
    }
  }

  private async drain(outbox: PostgresOutbox, keepGoing: () => boolean): Promise<number> {
    const limit = this.batchSize;
    let sent = 0;
    /** Acknowledged by the broker, not yet marked. */
    let acknowledged: string[] = [];
    /** Marks `acknowledged` and reads `read` more rows, leaving out `held`; if that transaction fails they stay to be marked. */
    const markAndRead = async (held: readonly RelayOutboxMessage[], read: number): Promise<RelayOutboxMessage[]> => {
      const marking = acknowledged;
      acknowledged = [];
      try {
        return await outbox.markAndReadPending({ markPublished: marking, exclude: positionsOf(held), limit: read });
      } catch (error) {
        acknowledged = marking.concat(acknowledged);
        throw error;
      }
    };
    let failure: { error: unknown } | undefined;
    try {
      let next = await markAndRead([], limit);
      while (next.length > 0) {
        const batch = next;
        // A full batch: there is a backlog. Mark the previous batch and read the next while this one is in flight. The
        // query goes out first (the publish starts a turn of the event loop later), so PostgreSQL works on it while
        // the producer encodes the batch on this thread.
        const readingAhead = batch.length >= limit && keepGoing();
        const readAhead = readingAhead ? markAndRead(batch, limit) : Promise.resolve<RelayOutboxMessage[]>([]);
        const publishing = (readingAhead ? nextTurn() : Promise.resolve()).then(() => this.options.transport.publish(toOutgoing(batch)));
        const [published, read] = await Promise.allSettled([publishing, readAhead]);
        if (published.status === 'rejected') throw published.reason; // `batch` stays pending; what was read ahead is dropped unpublished
        acknowledged.push(...positionsOf(batch));
        sent += batch.length;
        if (read.status === 'rejected') throw read.reason;
        if (!keepGoing()) break;
        let rows = read.value;
        if (rows.length < limit) {
          // No (more) backlog: take what committed meanwhile, marking the acknowledged rows in the same transaction.
          // Those rows committed after everything in `rows` was read, so sending them after `rows` keeps each stream in order.
          rows = rows.concat(await markAndRead(rows, limit - rows.length));
        }
        next = rows;
      }
    } catch (error) {
      failure = { error };
    }
    // Whatever the broker acknowledged is marked, also when a later step failed (if this fails too, it goes out again).
    if (acknowledged.length > 0) {
      try {
        await markAndRead([], 0);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
    return sent;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = new Promise((resolve) => (this.signalStop = resolve));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signalStop();
    this.wake();
    await this.loop;
    this.loop = undefined;
  }

  /** Leads (or waits to) on a connection of its own; if that connection breaks, on a new one, lock taken again. */
  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.lead();
        return;
      } catch (error) {
        failures += 1;
        this.log('error', 'outbox relay lost its connection; reconnecting', { relay: this.options.name, error: (error as Error).message, failures });
        await this.pause(Math.min(100 * 2 ** failures, 5000));
      }
    }
  }

  /**
   * On one connection: LISTEN, take the advisory lock, then relay until stopped. The relay's own transactions run on
   * this connection too, so they never queue behind the service's commands for a pooled one, and a relay whose
   * connection (and with it the lock) is gone cannot mark anything: it reconnects and competes for the lock again.
   */
  private async lead(): Promise<void> {
    const connection = this.options.dataSource.createQueryRunner();
    let client: NotifyingClient | undefined;
    try {
      client = (await connection.connect()) as NotifyingClient;
      client.on('notification', () => this.wake());
      await connection.query('LISTEN es_outbox');
      if (!(await this.waitForLeadership(connection))) return;
      const outbox = new PostgresOutbox(connection);
      let failures = 0;
      while (this.running) {
        // Armed before relaying: a NOTIFY that arrives while it publishes makes the loop look again at once.
        const woken = this.nextWake(this.options.idleMs ?? 1000);
        try {
          await this.drain(outbox, () => this.running);
          failures = 0;
        } catch (error) {
          failures += 1;
          this.log('error', 'outbox relay failed to publish; will retry', { relay: this.options.name, error: (error as Error).message, failures });
          await connection.query('SELECT 1'); // throws if the connection itself is gone: then reconnect
          await this.pause(Math.min(100 * 2 ** failures, 5000));
          continue;
        }
        await woken;
      }
    } finally {
      client?.removeAllListeners('notification');
      // Back to the pool without LISTEN or the lock (on a broken connection these fail, and TypeORM discards it).
      await connection.query('UNLISTEN es_outbox').catch(() => undefined);
      await connection.query('SELECT pg_advisory_unlock(hashtext($1))', [`relay:${this.options.name}`]).catch(() => undefined);
      await connection.release();
    }
  }

  /** Waits for the advisory lock; false if stopped first. */
  private async waitForLeadership(connection: QueryRunner): Promise<boolean> {
    while (this.running) {
      const [{ locked }] = await connection.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`relay:${this.options.name}`]);
      if (locked) return true;
      await this.nextWake(2000);
    }
    return false;
  }

  /** Sleeps `ms`, or less if stopped meanwhile (a NOTIFY does not cut it short: it is a back-off). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      void this.stopped.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
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
