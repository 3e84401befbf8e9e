import { latestStateProjection } from '@growth/es-postgres';
import { developmentPlanDecider } from '../development-plan/domain/development-plan.decider';
import type { DevelopmentPlanEvent } from '../development-plan/domain/development-plan.events';
import type { DevelopmentPlanState } from '../development-plan/domain/development-plan.model';

/**
 * `training_need_list`, inline: every training need of every plan as a row, so a site's training plan is one
 * indexed query (and one cursor for its export) rather than a walk through each plan's state.
 */
export const trainingNeedListProjection = latestStateProjection<DevelopmentPlanState, DevelopmentPlanEvent>({
  name: 'goals.training-need-list',
  category: 'development-plan',
  decider: developmentPlanDecider,
  async save(manager, tenantId, states) {
    const needs = states.flatMap(({ state }) => state.trainingNeeds.map((need) => ({ state, need })));
    await manager.query(
      `INSERT INTO training_need_list (tenant_id, plan_id, need_id, cycle_id, person_id, description, needed_by, cost_amount, cost_currency, source, status)
       SELECT $1, n.plan_id, n.need_id, n.cycle_id, n.person_id, n.description, n.needed_by, n.cost_amount, n.cost_currency, n.source, n.status
       FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::date[], $8::bigint[], $9::text[], $10::text[], $11::text[])
         AS n(plan_id, need_id, cycle_id, person_id, description, needed_by, cost_amount, cost_currency, source, status)
       ON CONFLICT (tenant_id, plan_id, need_id) DO UPDATE SET description = EXCLUDED.description, needed_by = EXCLUDED.needed_by, cost_amount = EXCLUDED.cost_amount,
         cost_currency = EXCLUDED.cost_currency, source = EXCLUDED.source, status = EXCLUDED.status`,
      [
        tenantId,
        needs.map((n) => n.state.planId),
        needs.map((n) => n.need.needId),
        needs.map((n) => n.state.cycleId),
        needs.map((n) => n.state.personId),
        needs.map((n) => n.need.description),
        needs.map((n) => n.need.neededBy),
        needs.map((n) => n.need.estimatedCost?.amount ?? null),
        needs.map((n) => n.need.estimatedCost?.currency ?? null),
        needs.map((n) => n.need.source),
        needs.map((n) => n.need.status),
      ],
    );
  },
});
