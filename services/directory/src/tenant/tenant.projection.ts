import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@growth/es';
import { latestStateProjection, type Projection } from '@growth/es-postgres';
import { tenantDecider, type TenantState } from './domain/tenant.decider';
import type { TenantEvent } from './domain/tenant.events';
import { TENANT_CATEGORY } from './tenant.stream';

/** directory_tenants mirrors the tenant's settings after its latest event. */
export const saveTenant = async (manager: EntityManager, state: Extract<TenantState, { status: 'registered' }>, version: number, at: Date): Promise<void> => {
  await manager.query(
    `INSERT INTO directory_tenants (tenant_id, name, time_zone, locale, cycle_calendar, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, locale = EXCLUDED.locale,
       cycle_calendar = EXCLUDED.cycle_calendar, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
    [state.tenantId, state.name, state.timeZone, state.locale, JSON.stringify(state.cycleCalendar), version, at],
  );
};

/** directory_tenants, inline: the tenant's latest settings. */
export const tenantProjection: Projection<EventEnvelope> = latestStateProjection<TenantState, TenantEvent>({
  name: 'directory.tenants',
  category: TENANT_CATEGORY,
  decider: tenantDecider,
  save: async (manager, _tenantId, states, at) => {
    for (const { state, version } of states) if (state.status === 'registered') await saveTenant(manager, state, version, at);
  },
});
