import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { DirectoryModule } from './directory.module';
import { DIRECTORY_MIGRATIONS } from './migrations/1732300000300-directory-read-models';
import { DirectoryIntegrationEvents1765000000100 } from './migrations/1765000000100-directory-integration-events';
import { DIRECTORY_PROJECTIONS } from './directory.projections';

/**
 * The directory service: tenants, sites, people and reporting lines. It publishes every event (people's with new
 * values only for a change of details) on `directory.person.v1`, `directory.site.v1` and `directory.tenant.v1`;
 * its read models are inline projections, written in the same transaction as the events.
 */
export const startDirectoryService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'directory',
    migrations: [...DIRECTORY_MIGRATIONS, DirectoryIntegrationEvents1765000000100],
    publishes: [Topics.directoryPersonEvents, Topics.directorySiteEvents, Topics.directoryTenantEvents],
    inlineProjections: DIRECTORY_PROJECTIONS,
    module: (infrastructure) => DirectoryModule.register(infrastructure),
  });
