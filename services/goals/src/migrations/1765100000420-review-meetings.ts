import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** The copy of each review's held meetings (reviews' PhaseCompleted): goal reflections link to them. */
export class ReviewMeetings1765100000420 implements MigrationInterface {
  name = 'ReviewMeetings1765100000420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE goal_review_meetings (tenant_id text NOT NULL, review_id uuid NOT NULL, phase text NOT NULL, completed_on date NOT NULL, PRIMARY KEY (tenant_id, review_id, phase))`);
    await isolateTenantTable(q, 'goal_review_meetings');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE goal_review_meetings`);
  }
}
