import { latestStateProjection } from '@growth/es-postgres';
import type { GoalEvent } from './domain/goal.events';
import { goalDecider } from './domain/goal.decider';
import type { GoalState } from './domain/goal.model';
import type { UnitGoalEvent } from '../unit-goal/domain/unit-goal.events';
import { unitGoalDecider } from '../unit-goal/domain/unit-goal.decider';
import type { UnitGoalState } from '../unit-goal/domain/unit-goal.model';

/** `goal_list`, inline: each goal's latest state, with the columns the lists filter on. */
export const goalListProjection = latestStateProjection<GoalState, GoalEvent>({
  name: 'goals.goal-list',
  category: 'goal',
  decider: goalDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO goal_list (tenant_id, goal_id, cycle_id, person_id, supervisor_id, kind, status, unit_goal_id, state, version)
       SELECT $1, g.goal_id, g.cycle_id, g.person_id, g.supervisor_id, g.kind, g.status, g.unit_goal_id, g.state, g.version
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::jsonb[], $10::int[])
         AS g(goal_id, cycle_id, person_id, supervisor_id, kind, status, unit_goal_id, state, version)
       ON CONFLICT (tenant_id, goal_id) DO UPDATE SET supervisor_id = EXCLUDED.supervisor_id, status = EXCLUDED.status,
         unit_goal_id = EXCLUDED.unit_goal_id, state = EXCLUDED.state, version = EXCLUDED.version`,
      [
        tenantId,
        states.map((s) => s.state.goalId),
        states.map((s) => s.state.cycleId),
        states.map((s) => s.state.personId),
        states.map((s) => s.state.supervisorId),
        states.map((s) => s.state.kind),
        states.map((s) => s.state.status),
        states.map((s) => s.state.content.alignment.unitGoalId),
        states.map((s) => JSON.stringify(s.state)),
        states.map((s) => s.version),
      ],
    );
  },
});

/** `unit_goal_list`, inline. */
export const unitGoalListProjection = latestStateProjection<UnitGoalState, UnitGoalEvent>({
  name: 'goals.unit-goal-list',
  category: 'unit-goal',
  decider: unitGoalDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO unit_goal_list (tenant_id, unit_goal_id, cycle_id, site_id, status, state, version)
       SELECT $1, u.unit_goal_id, u.cycle_id, u.site_id, u.status, u.state, u.version
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::jsonb[], $7::int[]) AS u(unit_goal_id, cycle_id, site_id, status, state, version)
       ON CONFLICT (tenant_id, unit_goal_id) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state, version = EXCLUDED.version`,
      [
        tenantId,
        states.map((s) => s.state.unitGoalId),
        states.map((s) => s.state.cycleId),
        states.map((s) => (s.state.scope.kind === 'SITE' ? s.state.scope.siteId : null)),
        states.map((s) => s.state.status),
        states.map((s) => JSON.stringify(s.state)),
        states.map((s) => s.version),
      ],
    );
  },
});
