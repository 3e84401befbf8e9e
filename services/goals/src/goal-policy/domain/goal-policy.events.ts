import type { DomainEvent } from '@growth/es';

/** The whole policy as it stands after the change, so one event tells it without replaying earlier ones. */
export type GoalPolicySet = DomainEvent<'GoalPolicySet', { objectivesCap: number; performanceGoals: number; developmentGoals: number; setBy: string }>;

export type GoalPolicyEvent = GoalPolicySet;
