import path from 'node:path';

/** Between gateway-bench and its platform process (platform-worker). */

/** infra/embedded's build of `startPlatform`, from infra/bench/dist (bench:build builds infra/embedded first). */
export const PLATFORM_MODULE = path.resolve(__dirname, '../../embedded/dist/platform.js');

/** What the benchmark passes in (as JSON in BENCH_PLATFORM_WORKER). */
export interface PlatformWorkerConfig {
  readonly adminDatabaseUrl: string;
  /** Kafka; the in-process transport when absent. */
  readonly kafkaBrokers?: readonly string[];
  readonly databasePrefix: string;
}

export type PlatformWorkerMessage =
  | {
      readonly type: 'ready';
      readonly gatewayUrl: string;
      /** A development token of the bench tenant with the hr role (may edit and read frameworks). */
      readonly token: string;
      readonly gatewaySecret: string;
      readonly subgraphs: ReadonlyArray<{ readonly name: string; readonly url: string }>;
    }
  | { readonly type: 'failed'; readonly error: string }
  /**
   * The answer to `{ type: 'cost' }`: the platform process's `process.cpuUsage()` so far (user + system, in
   * microseconds) and how many statements it has sent to PostgreSQL (pg's Client#query calls).
   */
  | { readonly type: 'cost'; readonly cpuMicros: number; readonly statements: number };

