import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders, serviceInfoResolver } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { ApplyGoalCommandHandler } from './goal/apply-goal-command/apply-goal-command.handler';
import { GoalResolver } from './goal/goal.resolver';
import { ApplyPlanCommandHandler } from './development-plan/apply-plan-command/apply-plan-command.handler';
import { DevelopmentPlanResolver } from './development-plan/development-plan.resolver';
import { ApplyUnitGoalCommandHandler } from './unit-goal/apply-unit-goal-command/apply-unit-goal-command.handler';

@Module({})
export class GoalsModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: GoalsModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      providers: [...eventInfrastructureProviders(infrastructure), serviceInfoResolver('goals'), GoalResolver, ApplyGoalCommandHandler, ApplyUnitGoalCommandHandler, DevelopmentPlanResolver, ApplyPlanCommandHandler],
    };
  }
}
