import { Topics } from '@growth/contracts';
import { startEventSourcedService, type EventSourcedServiceOptions, type RunningEventSourcedService } from '@growth/service-kit';
import { goalsCopiesProjection } from './copies/goals-copies.projection';
import { goalListProjection, unitGoalListProjection } from './goal/goal-list.projection';
import { GoalsModule } from './goals.module';
import { Goals1765100000100 } from './migrations/1765100000100-goals';
import { DevelopmentPlans1765100000200 } from './migrations/1765100000200-development-plans';
import { TrainingPlans1765100000300 } from './migrations/1765100000300-training-plans';
import { trainingNeedListProjection } from './training-plan/training-need-list.projection';
import { CareerReviews1765100000400 } from './migrations/1765100000400-career-reviews';
import { careerReviewListProjection } from './career-review/career-review.stream';
import { GoalPolicies1765100000410 } from './migrations/1765100000410-goal-policies';
import { ReviewProcesses1765100000430 } from './migrations/1765100000430-review-processes';
import { ReviewMeetings1765100000420 } from './migrations/1765100000420-review-meetings';
import { TrainingNeedBackfill1765100000440 } from './migrations/1765100000440-training-need-backfill';
import { goalPolicyProjection } from './goal-policy/goal-policy.stream';
import { developmentPlanListProjection } from './development-plan/development-plan.stream';

/** The goals service: unit goals, SMART performance and development goals, objectives, progress; publishes goals.goal.v1. */
export const startGoalsService = (options: Omit<EventSourcedServiceOptions, 'name' | 'module'>): Promise<RunningEventSourcedService> =>
  startEventSourcedService({
    ...options,
    name: 'goals',
    migrations: [Goals1765100000100, DevelopmentPlans1765100000200, TrainingPlans1765100000300, CareerReviews1765100000400, GoalPolicies1765100000410, ReviewMeetings1765100000420, ReviewProcesses1765100000430, TrainingNeedBackfill1765100000440],
    publishes: [Topics.goalEvents],
    inlineProjections: [goalListProjection, unitGoalListProjection, developmentPlanListProjection, trainingNeedListProjection, careerReviewListProjection, goalPolicyProjection],
    projections: (_dataSource, store) => [goalsCopiesProjection(store)],
    module: (infrastructure) => GoalsModule.register(infrastructure),
  });
