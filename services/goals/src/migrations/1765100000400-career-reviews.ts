import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** Each person's career development review, every cycle's entry in one row: it is kept across cycles. */
export class CareerReviews1765100000400 implements MigrationInterface {
  name = 'CareerReviews1765100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE career_review_list (tenant_id text NOT NULL, person_id uuid NOT NULL, state jsonb NOT NULL, version integer NOT NULL, PRIMARY KEY (tenant_id, person_id))`);
    await isolateTenantTable(q, 'career_review_list');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE career_review_list`);
  }
}
