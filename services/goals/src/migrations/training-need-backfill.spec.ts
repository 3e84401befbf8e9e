import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { startGoalsService } from '../goals.service';
import { TrainingNeedBackfill1765100000440 } from './1765100000440-training-need-backfill';

/** Plans whose needs were recorded before `training_need_list` existed: the migration copies them into it. */
describe('the training need backfill migration', () => {
  let fixture: ServiceFixture;
  let ownerUrl = '';
  beforeAll(async () => {
    fixture = await startServiceFixture((options) => {
      ownerUrl = options.migrationDatabaseUrl ?? options.databaseUrl;
      return startGoalsService(options);
    });
  });
  afterAll(async () => fixture?.close());

  it("copies every plan's needs, in every tenant, keeps rows already there, and leaves row-level security forced", async () => {
    const app = fixture.service.infrastructure.dataSource;
    const [planA, planB, cycleId] = [randomUUID(), randomUUID(), randomUUID()];
    const plan = (planId: string, needs: object[]) => ({ planId, cycleId, personId: randomUUID(), supervisorId: null, status: 'OPEN', activities: [], trainingNeeds: needs });
    const need = (needId: string, description: string, estimatedCost: object | null, status = 'OPEN') => ({ needId, description, neededBy: '2027-03-31', estimatedCost, source: 'JOB_CHAT', competencyIds: [], status });
    const insertPlan = (tenantId: string, state: ReturnType<typeof plan>) =>
      withTenant(app, tenantId, (m) =>
        m.query(`INSERT INTO development_plan_list (tenant_id, plan_id, cycle_id, person_id, supervisor_id, state, version) VALUES ($1, $2, $3, $4, NULL, $5, 3)`, [
          tenantId,
          state.planId,
          cycleId,
          state.personId,
          JSON.stringify(state),
        ]),
      );
    await insertPlan('lausd', plan(planA, [need('n-1', 'First aid at work', { amount: 9_500, currency: 'GBP' }), need('n-2', 'Ladder safety', null, 'MET')]));
    await insertPlan('leics', plan(planB, [need('n-3', 'Food hygiene', null)]));
    // A row the inline projection wrote since is newer than the plan's copy here, and stays as it is.
    await withTenant(app, 'lausd', (m) =>
      m.query(
        `INSERT INTO training_need_list (tenant_id, plan_id, need_id, cycle_id, person_id, description, needed_by, cost_amount, cost_currency, source, status)
         VALUES ('lausd', $1, 'n-2', $2, $3, 'Ladder safety', '2027-03-31', NULL, NULL, 'JOB_CHAT', 'DROPPED')`,
        [planA, cycleId, randomUUID()],
      ),
    );

    const owner = new DataSource({ type: 'postgres', url: ownerUrl, logging: false });
    await owner.initialize();
    try {
      await owner.transaction((m) => new TrainingNeedBackfill1765100000440().up(m.queryRunner!));
      const forced: Array<{ relname: string; relforcerowsecurity: boolean }> = await owner.query(
        `SELECT relname, relforcerowsecurity FROM pg_class WHERE relname IN ('training_need_list', 'development_plan_list') ORDER BY relname`,
      );
      expect(forced.map((r) => [r.relname, r.relforcerowsecurity])).toEqual([
        ['development_plan_list', true],
        ['training_need_list', true],
      ]);
    } finally {
      await owner.destroy();
    }

    const rows = async (tenantId: string) =>
      withTenant(app, tenantId, (m) =>
        m.query(`SELECT need_id, description, needed_by::text, cost_amount::int, cost_currency, source, status FROM training_need_list WHERE plan_id = ANY($1::uuid[]) ORDER BY need_id`, [[planA, planB]]),
      );
    expect(await rows('lausd')).toEqual([
      { need_id: 'n-1', description: 'First aid at work', needed_by: '2027-03-31', cost_amount: 9_500, cost_currency: 'GBP', source: 'JOB_CHAT', status: 'OPEN' },
      { need_id: 'n-2', description: 'Ladder safety', needed_by: '2027-03-31', cost_amount: null, cost_currency: null, source: 'JOB_CHAT', status: 'DROPPED' },
    ]);
    expect(await rows('leics')).toEqual([{ need_id: 'n-3', description: 'Food hygiene', needed_by: '2027-03-31', cost_amount: null, cost_currency: null, source: 'JOB_CHAT', status: 'OPEN' }]);
  });
});
