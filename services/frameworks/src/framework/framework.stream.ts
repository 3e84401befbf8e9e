import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationMessage, toIntegrationEvent, type FrameworkStreamEvent } from '@growth/contracts';
import type { FrameworkCommand } from './domain/framework.commands';
import { frameworkDecider, type FrameworkState } from './domain/framework.decider';
import type { FrameworkEvent } from './domain/framework.events';

export const frameworkStreamId = (tenantId: string, frameworkId: string): string => streamId('framework', tenantId, frameworkId);

/**
 * Every framework event is public: other services keep their own copy of the catalogue from these. The payload is
 * the contract's `FrameworkStreamEvent`; this does not compile unless `FrameworkEvent` has exactly its types and
 * data shapes (the error names each difference).
 */
export const publishFrameworkEvent = (envelope: EventEnvelope<FrameworkEvent>): OutboxMessage[] => {
  const payload = toIntegrationEvent<FrameworkEvent, FrameworkStreamEvent>(envelope);
  return [integrationMessage(Topics.frameworkEvents.name, payload)];
};

/** The framework aggregate as the unit of work runs it. */
export const frameworkAggregate: Aggregate<FrameworkCommand, FrameworkState, FrameworkEvent> = {
  name: 'Framework',
  decider: frameworkDecider,
  streamId: frameworkStreamId,
  publish: publishFrameworkEvent,
};
