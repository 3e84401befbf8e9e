import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubgraphModule, eventInfrastructureProviders, serviceInfoResolver } from '@growth/service-kit';
import type { ServiceInfrastructure } from '@growth/messaging';
import { ApplyGoalCommandHandler } from './goal/apply-goal-command/apply-goal-command.handler';
import { GoalResolver } from './goal/goal.resolver';
import { ApplyPlanCommandHandler } from './development-plan/apply-plan-command/apply-plan-command.handler';
import { DevelopmentPlanResolver } from './development-plan/development-plan.resolver';
import { ApplyCareerCommandHandler } from './career-review/apply-career-command/apply-career-command.handler';
import { CareerReviewResolver } from './career-review/career-review.resolver';
import { ApplyUnitGoalCommandHandler } from './unit-goal/apply-unit-goal-command/apply-unit-goal-command.handler';
import { TrainingPlanController } from './training-plan/training-plan.controller';
import { TrainingPlanResolver } from './training-plan/training-plan.resolver';
import { UnitGoalResolver } from './unit-goal/unit-goal.resolver';
import { GoalPolicyResolver } from './goal-policy/goal-policy.resolver';
import { SetGoalPolicyHandler } from './goal-policy/set-goal-policy/set-goal-policy.handler';

@Module({})
export class GoalsModule {
  static register(infrastructure: ServiceInfrastructure): DynamicModule {
    return {
      module: GoalsModule,
      imports: [CqrsModule.forRoot(), SubgraphModule.forRoot()],
      controllers: [TrainingPlanController],
      providers: [...eventInfrastructureProviders(infrastructure), serviceInfoResolver('goals'), GoalResolver, ApplyGoalCommandHandler, UnitGoalResolver, ApplyUnitGoalCommandHandler, DevelopmentPlanResolver, ApplyPlanCommandHandler, CareerReviewResolver, ApplyCareerCommandHandler, GoalPolicyResolver, SetGoalPolicyHandler, TrainingPlanResolver],
    };
  }
}
