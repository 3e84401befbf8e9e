import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training needs were recordable before `training_need_list` existed, and 1765100000300 created it empty: copy every
 * need of every plan's latest state into it, as `trainingNeedListProjection` writes them. Rows the projection has
 * written since are newer and kept. Row-level security is lifted for the owner only inside this transaction, as a
 * backfill of every tenant cannot name one tenant.
 */
export class TrainingNeedBackfill1765100000440 implements MigrationInterface {
  name = 'TrainingNeedBackfill1765100000440';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE development_plan_list NO FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE training_need_list NO FORCE ROW LEVEL SECURITY`);
    await q.query(`
      INSERT INTO training_need_list (tenant_id, plan_id, need_id, cycle_id, person_id, description, needed_by, cost_amount, cost_currency, source, status)
      SELECT p.tenant_id, p.plan_id, n.need->>'needId', p.cycle_id, p.person_id, n.need->>'description', (n.need->>'neededBy')::date,
             (n.need->'estimatedCost'->>'amount')::bigint, n.need->'estimatedCost'->>'currency', n.need->>'source', n.need->>'status'
      FROM development_plan_list p
      CROSS JOIN LATERAL jsonb_array_elements(COALESCE(p.state->'trainingNeeds', '[]'::jsonb)) AS n(need)
      ON CONFLICT (tenant_id, plan_id, need_id) DO NOTHING`);
    await q.query(`ALTER TABLE training_need_list FORCE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE development_plan_list FORCE ROW LEVEL SECURITY`);
  }

  async down(): Promise<void> {
    // The rows copied are indistinguishable from the projection's: nothing to undo.
  }
}
