import type { DomainEvent } from '@growth/es';
import type { AlignmentRelation, CompetencyRef } from '../../framework/domain/crosswalk';

/* Both events are public (published on frameworks.framework.v1, see crosswalk.stream.ts). */

/** Two competencies of different frameworks were aligned: `from RELATION to`. */
export type CompetenciesAligned = DomainEvent<'CompetenciesAligned', { from: CompetencyRef; to: CompetencyRef; relation: AlignmentRelation; note?: string }>;

/** An alignment was removed; `from`, `to` and `relation` are as it was stated when aligned. */
export type CompetencyAlignmentRemoved = DomainEvent<'CompetencyAlignmentRemoved', { from: CompetencyRef; to: CompetencyRef; relation: AlignmentRelation }>;

export type CrosswalkEvent = CompetenciesAligned | CompetencyAlignmentRemoved;
