import { streamId } from '@growth/es';
import { Topics, integrationHeaders, type IntegrationEvent } from '@growth/contracts';
import type { EventEnvelope, OutboxMessage } from '@growth/es';
import type { CrosswalkEvent } from './domain/crosswalk.events';

/** One crosswalk stream per tenant (see crosswalk.decider.ts). */
export const crosswalkStreamId = (tenantId: string): string => streamId('crosswalk', tenantId, tenantId);

/** Crosswalk events are public, on the framework topic (keyed by the crosswalk stream, so in order per tenant). */
export const publishCrosswalkEvent = (envelope: EventEnvelope<CrosswalkEvent>): OutboxMessage[] => {
  const { metadata: _metadata, ...event } = envelope;
  const payload: IntegrationEvent = event;
  return [{ eventId: envelope.eventId, topic: Topics.frameworkEvents.name, key: envelope.streamId, headers: integrationHeaders(payload), payload }];
};
