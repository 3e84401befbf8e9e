import type { EntityManager } from 'typeorm';
import type { SiteFacts } from './domain/site.commands';
import { findSite, siteAncestries, siteWithCode } from './site.queries';

/** What the site decider needs to know about a proposed parent and code, from the current tree. */
export const siteFacts = async (manager: EntityManager, tenantId: string, parentSiteId: string | null, code?: string): Promise<SiteFacts> => {
  const parentKnown = parentSiteId !== null && Boolean(await findSite(manager, tenantId, parentSiteId));
  return {
    parentKnown,
    parentAncestry: parentKnown ? ((await siteAncestries(manager, tenantId, [parentSiteId as string])).get(parentSiteId as string) ?? []) : [],
    codeUsedBy: code === undefined ? null : await siteWithCode(manager, tenantId, code),
  };
};
