import type { IntegrationEvent } from './integration-event';

/*
 * The goals service's public events, for the reviews service's year-end summary and for learning platforms: ids,
 * statuses, dates and measures only. A goal's statement, actions, notes and a plan's descriptions are what people
 * wrote about themselves and stay in the goals service, readable through the API by those allowed.
 */

export type GoalKind = 'PERFORMANCE' | 'DEVELOPMENT' | 'OBJECTIVE';
export type GoalProgressStatus = 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'ACHIEVED' | 'NOT_ACHIEVED' | 'DEFERRED';

/** How progress is measured: what (e.g. "work orders closed within 48 hours"), from the baseline to the target, in the unit. */
export interface GoalMeasure {
  readonly what: string;
  readonly baseline: number | null;
  readonly target: number;
  readonly unit: string;
}

/** Published on `goals.goal.v1` (key `goal-<tenantId>:<goalId>`) when employee and supervisor have both agreed a version of a goal. */
export type GoalAgreed = IntegrationEvent<
  'GoalAgreed',
  {
    readonly goalId: string;
    readonly cycleId: string;
    readonly personId: string;
    readonly kind: GoalKind;
    /** 1 for the first agreed version; a change after agreement is agreed again as the next. */
    readonly version: number;
    readonly measure: GoalMeasure | null;
    readonly dueOn: string;
    readonly unitGoalId: string | null;
    readonly competencyIds: readonly string[];
  }
>;

/** Published for each check-in on an agreed goal. */
export type GoalProgressRecorded = IntegrationEvent<
  'GoalProgressRecorded',
  { readonly goalId: string; readonly checkInId: string; readonly value: number | null; readonly status: GoalProgressStatus; readonly recordedOn: string }
>;

/** Published when a goal ends: ACHIEVED, NOT_ACHIEVED or DEFERRED (its final status for the year-end summary). */
export type GoalClosed = IntegrationEvent<'GoalClosed', { readonly goalId: string; readonly status: 'ACHIEVED' | 'NOT_ACHIEVED' | 'DEFERRED'; readonly closedOn: string }>;

/** Published when a goal is withdrawn before it ends. */
export type GoalWithdrawn = IntegrationEvent<'GoalWithdrawn', { readonly goalId: string }>;

/** The two parties whose approvals together agree a version of a goal. */
export type GoalParty = 'EMPLOYEE' | 'SUPERVISOR';

/**
 * Published when a version of a goal is submitted for agreement: `awaiting` names the parties whose approval it
 * needs (submitting is not approving, so both), `by` the party who submitted it.
 */
export type GoalSubmitted = IntegrationEvent<
  'GoalSubmitted',
  {
    readonly goalId: string;
    readonly cycleId: string;
    readonly personId: string;
    readonly kind: GoalKind;
    readonly contentVersion: number;
    readonly by: GoalParty;
    readonly awaiting: readonly GoalParty[];
  }
>;

/**
 * Published when one party approves a submitted version and another's approval is still awaited; the approval that
 * completes the agreement is published as `GoalAgreed` instead.
 */
export type GoalApprovalRecorded = IntegrationEvent<
  'GoalApprovalRecorded',
  { readonly goalId: string; readonly contentVersion: number; readonly by: GoalParty; readonly awaiting: readonly GoalParty[] }
>;

/**
 * Published when an approval of a submitted version stops counting (the supervisor who gave it is no longer the
 * employee's), so that party's approval is awaited again, the new supervisor's.
 */
export type GoalApprovalDropped = IntegrationEvent<
  'GoalApprovalDropped',
  { readonly goalId: string; readonly contentVersion: number; readonly by: GoalParty; readonly awaiting: readonly GoalParty[] }
>;

export type GoalStreamEvent = GoalSubmitted | GoalApprovalRecorded | GoalApprovalDropped | GoalAgreed | GoalProgressRecorded | GoalClosed | GoalWithdrawn;

/** Where a training need was identified: in the person's development plan, or in a job chat. */
export type TrainingNeedSource = 'DEVELOPMENT_PLAN' | 'JOB_CHAT';
export type DevelopmentActivityKind = 'TRAINING_COURSE' | 'PROJECT' | 'WORK_ASSIGNMENT' | 'WORKING_WITH_OTHERS';

/** An amount in minor units (pence, cents) of an ISO 4217 currency, so sums are exact. */
export interface EstimatedCost {
  readonly amount: number;
  readonly currency: string;
}

/**
 * Published on `goals.goal.v1` (key `development-plan-<tenantId>:<planId>`, so one plan's events stay in order) when a
 * training need is recorded on a person's development plan: for learning platforms and site training budgets. The
 * need's description stays in the goals service; its competencies say what it is about.
 */
export type TrainingNeedRecorded = IntegrationEvent<
  'TrainingNeedRecorded',
  {
    readonly planId: string;
    readonly needId: string;
    readonly cycleId: string;
    readonly personId: string;
    readonly source: TrainingNeedSource;
    readonly competencyIds: readonly string[];
    readonly neededBy: string;
    readonly estimatedCost: EstimatedCost | null;
  }
>;

/** Published on `goals.goal.v1` when an agreed development activity took place; its description and outcome stay private. */
export type DevelopmentActivityCompleted = IntegrationEvent<
  'DevelopmentActivityCompleted',
  { readonly planId: string; readonly activityId: string; readonly cycleId: string; readonly personId: string; readonly kind: DevelopmentActivityKind; readonly completedOn: string }
>;

/** The public events of development plan streams (`development-plan-<tenantId>:<planId>`), on `goals.goal.v1`. */
export type DevelopmentPlanStreamEvent = TrainingNeedRecorded | DevelopmentActivityCompleted;

/** Everything published on `goals.goal.v1`. */
export type GoalsTopicEvent = GoalStreamEvent | DevelopmentPlanStreamEvent;
