import { DataSource, type MixedList } from 'typeorm';
import { grantApplicationRole } from './application-role';
import { EventStoreSchema1732300000000 } from './event-store.migration';
import { ProjectionState1732300000003 } from './projection-state.migration';
import { EventStoreTenantIsolation1732300000002 } from './tenant-isolation.migration';

export interface ServiceDataSourceOptions {
  /** The run-time connection: the application role, subject to row-level security. */
  readonly url: string;
  /**
   * The owner's connection, used only to run migrations and grant the application role its privileges. Omitted,
   * migrations run over `url` (for a database without a separate owner, e.g. a library's own tests).
   */
  readonly migrationUrl?: string;
  /** The service's own migrations, run after the event-store schema. */
  readonly migrations?: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/**
 * A TypeORM data source for one service database. Schema changes go through migrations only
 * (`synchronize` stays off), and they run on start-up, under TypeORM's own lock table.
 */
export const createServiceDataSource = (options: ServiceDataSourceOptions): DataSource =>
  new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrations: [EventStoreSchema1732300000000, EventStoreTenantIsolation1732300000002, ProjectionState1732300000003, ...((options.migrations as Function[] | undefined) ?? [])], // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    migrationsTransactionMode: 'each',
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'growth' },
    // Failed queries surface as errors to their callers, who log them with context; TypeORM's console output would only duplicate them.
    logging: false,
  });

export const openServiceDataSource = async (options: ServiceDataSourceOptions): Promise<DataSource> => {
  if (options.migrationUrl && options.migrationUrl !== options.url) {
    const owner = createServiceDataSource({ ...options, url: options.migrationUrl, poolSize: 1 });
    await owner.initialize();
    try {
      await owner.runMigrations({ transaction: 'each' });
    } finally {
      await owner.destroy();
    }
    await grantApplicationRole(options.migrationUrl, decodeURIComponent(new URL(options.url).username));
    const dataSource = createServiceDataSource(options);
    await dataSource.initialize();
    return dataSource;
  }
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
};
