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

export type GoalStreamEvent = GoalAgreed | GoalProgressRecorded | GoalClosed | GoalWithdrawn;
