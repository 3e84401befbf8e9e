import type { Measure } from '../../goal/domain/goal.model';

/** Whose continuous-improvement goal it is (seed 002: the program, school or department). */
export type UnitScope = { readonly kind: 'TENANT' } | { readonly kind: 'SITE'; readonly siteId: string };

export type UnitGoalStatus = 'NONE' | 'ACTIVE' | 'RETIRED';

export interface UnitGoalState {
  readonly status: UnitGoalStatus;
  readonly unitGoalId: string;
  readonly cycleId: string;
  readonly scope: UnitScope;
  readonly statement: string;
  readonly measure: Measure | null;
  /** 1 when recorded, +1 on each revision. */
  readonly revision: number;
  readonly retiredReason: string | null;
}

export const initialUnitGoalState = (): UnitGoalState => ({
  status: 'NONE',
  unitGoalId: '',
  cycleId: '',
  scope: { kind: 'TENANT' },
  statement: '',
  measure: null,
  revision: 0,
  retiredReason: null,
});
