import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** Each tenant's goal policy once it has set one; a tenant without a row runs on the defaults. */
export class GoalPolicies1765100000410 implements MigrationInterface {
  name = 'GoalPolicies1765100000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE goal_policy (tenant_id text NOT NULL, objectives_cap integer NOT NULL, performance_goals integer NOT NULL, development_goals integer NOT NULL, version integer NOT NULL, PRIMARY KEY (tenant_id))`,
    );
    await isolateTenantTable(q, 'goal_policy');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE goal_policy`);
  }
}
