import type { KafkaHandle } from '../kafka';
import type { PostgresHandle } from '../postgres';

export interface TestInfraEnv {
  /** Superuser URL of the test PostgreSQL. */
  TEST_DATABASE_URL: string;
  /** Comma-separated bootstrap servers. */
  KAFKA_BROKERS: string;
}

export interface TestInfra {
  /** The variables to hand to tests: the given ones, or those of the servers started here. */
  env: TestInfraEnv;
  /** null when env.TEST_DATABASE_URL was already set. */
  postgres: PostgresHandle | null;
  /** null when env.KAFKA_BROKERS was already set. */
  kafka: KafkaHandle | null;
  /** Stops only the servers started here. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL unless env.TEST_DATABASE_URL is set and Kafka unless env.KAFKA_BROKERS is set, in
 * parallel. If one fails the other is stopped and the error rethrown. Does not modify env.
 */
export declare function startTestInfra(options?: { env?: NodeJS.ProcessEnv }): Promise<TestInfra>;
