import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { FrameworkResolver } from './framework/framework.resolver';
import { CreateFrameworkDraftHandler } from './framework/create-framework-draft/create-framework-draft.handler';
import { RenameFrameworkDraftHandler } from './framework/rename-framework-draft/rename-framework-draft.handler';

@Module({})
export class FrameworksModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: FrameworksModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), FrameworkResolver, CreateFrameworkDraftHandler, RenameFrameworkDraftHandler],
    };
  }
}
