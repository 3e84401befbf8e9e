import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { frameworkCatalogProjection } from './framework-catalog/framework-catalog.projection';
import { FrameworkCatalog1732300000100 } from './migrations/1732300000100-framework-catalog';
import { ReviewsModule } from './reviews.module';

/** The reviews service: review cycles, ratings and overall assessments; keeps a catalogue of frameworks from events. */
export const startReviewsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'reviews',
    migrations: [FrameworkCatalog1732300000100],
    projections: () => [frameworkCatalogProjection],
    module: (infrastructure) => ReviewsModule.register(infrastructure),
  });
