import type { SiteKind } from './site.events';

/**
 * What the handler looked up for the decider (the decider itself does no I/O): whether the proposed parent exists
 * and its ancestry (the parent, its parent, ... up to a root), and which site already uses the code.
 */
export interface SiteFacts {
  readonly parentKnown: boolean;
  readonly parentAncestry: readonly string[];
  readonly codeUsedBy: string | null;
}

export interface OpenSite {
  readonly type: 'OpenSite';
  readonly siteId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: SiteKind | null;
  readonly parentSiteId: string | null;
  readonly facts: SiteFacts;
}

export interface ChangeSiteDetails {
  readonly type: 'ChangeSiteDetails';
  readonly siteId: string;
  readonly name?: string;
  readonly kind?: SiteKind | null;
}

export interface MoveSite {
  readonly type: 'MoveSite';
  readonly siteId: string;
  readonly parentSiteId: string | null;
  readonly facts: SiteFacts;
}

/** The HRIS feed's view of a site (it knows code, name and parent, not the kind): open it, or bring it in line. */
export interface SyncSiteFromHris {
  readonly type: 'SyncSiteFromHris';
  readonly siteId: string;
  readonly code: string;
  readonly name: string;
  readonly parentSiteId: string | null;
  readonly facts: SiteFacts;
}

export type SiteCommand = OpenSite | ChangeSiteDetails | MoveSite | SyncSiteFromHris;
