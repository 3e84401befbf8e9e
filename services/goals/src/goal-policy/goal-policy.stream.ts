import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import type { GoalPolicyCommand } from './domain/goal-policy.commands';
import { goalPolicyDecider } from './domain/goal-policy.decider';
import type { GoalPolicyEvent } from './domain/goal-policy.events';
import type { GoalPolicyState } from './domain/goal-policy.model';

/*
 * Not "goal-policy": projections pick their streams by category prefix, and "goal-" is the goals' own. One stream
 * per tenant, its id the tenant's.
 */
const CATEGORY = 'tenant-goal-policy';
export const goalPolicyStreamId = (tenantId: string, id: string): string => streamId(CATEGORY, tenantId, id);

export const goalPolicyAggregate: Aggregate<GoalPolicyCommand, GoalPolicyState, GoalPolicyEvent> = {
  name: 'Goal policy',
  decider: goalPolicyDecider,
  streamId: goalPolicyStreamId,
};

/** `goal_policy`, inline: the tenant's current policy, one row once it is first set. */
export const goalPolicyProjection = latestStateProjection<GoalPolicyState, GoalPolicyEvent>({
  name: 'goals.goal-policy',
  category: CATEGORY,
  decider: goalPolicyDecider,
  async save(manager, tenantId, states) {
    for (const { state, version } of states) {
      await manager.query(
        `INSERT INTO goal_policy (tenant_id, objectives_cap, performance_goals, development_goals, version) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id) DO UPDATE SET objectives_cap = EXCLUDED.objectives_cap, performance_goals = EXCLUDED.performance_goals, development_goals = EXCLUDED.development_goals, version = EXCLUDED.version`,
        [tenantId, state.policy.objectivesCap, state.policy.performanceGoals, state.policy.developmentGoals, version],
      );
    }
  },
});
