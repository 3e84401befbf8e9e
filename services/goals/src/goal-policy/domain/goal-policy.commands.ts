import type { GoalPolicy } from '../../goal/domain/goal.commands';

/** Who sets the policy: a person of the tenant with their token roles (HR or a tenant admin may). */
export interface PolicyActor {
  readonly personId: string;
  readonly roles: readonly string[];
}

/** What is left out keeps its current value (the default until first set). */
export interface SetGoalPolicy {
  readonly type: 'SetGoalPolicy';
  readonly actor: PolicyActor;
  readonly changes: Partial<GoalPolicy>;
}

export type GoalPolicyCommand = SetGoalPolicy;
