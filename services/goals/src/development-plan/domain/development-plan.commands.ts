import type { LocalDate } from '@growth/calendar';
import type { ActivityDetails, Actor, Money, TrainingNeedSource } from './development-plan.model';

/*
 * Every command names its actor; the decider checks the actor's role on the plan. `today` is the tenant's local
 * date from the command's context: deciders read no clock.
 */
interface PlanCommandBase {
  readonly planId: string;
  readonly actor: Actor;
  readonly today: LocalDate;
}

/** Opened for a person in a review cycle, usually by the platform when their review starts. */
export interface StartDevelopmentPlan extends PlanCommandBase {
  readonly type: 'StartDevelopmentPlan';
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
}

export interface AddDevelopmentActivity extends PlanCommandBase, ActivityDetails {
  readonly type: 'AddDevelopmentActivity';
  readonly activityId: string;
}

/** Replaces every detail of a planned activity. */
export interface ChangeDevelopmentActivity extends PlanCommandBase, ActivityDetails {
  readonly type: 'ChangeDevelopmentActivity';
  readonly activityId: string;
}

export interface CompleteDevelopmentActivity extends PlanCommandBase {
  readonly type: 'CompleteDevelopmentActivity';
  readonly activityId: string;
  readonly completedOn: LocalDate;
  readonly outcome: string;
}

export interface CancelDevelopmentActivity extends PlanCommandBase {
  readonly type: 'CancelDevelopmentActivity';
  readonly activityId: string;
  readonly reason: string;
}

/** A need for the School Training Plan (seed 003), from this plan or from a job chat. */
export interface RecordTrainingNeed extends PlanCommandBase {
  readonly type: 'RecordTrainingNeed';
  readonly needId: string;
  readonly description: string;
  readonly neededBy: LocalDate;
  readonly estimatedCost: Money | null;
  readonly source: TrainingNeedSource;
  readonly competencyIds: readonly string[];
}

export interface MeetTrainingNeed extends PlanCommandBase {
  readonly type: 'MeetTrainingNeed';
  readonly needId: string;
  readonly metOn: LocalDate;
}

export interface DropTrainingNeed extends PlanCommandBase {
  readonly type: 'DropTrainingNeed';
  readonly needId: string;
  readonly reason: string;
}

/** The platform, when the person's reporting line changes: the new supervisor takes over the reviewer's duties. */
export interface ReassignDevelopmentPlan extends PlanCommandBase {
  readonly type: 'ReassignDevelopmentPlan';
  readonly supervisorId: string | null;
}

export type DevelopmentPlanCommand =
  | StartDevelopmentPlan
  | AddDevelopmentActivity
  | ChangeDevelopmentActivity
  | CompleteDevelopmentActivity
  | CancelDevelopmentActivity
  | RecordTrainingNeed
  | MeetTrainingNeed
  | DropTrainingNeed
  | ReassignDevelopmentPlan;
