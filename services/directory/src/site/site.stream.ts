import { streamId, type Aggregate } from '@growth/es';
import type { SiteCommand } from './domain/site.commands';
import { siteDecider, type SiteState } from './domain/site.decider';
import type { SiteEvent } from './domain/site.events';

export const SITE_CATEGORY = 'site';
export const siteStreamId = (tenantId: string, siteId: string): string => streamId(SITE_CATEGORY, tenantId, siteId);

export const siteAggregate: Aggregate<SiteCommand, SiteState, SiteEvent> = { name: 'Site', decider: siteDecider, streamId: siteStreamId };
