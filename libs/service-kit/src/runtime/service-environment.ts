import { KafkaTransport } from '@growth/messaging';
import type { EventSourcedServiceOptions, RunningEventSourcedService } from './event-sourced-service';
import { createLogger } from '../logging/create-logger';

type ServiceEnvironment = Omit<EventSourcedServiceOptions, 'name' | 'module'>;

const required = (env: NodeJS.ProcessEnv, key: string): string => {
  const value = env[key];
  if (!value) throw new Error(`${key} is required`);
  return value;
};

/**
 * Configuration of one service running as its own process (production, `npm run start:kafka`): its own database
 * (`DATABASE_URL` as the application role; `DATABASE_MIGRATION_URL` as the owner that migrates), Kafka, and the
 * secret shared with the gateway. Subgraph ports are for the gateway, not for the public.
 */
export const readServiceEnvironment = (name: string, env: NodeJS.ProcessEnv): ServiceEnvironment => ({
  port: Number(env.PORT ?? 4001),
  host: env.HOST ?? '127.0.0.1',
  databaseUrl: required(env, 'DATABASE_URL'),
  migrationDatabaseUrl: env.DATABASE_MIGRATION_URL,
  gatewaySecret: required(env, 'GATEWAY_SECRET'),
  transport: new KafkaTransport({
    brokers: required(env, 'KAFKA_BROKERS').split(','),
    clientId: name,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR ? Number(env.KAFKA_REPLICATION_FACTOR) : undefined,
  }),
});

/** Starts a service process and stops it cleanly on SIGTERM/SIGINT; a failure to start exits non-zero. */
export const runUntilSignalled = async (start: () => Promise<RunningEventSourcedService>): Promise<void> => {
  const logger = createLogger({ service: 'process' });
  try {
    const running = await start();
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, service: running.name }, 'stopping');
      await running.close();
      await running.infrastructure.transport.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  } catch (error) {
    logger.error({ err: error }, 'failed to start');
    process.exit(1);
  }
};
