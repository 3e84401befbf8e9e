import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** Each person's development plan of a cycle, as its latest state. */
export class DevelopmentPlans1765100000200 implements MigrationInterface {
  name = 'DevelopmentPlans1765100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE development_plan_list (
        tenant_id text NOT NULL,
        plan_id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        supervisor_id uuid,
        state jsonb NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (tenant_id, plan_id)
      )`);
    await q.query(`CREATE INDEX development_plan_list_supervisor ON development_plan_list (tenant_id, supervisor_id, cycle_id)`);
    await isolateTenantTable(q, 'development_plan_list');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE development_plan_list`);
  }
}
