import type { DomainEvent } from '@growth/es';
import type { LocalDate } from '@growth/calendar';
import type { ActivityKind, Money, TrainingNeedSource } from './development-plan.model';

interface ActivityData {
  planId: string;
  activityId: string;
  kind: ActivityKind;
  description: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  arrangedBy: string;
  competencyIds: readonly string[];
  estimatedCost: Money | null;
}

export type DevelopmentPlanStarted = DomainEvent<'DevelopmentPlanStarted', { planId: string; cycleId: string; personId: string; supervisorId: string | null }>;
export type DevelopmentActivityAdded = DomainEvent<'DevelopmentActivityAdded', ActivityData & { addedBy: string }>;
export type DevelopmentActivityChanged = DomainEvent<'DevelopmentActivityChanged', ActivityData & { changedBy: string }>;
/**
 * Carries whose plan and what kind of activity, so learning platforms can be told of it from this event alone.
 * Events stored before those were added lack them: they are optional here, and such an event is not published.
 */
export type DevelopmentActivityCompleted = DomainEvent<
  'DevelopmentActivityCompleted',
  { planId: string; personId?: string; cycleId?: string; activityId: string; kind?: ActivityKind; completedOn: LocalDate; outcome: string; completedBy: string }
>;
export type DevelopmentActivityCancelled = DomainEvent<'DevelopmentActivityCancelled', { planId: string; activityId: string; reason: string; cancelledBy: string; cancelledOn: LocalDate }>;
/** Carries the person so the School Training Plan can be projected from these events alone. */
export type TrainingNeedRecorded = DomainEvent<
  'TrainingNeedRecorded',
  {
    planId: string;
    personId: string;
    cycleId: string;
    needId: string;
    description: string;
    neededBy: LocalDate;
    estimatedCost: Money | null;
    source: TrainingNeedSource;
    competencyIds: readonly string[];
    recordedBy: string;
  }
>;
export type TrainingNeedMet = DomainEvent<'TrainingNeedMet', { planId: string; personId: string; needId: string; metOn: LocalDate; recordedBy: string }>;
export type TrainingNeedDropped = DomainEvent<'TrainingNeedDropped', { planId: string; personId: string; needId: string; reason: string; droppedBy: string; droppedOn: LocalDate }>;
/** The reviewer changed with the reporting line; the planned activities the previous supervisor arranged moved with it. */
export type DevelopmentPlanReassigned = DomainEvent<
  'DevelopmentPlanReassigned',
  { planId: string; personId: string; fromSupervisorId: string | null; toSupervisorId: string | null; movedActivityIds: readonly string[]; effectiveFrom: LocalDate }
>;

export type DevelopmentPlanEvent =
  | DevelopmentPlanStarted
  | DevelopmentActivityAdded
  | DevelopmentActivityChanged
  | DevelopmentActivityCompleted
  | DevelopmentActivityCancelled
  | TrainingNeedRecorded
  | TrainingNeedMet
  | TrainingNeedDropped
  | DevelopmentPlanReassigned;
