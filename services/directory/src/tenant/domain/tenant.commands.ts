import type { CycleCalendar, TenantSettings } from './tenant.events';

export interface RegisterTenant extends TenantSettings {
  readonly type: 'RegisterTenant';
  readonly tenantId: string;
  /** Omitted: the district defaults (goal setting by 15 Oct, mid-year by 15 Feb, year end by 1 Aug). */
  readonly cycleCalendar?: CycleCalendar;
}

export interface ChangeTenantSettings extends Partial<TenantSettings> {
  readonly type: 'ChangeTenantSettings';
  readonly tenantId: string;
}

export interface ChangeCycleCalendar {
  readonly type: 'ChangeCycleCalendar';
  readonly tenantId: string;
  readonly cycleCalendar: CycleCalendar;
}

export type TenantCommand = RegisterTenant | ChangeTenantSettings | ChangeCycleCalendar;
