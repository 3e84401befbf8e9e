import type { Actor } from '@growth/es';
import type { Money } from '../../shared/money';

export type { Money };
import type { LocalDate } from '@growth/calendar';

export const ACTIVITY_KINDS = ['TRAINING_COURSE', 'PROJECT', 'WORK_ASSIGNMENT', 'WORKING_WITH_OTHERS'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const TRAINING_NEED_SOURCES = ['DEVELOPMENT_PLAN', 'JOB_CHAT'] as const;
export type TrainingNeedSource = (typeof TRAINING_NEED_SOURCES)[number];


/** Who runs a command: a person of the tenant (with the HR role or not), or the platform reacting to an event. */
export type { Actor };

export type PlanRole = 'EMPLOYEE' | 'SUPERVISOR' | 'HR' | 'SYSTEM';

export interface ActivityDetails {
  readonly kind: ActivityKind;
  readonly description: string;
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate;
  /** Who makes it happen: usually the reviewer, sometimes a trainer or mentor they asked for help. */
  readonly arrangedBy: string;
  readonly competencyIds: readonly string[];
  readonly estimatedCost: Money | null;
}

export type ActivityStatus = 'PLANNED' | 'COMPLETED' | 'CANCELLED';

export interface DevelopmentActivity extends ActivityDetails {
  readonly activityId: string;
  readonly status: ActivityStatus;
  readonly completedOn: LocalDate | null;
  readonly outcome: string | null;
  readonly cancelReason: string | null;
}

export type TrainingNeedStatus = 'OPEN' | 'MET' | 'DROPPED';

export interface TrainingNeed {
  readonly needId: string;
  readonly description: string;
  readonly neededBy: LocalDate;
  readonly estimatedCost: Money | null;
  readonly source: TrainingNeedSource;
  readonly competencyIds: readonly string[];
  readonly status: TrainingNeedStatus;
}

export interface DevelopmentPlanState {
  readonly status: 'NONE' | 'OPEN';
  readonly planId: string;
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  /** In the order they were added: the plan reads as it was agreed. */
  readonly activities: readonly DevelopmentActivity[];
  readonly trainingNeeds: readonly TrainingNeed[];
}

export const initialDevelopmentPlanState = (): DevelopmentPlanState => ({
  status: 'NONE',
  planId: '',
  cycleId: '',
  personId: '',
  supervisorId: null,
  activities: [],
  trainingNeeds: [],
});

/** The roles the actor holds on this plan; HR acting on their own plan acts as the employee only. */
export const rolesOf = (state: Pick<DevelopmentPlanState, 'personId' | 'supervisorId'>, actor: Actor): PlanRole[] => {
  if (actor.kind === 'SYSTEM') return ['SYSTEM'];
  const roles: PlanRole[] = [];
  if (actor.personId === state.personId) roles.push('EMPLOYEE');
  if (state.supervisorId !== null && actor.personId === state.supervisorId) roles.push('SUPERVISOR');
  if (actor.hr && actor.personId !== state.personId) roles.push('HR');
  return roles;
};
