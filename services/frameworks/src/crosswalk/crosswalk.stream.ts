import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationMessage, toIntegrationEvent, type CrosswalkStreamEvent } from '@growth/contracts';
import type { CrosswalkCommand } from './domain/crosswalk.commands';
import { crosswalkDecider, type CrosswalkState } from './domain/crosswalk.decider';
import type { CrosswalkEvent } from './domain/crosswalk.events';

/** One crosswalk stream per tenant (see crosswalk.decider.ts). */
export const crosswalkStreamId = (tenantId: string): string => streamId('crosswalk', tenantId, tenantId);

/**
 * Crosswalk events are public, on the framework topic (keyed by the crosswalk stream, so in order per tenant), as
 * the contract's `CrosswalkStreamEvent`: this does not compile unless `CrosswalkEvent` is exactly that.
 */
export const publishCrosswalkEvent = (envelope: EventEnvelope<CrosswalkEvent>): OutboxMessage[] => {
  const payload = toIntegrationEvent<CrosswalkEvent, CrosswalkStreamEvent>(envelope);
  return [integrationMessage(Topics.frameworkEvents.name, payload)];
};

/** The tenant's crosswalk as the unit of work runs it: its id is the tenant's. */
export const crosswalkAggregate: Aggregate<CrosswalkCommand, CrosswalkState, CrosswalkEvent> = {
  name: 'Crosswalk',
  decider: crosswalkDecider,
  streamId: (tenantId) => crosswalkStreamId(tenantId),
  publish: publishCrosswalkEvent,
};
