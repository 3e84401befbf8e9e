import { streamId, type Aggregate } from '@growth/es';
import type { UnitGoalCommand } from './domain/unit-goal.commands';
import { unitGoalDecider } from './domain/unit-goal.decider';
import type { UnitGoalEvent } from './domain/unit-goal.events';
import type { UnitGoalState } from './domain/unit-goal.model';

export const unitGoalStreamId = (tenantId: string, unitGoalId: string): string => streamId('unit-goal', tenantId, unitGoalId);

/** Unit goals stay inside the goals service: subscribers learn of them through the goals aligned to them. */
export const unitGoalAggregate: Aggregate<UnitGoalCommand, UnitGoalState, UnitGoalEvent> = {
  name: 'Unit goal',
  decider: unitGoalDecider,
  streamId: unitGoalStreamId,
};
