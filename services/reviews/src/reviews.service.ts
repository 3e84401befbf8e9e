import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { frameworkCatalogProjection } from './framework-catalog/framework-catalog.projection';
import { FrameworkCatalog1732300000100 } from './migrations/1732300000100-framework-catalog';
import { FrameworkVersions1732300000200 } from './migrations/1732300000200-framework-versions';
import { frameworkVersionsProjection } from './framework-versions/framework-versions.projection';
import { ReviewsModule } from './reviews.module';

/** The reviews service: review cycles, ratings and overall assessments; keeps a catalogue of frameworks from events. */
export const startReviewsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'reviews',
    migrations: [FrameworkCatalog1732300000100, FrameworkVersions1732300000200],
    projections: () => [frameworkCatalogProjection, frameworkVersionsProjection],
    module: (infrastructure) => ReviewsModule.register(infrastructure),
  });
