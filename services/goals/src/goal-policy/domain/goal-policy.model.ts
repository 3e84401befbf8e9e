import { DEFAULT_GOAL_POLICY, type GoalPolicy } from '../../goal/domain/goal.commands';

export interface GoalPolicyState {
  readonly policy: GoalPolicy;
  /** False until the tenant first sets its policy: until then it runs on the defaults. */
  readonly set: boolean;
}

export const initialGoalPolicyState = (): GoalPolicyState => ({ policy: DEFAULT_GOAL_POLICY, set: false });

/** Caps are counted on a form with a few lines per person: more than this is a typo, not a policy. */
export const MAX_GOALS_PER_KIND = 10;

/** Supervisors agree up to 5 objectives for the year, no more (seed 003): a tenant may set fewer, never more. */
export const MAX_OBJECTIVES = 5;
