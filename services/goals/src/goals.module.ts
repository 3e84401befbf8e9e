import { Module, type DynamicModule } from '@nestjs/common';
import { SubgraphModule, eventInfrastructureProviders, serviceInfoResolver } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';

@Module({})
export class GoalsModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: GoalsModule,
      imports: [SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), serviceInfoResolver('goals')],
    };
  }
}
