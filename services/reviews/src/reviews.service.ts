import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { cycleListProjection } from './cycle/cycle.projection';
import { directoryCopyProjection } from './directory-copy/directory-copy.projection';
import { frameworkCatalogProjection } from './framework-catalog/framework-catalog.projection';
import { FrameworkCatalog1732300000100 } from './migrations/1732300000100-framework-catalog';
import { FrameworkVersions1732300000200 } from './migrations/1732300000200-framework-versions';
import { Reviews1764100000100 } from './migrations/1764100000100-reviews';
import { ReviewGoals1764100000200 } from './migrations/1764100000200-review-goals';
import { goalsCopyProjection } from './goals-copy/goals-copy.projection';
import { frameworkVersionsProjection } from './framework-versions/framework-versions.projection';
import { reviewListProjection } from './review/review-list.projection';
import { ReviewsModule } from './reviews.module';

/** The reviews service: review cycles, reviews and their year-end summaries; keeps copies of frameworks and the directory from events. */
export const startReviewsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'reviews',
    migrations: [FrameworkCatalog1732300000100, FrameworkVersions1732300000200, Reviews1764100000100, ReviewGoals1764100000200],
    publishes: [Topics.reviewCycleEvents, Topics.reviewEvents],
    inlineProjections: [cycleListProjection, reviewListProjection],
    projections: (_dataSource, store) => [frameworkCatalogProjection, frameworkVersionsProjection, directoryCopyProjection(store), goalsCopyProjection],
    module: (infrastructure) => ReviewsModule.register(infrastructure),
  });
