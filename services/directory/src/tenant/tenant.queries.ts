import type { EntityManager } from 'typeorm';
import { localDate } from '../shared/domain/dates';
import type { CycleCalendar } from './domain/tenant.events';

export interface TenantRow {
  tenant_id: string;
  name: string;
  time_zone: string;
  locale: string;
  cycle_calendar: CycleCalendar;
  version: number;
}

export const findTenant = async (manager: EntityManager, tenantId: string): Promise<TenantRow | undefined> => {
  const rows: TenantRow[] = await manager.query(`SELECT tenant_id, name, time_zone, locale, cycle_calendar, version FROM directory_tenants WHERE tenant_id = $1`, [tenantId]);
  return rows[0];
};

/** "Today" where the tenant is (UTC until it has registered a time zone): dates of leaving and of reporting lines. */
export const tenantToday = async (manager: EntityManager, tenantId: string, now: Date): Promise<string> =>
  localDate(now, (await findTenant(manager, tenantId))?.time_zone ?? 'UTC');
