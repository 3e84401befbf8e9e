import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { FrameworksModule } from './frameworks.module';

/** The frameworks service: owner of competency frameworks, rating scales and selection rules. */
export const startFrameworksService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'frameworks',
    publishes: [Topics.frameworkEvents],
    module: (infrastructure) => FrameworksModule.register(infrastructure),
  });
