import type { DomainEvent } from '@growth/es';
import type { Measure } from '../../goal/domain/goal.model';
import type { UnitScope } from './unit-goal.model';

export type UnitGoalRecorded = DomainEvent<
  'UnitGoalRecorded',
  { unitGoalId: string; cycleId: string; scope: UnitScope; statement: string; measure: Measure | null; recordedBy: string }
>;
export type UnitGoalRevised = DomainEvent<'UnitGoalRevised', { unitGoalId: string; revision: number; statement: string; measure: Measure | null; revisedBy: string }>;
export type UnitGoalRetired = DomainEvent<'UnitGoalRetired', { unitGoalId: string; reason: string; retiredBy: string }>;

export type UnitGoalEvent = UnitGoalRecorded | UnitGoalRevised | UnitGoalRetired;
