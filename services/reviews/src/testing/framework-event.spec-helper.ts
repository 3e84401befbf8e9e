import { randomUUID } from 'node:crypto';
import { Topics, integrationHeaders, type FrameworkIntegrationEvent } from '@growth/contracts';
import type { OutgoingMessage } from '@growth/messaging';

/** A framework integration event as the frameworks service would publish it, for projection specs. */
export const frameworkEvent = <E extends FrameworkIntegrationEvent>(tenantId: string, frameworkId: string, streamVersion: number, type: E['type'], data: E['data']): FrameworkIntegrationEvent =>
  ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId: `framework-${tenantId}:${frameworkId}`,
    streamVersion,
    tenantId,
    occurredAt: new Date().toISOString(),
    correlationId: 'corr',
    causationId: 'cmd',
    actorId: 'hr-1',
    data,
  }) as FrameworkIntegrationEvent;

export const asMessage = (e: FrameworkIntegrationEvent): OutgoingMessage => ({
  topic: Topics.frameworkEvents.name,
  key: e.streamId,
  headers: integrationHeaders(e),
  value: JSON.stringify(e),
});
