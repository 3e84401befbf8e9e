import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { alignmentsOf, type AlignmentRelation, type CompetencyAlignment, type CompetencyRef } from '../framework/domain/crosswalk';

interface AlignmentRow {
  from_framework_id: string;
  from_competency_id: string;
  to_framework_id: string;
  to_competency_id: string;
  relation: AlignmentRelation;
  note: string | null;
}

/** Reads `competency_alignments` (through `withTenant`). */
@Injectable()
export class CrosswalkReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Every alignment touching the competency, restated with it as the source (A BROADER B read from B is B NARROWER A). */
  async alignmentsOf(tenantId: string, competency: CompetencyRef): Promise<CompetencyAlignment[]> {
    const rows: AlignmentRow[] = await withTenant(this.dataSource, tenantId, (m) =>
      m.query(
        `SELECT from_framework_id, from_competency_id, to_framework_id, to_competency_id, relation, note FROM competency_alignments
         WHERE tenant_id = $1 AND ((from_framework_id = $2 AND from_competency_id = $3) OR (to_framework_id = $2 AND to_competency_id = $3))
         ORDER BY aligned_at, to_framework_id, to_competency_id`,
        [tenantId, competency.frameworkId, competency.competencyId],
      ),
    );
    const stored = rows.map(
      (r): CompetencyAlignment => ({
        source: { frameworkId: r.from_framework_id, competencyId: r.from_competency_id },
        target: { frameworkId: r.to_framework_id, competencyId: r.to_competency_id },
        relation: r.relation,
        ...(r.note !== null ? { note: r.note } : {}),
      }),
    );
    return alignmentsOf(stored, competency);
  }
}
