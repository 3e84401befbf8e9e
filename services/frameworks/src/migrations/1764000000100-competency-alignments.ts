import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable } from '@growth/es-postgres';

/** The tenant's crosswalk: one row per alignment as stated (`from RELATION to`), written with its events. */
export class CompetencyAlignments1764000000100 implements MigrationInterface {
  name = 'CompetencyAlignments1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE competency_alignments (
        tenant_id text NOT NULL,
        from_framework_id uuid NOT NULL,
        from_competency_id text NOT NULL,
        to_framework_id uuid NOT NULL,
        to_competency_id text NOT NULL,
        relation text NOT NULL,
        note text,
        aligned_at timestamptz NOT NULL,
        aligned_by text NOT NULL,
        PRIMARY KEY (tenant_id, from_framework_id, from_competency_id, to_framework_id, to_competency_id)
      )`);
    await q.query(`CREATE INDEX competency_alignments_to ON competency_alignments (tenant_id, to_framework_id, to_competency_id)`);
    await isolateTenantTable(q, 'competency_alignments');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE competency_alignments`);
  }
}
