/** Folder holding the broker's jars: `<repo>/.cache/kafka/libs`. */
export declare const LIBS_DIR: string;

export interface ResolveKafkaOptions {
  /** Hide Maven's output unless it fails. Default: true. */
  quiet?: boolean;
}

/**
 * Copies the broker's runtime classpath (pom.xml) into `<repo>/.cache/kafka/libs` with Maven,
 * once per pom.xml content. Resolves to that folder.
 */
export declare function resolveKafka(options?: ResolveKafkaOptions): Promise<string>;

export interface StartKafkaOptions {
  /**
   * Broker data and logs. Default: a temporary folder, removed by stop(). A given folder is kept and reused, with
   * the ports it was first started on (`ports.json`), so a restarted broker is where its clients left it.
   */
  dataDir?: string;
  /** Broker (client) port on 127.0.0.1. Default: the kept one, else a free port. */
  port?: number;
  /** JVM heap in MB. Default: 512. */
  heapMb?: number;
  /** Passed to resolveKafka. Default: true. */
  quiet?: boolean;
}

export interface KafkaHandle {
  /** Bootstrap servers for clients, e.g. "127.0.0.1:40123". */
  brokers: string;
  port: number;
  /** Holds server.properties, kraft-logs/, broker.log (log4j, WARN+) and broker.out (JVM output). */
  dataDir: string;
  /** SIGTERM, SIGKILL after 10 s; removes a temporary dataDir. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts a single-node KRaft broker (broker + controller) on 127.0.0.1 and resolves once it answers a
 * Metadata request naming itself (60 s timeout; the error carries the end of the broker's logs).
 * Topics are not auto-created. The broker is killed when this process exits.
 */
export declare function startKafka(options?: StartKafkaOptions): Promise<KafkaHandle>;
