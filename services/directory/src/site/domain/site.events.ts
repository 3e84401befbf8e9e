import type { DomainEvent } from '@growth/es';
import type { Change } from '../../shared/domain/validation';

export const SITE_KINDS = ['SCHOOL', 'DEPARTMENT', 'SERVICE'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export type SiteOpened = DomainEvent<'SiteOpened', { siteId: string; code: string; name: string; kind: SiteKind | null; parentSiteId: string | null }>;
export type SiteDetailsChanged = DomainEvent<'SiteDetailsChanged', { siteId: string; changes: { name?: Change<string>; kind?: Change<SiteKind | null> } }>;
export type SiteMoved = DomainEvent<'SiteMoved', { siteId: string; fromParentSiteId: string | null; toParentSiteId: string | null }>;

export type SiteEvent = SiteOpened | SiteDetailsChanged | SiteMoved;
