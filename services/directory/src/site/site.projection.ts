import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@growth/es';
import type { Projection } from '@growth/es-postgres';
import { rowStateProjection, type RowState } from '../shared/row-state.projection';
import { siteDecider, type SiteState } from './domain/site.decider';
import type { SiteEvent } from './domain/site.events';
import { SITE_CATEGORY } from './site.stream';

export interface SiteSnapshot {
  readonly state: Extract<SiteState, { status: 'open' }>;
  readonly version: number;
}

/** directory_sites mirrors each site's state after its latest event. */
export const saveSites = async (manager: EntityManager, tenantId: string, sites: readonly SiteSnapshot[], at: Date): Promise<void> => {
  if (sites.length === 0) return;
  await manager.query(
    `INSERT INTO directory_sites (tenant_id, site_id, code, name, kind, parent_site_id, version, updated_at)
     SELECT $1, s.*, $8 FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::int[]) AS s
     ON CONFLICT (tenant_id, site_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, kind = EXCLUDED.kind,
       parent_site_id = EXCLUDED.parent_site_id, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
    [
      tenantId,
      sites.map((s) => s.state.siteId),
      sites.map((s) => s.state.code),
      sites.map((s) => s.state.name),
      sites.map((s) => s.state.kind),
      sites.map((s) => s.state.parentSiteId),
      sites.map((s) => s.version),
      at,
    ],
  );
};

const readSites = async (manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, RowState<SiteState>>> => {
  const rows: Array<{ site_id: string; code: string; name: string; kind: SiteSnapshot['state']['kind']; parent_site_id: string | null; version: number }> = await manager.query(
    `SELECT site_id, code, name, kind, parent_site_id, version FROM directory_sites WHERE tenant_id = $1 AND site_id = ANY($2::uuid[])`,
    [tenantId, ids],
  );
  return new Map(
    rows.map((r) => {
      const state: SiteSnapshot['state'] = { status: 'open', siteId: r.site_id, code: r.code, name: r.name, kind: r.kind, parentSiteId: r.parent_site_id };
      return [r.site_id, { state, version: r.version }];
    }),
  );
};

/** directory_sites, inline: each open site's latest state, folded onto its row. */
export const sitesProjection: Projection<EventEnvelope> = rowStateProjection<SiteState, SiteEvent>({
  name: 'directory.sites',
  category: SITE_CATEGORY,
  decider: siteDecider,
  readRows: readSites,
  save: (manager, tenantId, states, at) =>
    saveSites(manager, tenantId, states.flatMap(({ state, version }) => (state.status === 'open' ? [{ state, version }] : [])), at),
});
