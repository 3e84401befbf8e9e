import type { AlignmentRelation, CompetencyRef } from '../../framework/domain/crosswalk';

/**
 * Facts the handler looked up before deciding (the decider stays pure): whether each side's competency is in its
 * framework's current content (the open draft, else the latest published version; retired frameworks have none).
 */
export interface CompetenciesFound {
  readonly from: boolean;
  readonly to: boolean;
}

/** Align one competency with another in another framework; `from RELATION to` (e.g. from BROADER to). */
export interface AlignCompetencies {
  readonly type: 'AlignCompetencies';
  readonly from: CompetencyRef;
  readonly to: CompetencyRef;
  readonly relation: AlignmentRelation;
  readonly note?: string;
  readonly found: CompetenciesFound;
}

/** Remove the alignment of a pair of competencies, whichever way round it was stated. */
export interface RemoveAlignment {
  readonly type: 'RemoveAlignment';
  readonly from: CompetencyRef;
  readonly to: CompetencyRef;
}

export type CrosswalkCommand = AlignCompetencies | RemoveAlignment;
