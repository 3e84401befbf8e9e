import type { EntityManager } from 'typeorm';
import { isUuid } from '@growth/es';
import type { SiteKind } from './domain/site.events';

export interface SiteRow {
  site_id: string;
  code: string;
  name: string;
  kind: SiteKind | null;
  parent_site_id: string | null;
  version: number;
}

const COLUMNS = 'site_id, code, name, kind, parent_site_id, version';

export const findSite = async (manager: EntityManager, tenantId: string, siteId: string): Promise<SiteRow | undefined> => {
  if (!isUuid(siteId)) return undefined;
  const rows: SiteRow[] = await manager.query(`SELECT ${COLUMNS} FROM directory_sites WHERE tenant_id = $1 AND site_id = $2`, [tenantId, siteId]);
  return rows[0];
};

export const siteWithCode = async (manager: EntityManager, tenantId: string, code: string): Promise<string | null> => {
  const rows: Array<{ site_id: string }> = await manager.query(`SELECT site_id FROM directory_sites WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
  return rows[0]?.site_id ?? null;
};

/** Every site of the tenant, by name. A district has hundreds of sites, not millions: no paging. */
export const allSites = async (manager: EntityManager, tenantId: string): Promise<SiteRow[]> =>
  manager.query(`SELECT ${COLUMNS} FROM directory_sites WHERE tenant_id = $1 ORDER BY name, site_id`, [tenantId]);

/** For each site: the site itself, its parent, ... up to the root. */
export const siteAncestries = async (manager: EntityManager, tenantId: string, siteIds: readonly string[]): Promise<Map<string, string[]>> => {
  const result = new Map<string, string[]>();
  if (siteIds.length === 0) return result;
  const rows: Array<{ start_id: string; ancestor_id: string }> = await manager.query(
    `WITH RECURSIVE up AS (
       SELECT site_id AS start_id, site_id AS ancestor_id, parent_site_id, 0 AS depth
       FROM directory_sites WHERE tenant_id = $1 AND site_id = ANY($2::uuid[])
       UNION ALL
       SELECT up.start_id, s.site_id, s.parent_site_id, up.depth + 1
       FROM up JOIN directory_sites s ON s.tenant_id = $1 AND s.site_id = up.parent_site_id
       WHERE up.depth < 1000
     )
     SELECT start_id, ancestor_id FROM up ORDER BY start_id, depth`,
    [tenantId, siteIds],
  );
  for (const row of rows) result.set(row.start_id, [...(result.get(row.start_id) ?? []), row.ancestor_id]);
  return result;
};
