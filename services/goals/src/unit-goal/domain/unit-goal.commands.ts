import type { Actor, Measure } from '../../goal/domain/goal.model';
import type { UnitScope } from './unit-goal.model';

interface UnitGoalCommandBase {
  readonly unitGoalId: string;
  readonly actor: Actor;
}

export interface RecordUnitGoal extends UnitGoalCommandBase {
  readonly type: 'RecordUnitGoal';
  readonly cycleId: string;
  readonly scope: UnitScope;
  readonly statement: string;
  readonly measure: Measure | null;
  /** Looked up by the caller: the site (for a site's goal) and the cycle exist in the tenant. */
  readonly facts: { readonly siteKnown: boolean; readonly cycleKnown: boolean };
}

export interface ReviseUnitGoal extends UnitGoalCommandBase {
  readonly type: 'ReviseUnitGoal';
  readonly statement: string;
  readonly measure: Measure | null;
}

export interface RetireUnitGoal extends UnitGoalCommandBase {
  readonly type: 'RetireUnitGoal';
  readonly reason: string;
}

export type UnitGoalCommand = RecordUnitGoal | ReviseUnitGoal | RetireUnitGoal;
