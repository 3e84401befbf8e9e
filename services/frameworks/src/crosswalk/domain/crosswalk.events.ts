import type * as Public from '@growth/contracts';
import type { AssertNoDrift, DomainEventOf, ShapeDiff } from '@growth/contracts';
import type { AlignmentRelation, CompetencyRef } from '../../framework/domain/crosswalk';

/*
 * Both events are public (published on frameworks.framework.v1, see crosswalk.stream.ts): defined and documented in
 * @growth/contracts, derived here; `toIntegrationEvent` checks `CrosswalkEvent` is exactly `CrosswalkStreamEvent`.
 */

/** Two competencies of different frameworks were aligned: `from RELATION to`. */
export type CompetenciesAligned = DomainEventOf<Public.CompetenciesAligned>;

/** An alignment was removed; `from`, `to` and `relation` are as it was stated when aligned. */
export type CompetencyAlignmentRemoved = DomainEventOf<Public.CompetencyAlignmentRemoved>;

export type CrosswalkEvent = CompetenciesAligned | CompetencyAlignmentRemoved;

/** Compile-time: the crosswalk model these events carry has exactly the contract's shape (tsc names any difference). */
export type CrosswalkModelMatchesContract = AssertNoDrift<
  | ShapeDiff<CompetencyRef, Public.FrameworkCompetencyRef, 'CompetencyRef', Sides>
  | ShapeDiff<AlignmentRelation, Public.FrameworkAlignmentRelation, 'AlignmentRelation', Sides>
>;
type Sides = readonly ['domain model', 'contract'];
