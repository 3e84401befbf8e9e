import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { FrameworkResolver } from './framework/framework.resolver';
import { ApplyFrameworkCommandsHandler } from './framework/apply-framework-commands/apply-framework-commands.handler';
import { FrameworkReader } from './framework/framework.reader';
import { CrosswalkResolver } from './crosswalk/crosswalk.resolver';
import { CrosswalkReader } from './crosswalk/crosswalk.reader';
import { ApplyCrosswalkCommandHandler } from './crosswalk/apply-crosswalk-command/apply-crosswalk-command.handler';

@Module({})
export class FrameworksModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: FrameworksModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), FrameworkResolver, FrameworkReader, ApplyFrameworkCommandsHandler, CrosswalkResolver, CrosswalkReader, ApplyCrosswalkCommandHandler],
    };
  }
}
