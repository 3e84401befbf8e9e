import type { DomainEvent } from '@growth/es';
import type { Change } from '../../shared/domain/validation';

export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

/** The three deadlines of a tenant's annual cycle, as month and day: the same every year until the tenant changes them. */
export interface CycleCalendar {
  readonly goalSetting: MonthDay;
  readonly midYearReflection: MonthDay;
  readonly yearEndConference: MonthDay;
}

export interface TenantSettings {
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
}

export type TenantRegistered = DomainEvent<'TenantRegistered', { tenantId: string; cycleCalendar: CycleCalendar } & TenantSettings>;
export type TenantSettingsChanged = DomainEvent<'TenantSettingsChanged', { tenantId: string; changes: { [K in keyof TenantSettings]?: Change<string> } }>;
export type CycleCalendarChanged = DomainEvent<'CycleCalendarChanged', { tenantId: string; from: CycleCalendar; to: CycleCalendar }>;

export type TenantEvent = TenantRegistered | TenantSettingsChanged | CycleCalendarChanged;
