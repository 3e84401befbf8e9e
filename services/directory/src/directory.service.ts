import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { DirectoryModule } from './directory.module';
import { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';
import { DIRECTORY_PROJECTIONS } from './directory.projections';

/**
 * The directory service: tenants, sites, people and reporting lines. Its events stay private for now (no topic in
 * @growth/contracts yet); its read models are inline projections, written in the same transaction as the events.
 */
export const startDirectoryService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'directory',
    migrations: DIRECTORY_MIGRATIONS,
    inlineProjections: DIRECTORY_PROJECTIONS,
    module: (infrastructure) => DirectoryModule.register(infrastructure),
  });
