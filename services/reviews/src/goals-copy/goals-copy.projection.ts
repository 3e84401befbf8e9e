import type { EntityManager } from 'typeorm';
import { Topics, type GoalStreamEvent, type IntegrationEvent } from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';

const apply = async (manager: EntityManager, event: GoalStreamEvent): Promise<void> => {
  const t = event.tenantId;
  switch (event.type) {
    case 'GoalAgreed': {
      const d = event.data;
      // A later agreed version replaces the earlier one; what progress said stays until the next check-in.
      await manager.query(
        `INSERT INTO review_goals (tenant_id, goal_id, cycle_id, person_id, kind, version, measure, due_on, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'AGREED')
         ON CONFLICT (tenant_id, goal_id) DO UPDATE SET version = EXCLUDED.version, measure = EXCLUDED.measure, due_on = EXCLUDED.due_on`,
        [t, d.goalId, d.cycleId, d.personId, d.kind, d.version, d.measure === null ? null : JSON.stringify(d.measure), d.dueOn],
      );
      return;
    }
    case 'GoalProgressRecorded':
      await manager.query(`UPDATE review_goals SET status = $3, status_on = $4 WHERE tenant_id = $1 AND goal_id = $2`, [t, event.data.goalId, event.data.status, event.data.recordedOn]);
      return;
    case 'GoalClosed':
      await manager.query(`UPDATE review_goals SET status = $3, status_on = $4 WHERE tenant_id = $1 AND goal_id = $2`, [t, event.data.goalId, event.data.status, event.data.closedOn]);
      return;
    case 'GoalWithdrawn':
      await manager.query(`UPDATE review_goals SET withdrawn = true WHERE tenant_id = $1 AND goal_id = $2`, [t, event.data.goalId]);
      return;
  }
};

/** Agreed goals and their latest status, which the year-end summary lists (no statement travels: see the contract). */
export const goalsCopyProjection: AsyncProjection = {
  name: 'reviews.goals-copy',
  topics: [Topics.goalEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    for (const event of events) await apply(manager, event as GoalStreamEvent);
  },
};
