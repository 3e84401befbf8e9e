import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/**
 * The School Training Plan: every training need of every plan as a row, and the names it is printed with (people's
 * names and staff numbers, sites' names, copied from the directory; null for rows copied before they were kept).
 */
export class TrainingPlans1765100000300 implements MigrationInterface {
  name = 'TrainingPlans1765100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal_people ADD COLUMN first_name text, ADD COLUMN last_name text, ADD COLUMN staff_number text`);
    await q.query(`CREATE INDEX goal_people_site ON goal_people (tenant_id, site_id)`);
    await q.query(`ALTER TABLE goal_sites ADD COLUMN name text`);
    await q.query(`
      CREATE TABLE training_need_list (
        tenant_id text NOT NULL,
        plan_id uuid NOT NULL,
        need_id text NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        description text NOT NULL,
        needed_by date NOT NULL,
        cost_amount bigint,
        cost_currency text,
        source text NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (tenant_id, plan_id, need_id)
      )`);
    await q.query(`CREATE INDEX training_need_list_open ON training_need_list (tenant_id, person_id) WHERE status = 'OPEN'`);
    await isolateTenantTable(q, 'training_need_list');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_need_list`);
    await q.query(`ALTER TABLE goal_sites DROP COLUMN name`);
    await q.query(`DROP INDEX goal_people_site`);
    await q.query(`ALTER TABLE goal_people DROP COLUMN first_name, DROP COLUMN last_name, DROP COLUMN staff_number`);
  }
}
