import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startDirectoryService } from '@growth/directory';
import { startFrameworksService } from '@growth/frameworks';
import { startGateway, createDevIssuer, type DevIssuer, type GatewayOptions } from '@growth/gateway';
import { startGoalsService } from '@growth/goals';
import { createDatabase } from '@growth/infra-postgres';
import { ensureApplicationRole, openServiceDataSource, urlForRole, type ApplicationRole } from '@growth/es-postgres';
import { InProcessTransport, InProcessTransportSchema1732300000001, KafkaTransport, type MessageTransport } from '@growth/messaging';
import { readNotificationsConfig, startNotificationsService, type NotificationsServiceOptions } from '@growth/notifications';
import { startReviewsService } from '@growth/reviews';
import { createLogger, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';

export interface PlatformOptions {
  /** Superuser URL of the PostgreSQL server that holds one database per service. */
  readonly adminDatabaseUrl: string;
  /** Use Kafka at these brokers; otherwise the in-process transport (durable in its own database). */
  readonly kafkaBrokers?: readonly string[];
  readonly gatewayPort: number;
  readonly host?: string;
  /** First port of the five subgraphs (on loopback: only the gateway is for clients); 0 picks free ports. */
  readonly subgraphBasePort?: number;
  readonly production?: boolean;
  /** Databases are named `<prefix>_<service>`; tests use a unique prefix per platform. */
  readonly databasePrefix?: string;
  /** The gateway's per-identity rate limit; defaults to the gateway's own default, `false` turns it off. */
  readonly rateLimit?: GatewayOptions['rateLimit'];
  /** Per-operation limits and batch size; the gateway's defaults when unset. */
  readonly queryLimits?: GatewayOptions['queryLimits'];
  readonly maxBatchOperations?: GatewayOptions['maxBatchOperations'];
  /** The development issuer (e.g. with a persisted key); a fresh in-memory one when unset. */
  readonly issuer?: DevIssuer;
  /** Verify tokens against this (e.g. a real identity provider's JWKS) instead: `issuer`'s tokens are then refused. */
  readonly auth?: GatewayOptions['auth'];
  /** Email, webhook and job settings of the notifications service; from the environment when unset (`readNotificationsConfig`). */
  readonly notifications?: NotificationsServiceOptions['notifications'];
}

export interface RunningPlatform {
  readonly gatewayUrl: string;
  readonly issuer: DevIssuer;
  /** The secret the gateway signs identities with: whoever holds it can call a subgraph directly (the benchmarks do). */
  readonly gatewaySecret: string;
  readonly services: readonly RunningEventSourcedService[];
  readonly transport: MessageTransport;
  close(): Promise<void>;
}

type ServiceStarter = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>, platform: PlatformOptions) => Promise<RunningEventSourcedService>;
const SERVICES: ReadonlyArray<[string, ServiceStarter]> = [
  ['frameworks', startFrameworksService],
  ['reviews', startReviewsService],
  ['goals', startGoalsService],
  ['notifications', (options, platform) => startNotificationsService({ ...options, notifications: platform.notifications ?? readNotificationsConfig(process.env) })],
  ['directory', startDirectoryService],
];

/** Every service and the gateway in one process: the embedded default behind `npm start`, and the end-to-end tests. */
export const startPlatform = async (options: PlatformOptions): Promise<RunningPlatform> => {
  const logger = createLogger({ service: 'platform' });
  const prefix = options.databasePrefix ?? 'growth';
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    let transport: MessageTransport;
    if (options.kafkaBrokers?.length) {
      transport = new KafkaTransport({ brokers: options.kafkaBrokers, clientId: 'growth-platform' });
    } else {
      const bus: DataSource = await openServiceDataSource({
        url: await createDatabase(options.adminDatabaseUrl, `${prefix}_bus`),
        migrations: [InProcessTransportSchema1732300000001],
        applicationName: 'bus',
      });
      closers.push(() => bus.destroy());
      transport = new InProcessTransport(bus);
    }
    closers.push(() => transport.close());

    const gatewaySecret = randomBytes(32).toString('base64url');
    // Services connect as an application role that owns nothing and cannot bypass row-level security.
    const appRole: ApplicationRole = { name: `${prefix}_app`, password: randomBytes(18).toString('base64url') };
    await ensureApplicationRole(options.adminDatabaseUrl, appRole);
    const services: RunningEventSourcedService[] = [];
    for (const [index, [name, start]] of SERVICES.entries()) {
      const ownerUrl = await createDatabase(options.adminDatabaseUrl, `${prefix}_${name}`);
      const service = await start({
        port: options.subgraphBasePort ? options.subgraphBasePort + index : 0,
        host: '127.0.0.1',
        databaseUrl: urlForRole(ownerUrl, appRole),
        migrationDatabaseUrl: ownerUrl,
        transport,
        gatewaySecret,
        shutdownHooks: false,
      }, options);
      services.push(service);
      closers.push(() => service.close());
    }

    const issuer = options.issuer ?? (await createDevIssuer());
    const gateway = await startGateway({
      port: options.gatewayPort,
      host: options.host ?? '127.0.0.1',
      subgraphs: services.map((s) => ({ name: s.name, url: `${s.url}/graphql` })),
      auth: options.auth ?? issuer.auth,
      gatewaySecret,
      production: options.production ?? false,
      rateLimit: options.rateLimit,
      queryLimits: options.queryLimits,
      maxBatchOperations: options.maxBatchOperations,
    });
    closers.push(() => gateway.close());
    return { gatewayUrl: `${gateway.url}/graphql`, issuer, gatewaySecret, services, transport, close };
  } catch (error) {
    await close();
    throw error;
  }
};
