import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { DirectoryModule } from './directory.module';

/** The directory service: tenants, sites, people and reporting lines. */
export const startDirectoryService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({ ...options, name: 'directory', module: (infrastructure) => DirectoryModule.register(infrastructure) });
