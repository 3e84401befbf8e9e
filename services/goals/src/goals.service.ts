import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { GoalsModule } from './goals.module';

/** The goals service: SMART performance and development goals, objectives and development plans. */
export const startGoalsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({ ...options, name: 'goals', module: (infrastructure) => GoalsModule.register(infrastructure) });
