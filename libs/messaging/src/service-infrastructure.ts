import type { DataSource, MixedList } from 'typeorm';
import { ALL_TOPICS, type TopicDeclaration } from '@growth/contracts';
import type { EventEnvelope, Upcasters } from '@growth/es';
import { openServiceDataSource, PostgresEventStore, type Projection } from '@growth/es-postgres';
import { OutboxRelay } from './outbox-relay';
import { startProjection, type AsyncProjection } from './projection-consumer';
import { silentLog, type Log, type MessageTransport, type Subscription } from './transport';

export interface ServiceInfrastructureOptions {
  /** Service name: names the relay lock and prefixes consumer groups. */
  readonly name: string;
  /** The run-time connection, as the application role (row-level security applies). */
  readonly databaseUrl: string;
  /** The owner's connection for migrations; omitted, migrations run over `databaseUrl`. */
  readonly migrationDatabaseUrl?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations?: MixedList<Function>;
  readonly transport: MessageTransport;
  /** Topics this service publishes to (created if missing). */
  readonly publishes?: readonly TopicDeclaration[];
  /** Read models of other services' events, each run by a consumer over the transport. */
  readonly projections?: (dataSource: DataSource, store: PostgresEventStore) => readonly AsyncProjection[];
  /** Read models of this service's own events, written in the command's transaction (see `PostgresEventStore`). */
  readonly inlineProjections?: readonly Projection<EventEnvelope>[];
  readonly upcasters?: Upcasters;
  readonly log?: Log;
}

export interface ServiceInfrastructure {
  readonly dataSource: DataSource;
  readonly store: PostgresEventStore;
  readonly transport: MessageTransport;
  readonly relay?: OutboxRelay;
  /** Resolves when the database answers; for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const declarationsOf = (names: readonly string[]): TopicDeclaration[] =>
  [...new Set(names)].map((name) => {
    const declared = ALL_TOPICS.find((t) => t.name === name);
    if (!declared) throw new Error(`Topic ${name} is not declared in @growth/contracts`);
    return declared;
  });

/**
 * What every event-sourced service runs beside its API: its own database (migrated), the event store, an outbox
 * relay when it publishes, and its projections. Closed in reverse order so no in-flight work is cut off.
 */
export const startServiceInfrastructure = async (options: ServiceInfrastructureOptions): Promise<ServiceInfrastructure> => {
  const log = options.log ?? silentLog;
  const dataSource = await openServiceDataSource({
    url: options.databaseUrl,
    migrationUrl: options.migrationDatabaseUrl,
    migrations: options.migrations,
    applicationName: options.name,
  });
  const store = new PostgresEventStore(dataSource, { upcasters: options.upcasters, projections: options.inlineProjections });
  let relay: OutboxRelay | undefined;
  let consumers: BackgroundConsumers | undefined;
  try {
    // Consumers declare the topics they read too, so services can start in any order.
    const projections = options.projections?.(dataSource, store) ?? [];
    await options.transport.ensureTopics(declarationsOf([...(options.publishes ?? []).map((t) => t.name), ...projections.flatMap((p) => p.topics)]));
    if (options.publishes?.length) {
      relay = new OutboxRelay({ dataSource, transport: options.transport, name: options.name, log });
      relay.start();
    }
    consumers = startConsumers(projections.map((projection) => () => startProjection({ dataSource, transport: options.transport, projection, log })), log);
  } catch (error) {
    await relay?.stop();
    await dataSource.destroy();
    throw error;
  }
  log('info', 'event infrastructure started', { service: options.name, relay: Boolean(relay), projections: consumers.count });

  return {
    dataSource,
    store,
    transport: options.transport,
    relay,
    ping: async () => {
      await dataSource.query('SELECT 1');
      if (!consumers.joined()) throw new Error('projection consumers are still joining their groups');
    },
    close: async () => {
      await consumers.stop();
      await relay?.stop();
      await dataSource.destroy();
    },
  };
};

interface BackgroundConsumers {
  readonly count: number;
  joined(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts each consumer without waiting for it: joining a group can take as long as the broker's session timeout
 * (a restarted service's old members linger), and meanwhile the service answers health and schema requests, its
 * readiness saying why it is not ready. A consumer that cannot start (the broker is away) is tried again.
 */
const startConsumers = (starters: ReadonlyArray<() => Promise<Subscription>>, log: Log): BackgroundConsumers => {
  let stopping = false;
  let joined = 0;
  const running = starters.map(async (start, index) => {
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        const subscription = await start();
        joined += 1;
        return subscription;
      } catch (error) {
        log('warn', 'a projection consumer could not start; retrying', { projection: index, attempt, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 5000)));
      }
    }
    return undefined;
  });
  return {
    count: starters.length,
    joined: () => joined === starters.length,
    stop: async () => {
      stopping = true;
      const subscriptions = await Promise.all(running);
      await Promise.all(subscriptions.map((s) => s?.stop()));
    },
  };
};
