import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationMessage, toIntegrationEvent, type SiteStreamEvent } from '@growth/contracts';
import type { SiteCommand } from './domain/site.commands';
import { siteDecider, type SiteState } from './domain/site.decider';
import type { SiteEvent } from './domain/site.events';

export const SITE_CATEGORY = 'site';
export const siteStreamId = (tenantId: string, siteId: string): string => streamId(SITE_CATEGORY, tenantId, siteId);

/**
 * Every site event is public as it is (the tree of schools and departments; no personal data). This does not compile
 * unless `SiteEvent` has exactly the types and data shapes of the contract's `SiteStreamEvent`.
 */
export const publishSiteEvent = (envelope: EventEnvelope<SiteEvent>): OutboxMessage[] => {
  const payload = toIntegrationEvent<SiteEvent, SiteStreamEvent>(envelope);
  return [integrationMessage(Topics.directorySiteEvents.name, payload)];
};

export const siteAggregate: Aggregate<SiteCommand, SiteState, SiteEvent> = { name: 'Site', decider: siteDecider, streamId: siteStreamId, publish: publishSiteEvent };
