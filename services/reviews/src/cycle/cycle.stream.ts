import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationEventMapper, integrationMessage, type CycleStreamEvent } from '@growth/contracts';
import type { CycleCommand } from './domain/cycle.commands';
import { cycleDecider, type CycleState } from './domain/cycle.decider';
import type { CycleEvent } from './domain/cycle.events';

export const cycleStreamId = (tenantId: string, cycleId: string): string => streamId('cycle', tenantId, cycleId);

/** Every cycle event is public; an opening without the process rules and assessment scale, which are the reviews service's policy. */
const toPublicCycleEvent = integrationEventMapper<CycleEvent, CycleStreamEvent>()({
  CycleOpened: ({ cycleId, name, startsOn, endsOn, timeZone, deadlines, framework, leadershipFramework }) => ({ cycleId, name, startsOn, endsOn, timeZone, deadlines, framework, leadershipFramework }),
});

export const publishCycleEvent = (envelope: EventEnvelope<CycleEvent>): OutboxMessage[] => {
  const payload = toPublicCycleEvent(envelope);
  return [integrationMessage(Topics.reviewCycleEvents.name, payload)];
};

export const cycleAggregate: Aggregate<CycleCommand, CycleState, CycleEvent> = {
  name: 'Cycle',
  decider: cycleDecider,
  streamId: cycleStreamId,
  publish: publishCycleEvent,
};
