import { DataSource, type MixedList } from 'typeorm';
import { EventStoreSchema1732300000000 } from './event-store.migration';

export interface ServiceDataSourceOptions {
  readonly url: string;
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
    migrations: [EventStoreSchema1732300000000, ...((options.migrations as Function[] | undefined) ?? [])], // eslint-disable-line @typescript-eslint/no-unsafe-function-type
    migrationsTransactionMode: 'each',
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'growth' },
    logging: ['error'],
  });

export const openServiceDataSource = async (options: ServiceDataSourceOptions): Promise<DataSource> => {
  const dataSource = createServiceDataSource(options);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
};
