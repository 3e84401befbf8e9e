import { Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, SubgraphModule, eventInfrastructureProviders } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { CycleResolver } from './cycle/cycle.resolver';
import { CycleOpener } from './cycle/open-cycle/cycle-opener';
import { OpenCycleHandler } from './cycle/open-cycle/open-cycle.handler';
import { FrameworkCatalogResolver } from './framework-catalog/framework-catalog.resolver';
import { FrameworkVersionsResolver } from './framework-versions/framework-versions.resolver';
import { ApplyReviewCommandHandler } from './review/apply-review-command/apply-review-command.handler';
import { ReviewReader } from './review/review.reader';
import { ReviewResolver } from './review/review.resolver';

/** Finishes, on start, the cycle openings a stopped process left half done. */
class ResumeCycleOpenings implements OnApplicationBootstrap {
  constructor(private readonly opener: CycleOpener) {}

  onApplicationBootstrap(): void {
    const logger = new Logger('CycleOpener');
    this.opener.resumeInterrupted().catch((error: unknown) => logger.error(`resuming cycle openings failed: ${(error as Error).message}`));
  }
}

@Module({})
export class ReviewsModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    const logger = new Logger('CycleOpener');
    return {
      module: ReviewsModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [
        ...eventInfrastructureProviders(infrastructure),
        {
          provide: CycleOpener,
          useFactory: (dataSource: DataSource, store: ServiceInfrastructure['store']) =>
            new CycleOpener(dataSource, store, (level, message, fields) => (level === 'error' ? logger.error(`${message} ${JSON.stringify(fields)}`) : logger.log(`${message} ${JSON.stringify(fields)}`))),
          inject: [DataSource, EVENT_STORE],
        },
        { provide: ResumeCycleOpenings, useFactory: (opener: CycleOpener) => new ResumeCycleOpenings(opener), inject: [CycleOpener] },
        FrameworkCatalogResolver,
        FrameworkVersionsResolver,
        CycleResolver,
        OpenCycleHandler,
        ReviewReader,
        ReviewResolver,
        ApplyReviewCommandHandler,
      ],
    };
  }
}
