import type { EntityManager } from 'typeorm';
import type { TenantState } from './domain/tenant.decider';

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
