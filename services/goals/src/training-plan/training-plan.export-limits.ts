import { Transform } from 'node:stream';

/**
 * What keeps CSV downloads from starving the service of database connections: each download holds one pooled
 * connection (10 per instance) and an open transaction for as long as its client takes to read.
 */
export const EXPORT_LIMITS = {
  /** Downloads at once per instance, well below the pool, so commands and queries always find a connection. */
  concurrent: 2,
  /** Sent with a 503 when every slot is taken. */
  retryAfterSeconds: 30,
  /** A client that has taken nothing for this long is cut off, and its transaction and connection released. */
  stallMs: 60_000,
  /** Backstops in the database, should the service itself hang: one FETCH running long, a transaction left idle. */
  statementTimeoutMs: 30_000,
  idleInTransactionMs: 90_000,
} as const;

/** A counter of downloads in progress; `take` answers null when all are taken. */
export class ExportSlots {
  private taken = 0;

  constructor(private readonly limit: number) {}

  /** A release to call when the download ends, however it ends; calling it more than once frees one slot. */
  take(): (() => void) | null {
    if (this.taken >= this.limit) return null;
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}

/**
 * Passes chunks on as the reader takes them; when nothing has moved for `ms` (the reader stopped reading, and
 * backpressure stopped the export at its cursor) it fails, and the pipeline it is in tears the export down.
 */
export const stallGuard = (ms: number): Transform => {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      arm();
      callback(null, chunk);
    },
    flush(callback) {
      clearTimeout(timer);
      callback();
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => guard.destroy(new Error(`the client read nothing for ${ms} ms`)), ms);
    timer.unref();
  };
  arm();
  return guard;
};
