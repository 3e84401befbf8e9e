import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which process each review follows (reviews' ReviewStarted / ReviewProcessChanged): a training need recorded from
 * a job chat must name a job chat. Null for reviews copied before this column existed.
 */
export class ReviewProcesses1765100000430 implements MigrationInterface {
  name = 'ReviewProcesses1765100000430';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal_review_frameworks ADD COLUMN process text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE goal_review_frameworks DROP COLUMN process`);
  }
}
