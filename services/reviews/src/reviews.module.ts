import { Module, type DynamicModule } from '@nestjs/common';
import { SubgraphModule, eventInfrastructureProviders } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { FrameworkCatalogResolver } from './framework-catalog/framework-catalog.resolver';
import { FrameworkVersionsResolver } from './framework-versions/framework-versions.resolver';

@Module({})
export class ReviewsModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: ReviewsModule,
      imports: [SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), FrameworkCatalogResolver, FrameworkVersionsResolver],
    };
  }
}
