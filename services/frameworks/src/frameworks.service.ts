import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { competencyAlignmentsProjection } from './crosswalk/crosswalk.projection';
import { frameworkListProjection } from './framework/framework-list.projection';
import { FrameworksModule } from './frameworks.module';
import { CompetencyAlignments1764000000100 } from './migrations/1764000000100-competency-alignments';
import { FrameworkList1764000000200 } from './migrations/1764000000200-framework-list';

/** The frameworks service: owner of competency frameworks, rating scales and selection rules. */
export const startFrameworksService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'frameworks',
    migrations: [CompetencyAlignments1764000000100, FrameworkList1764000000200],
    publishes: [Topics.frameworkEvents],
    inlineProjections: [competencyAlignmentsProjection, frameworkListProjection],
    module: (infrastructure) => FrameworksModule.register(infrastructure),
  });
