import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { competencyAlignmentsProjection } from './crosswalk/crosswalk.projection';
import { FrameworksModule } from './frameworks.module';
import { CompetencyAlignments1764000000100 } from './migrations/1764000000100-competency-alignments';

/** The frameworks service: owner of competency frameworks, rating scales and selection rules. */
export const startFrameworksService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'frameworks',
    migrations: [CompetencyAlignments1764000000100],
    publishes: [Topics.frameworkEvents],
    inlineProjections: [competencyAlignmentsProjection],
    module: (infrastructure) => FrameworksModule.register(infrastructure),
  });
