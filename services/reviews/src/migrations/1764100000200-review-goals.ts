import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** The reviews service's copy of agreed goals and how they ended (from goals.goal.v1), for the year-end summary. */
export class ReviewGoals1764100000200 implements MigrationInterface {
  name = 'ReviewGoals1764100000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_goals (
        tenant_id text NOT NULL,
        goal_id uuid NOT NULL,
        cycle_id uuid NOT NULL,
        person_id uuid NOT NULL,
        kind text NOT NULL,
        version integer NOT NULL,
        measure jsonb,
        due_on date NOT NULL,
        status text NOT NULL,
        status_on date,
        withdrawn boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, goal_id)
      )`);
    await q.query(`CREATE INDEX review_goals_person ON review_goals (tenant_id, person_id, cycle_id)`);
    await isolateTenantTable(q, 'review_goals');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_goals`);
  }
}
