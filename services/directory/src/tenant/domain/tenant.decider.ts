import { assertNever, InvalidStateError, type Decider, type ValidationIssue } from '@growth/es';
import { isMonthDay } from '../../shared/domain/dates';
import { changesBetween, check, rejectIfAny, text, type Rule } from '../../shared/domain/validation';
import type { TenantCommand } from './tenant.commands';
import type { CycleCalendar, TenantEvent, TenantSettings } from './tenant.events';

export type TenantState = { readonly status: 'unregistered' } | ({ readonly status: 'registered'; readonly tenantId: string; readonly cycleCalendar: CycleCalendar } & TenantSettings);

/** The cycle dates of the district documents; data every tenant may change, not a rule. */
export const DEFAULT_CYCLE_CALENDAR: CycleCalendar = {
  goalSetting: { month: 10, day: 15 },
  midYearReflection: { month: 2, day: 15 },
  yearEndConference: { month: 8, day: 1 },
};

const timeZone: Rule<string> = (value) => (canonicalTimeZone(value) ? undefined : 'must be an IANA time zone, e.g. America/Los_Angeles');
const locale: Rule<string> = (value) => (canonicalLocale(value) ? undefined : 'must be a BCP 47 locale, e.g. en-US');

/** Intl knows the IANA database; its canonical spelling keeps "europe/london" and "Europe/London" one value. */
export const canonicalTimeZone = (value: string): string | undefined => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

const canonicalLocale = (value: string): string | undefined => {
  try {
    return value.trim() ? Intl.getCanonicalLocales(value.trim())[0] : undefined;
  } catch {
    return undefined;
  }
};

const calendarIssues = (calendar: CycleCalendar): ValidationIssue[] =>
  check(
    ...(['goalSetting', 'midYearReflection', 'yearEndConference'] as const).map(
      (key) => [`cycleCalendar.${key}`, isMonthDay(calendar[key].month, calendar[key].day) ? undefined : 'must be a month (1-12) and a day that exists in every year'] as const,
    ),
  );

// Field by field: calendars read back from jsonb do not keep their key order, so JSON text would differ.
const sameCalendar = (a: CycleCalendar, b: CycleCalendar): boolean =>
  (['goalSetting', 'midYearReflection', 'yearEndConference'] as const).every((key) => a[key].month === b[key].month && a[key].day === b[key].day);

/** A district or council: its name, clock, language and the dates of its review cycle. */
export const tenantDecider: Decider<TenantCommand, TenantState, TenantEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    switch (command.type) {
      case 'RegisterTenant': {
        const cycleCalendar = command.cycleCalendar ?? DEFAULT_CYCLE_CALENDAR;
        rejectIfAny([...check(['name', text(200)(command.name)], ['timeZone', timeZone(command.timeZone)], ['locale', locale(command.locale)]), ...calendarIssues(cycleCalendar)]);
        if (state.status === 'registered') throw new InvalidStateError(`Tenant ${command.tenantId} is already registered`);
        return [
          {
            type: 'TenantRegistered',
            data: {
              tenantId: command.tenantId,
              name: command.name.trim(),
              timeZone: canonicalTimeZone(command.timeZone) as string,
              locale: canonicalLocale(command.locale) as string,
              cycleCalendar,
            },
          },
        ];
      }
      case 'ChangeTenantSettings': {
        rejectIfAny(
          check(
            ['name', command.name === undefined ? undefined : text(200)(command.name)],
            ['timeZone', command.timeZone === undefined ? undefined : timeZone(command.timeZone)],
            ['locale', command.locale === undefined ? undefined : locale(command.locale)],
          ),
        );
        if (state.status !== 'registered') throw new InvalidStateError(`Tenant ${command.tenantId} is not registered`);
        const changes = changesBetween<TenantSettings>(state, {
          ...(command.name !== undefined && { name: command.name.trim() }),
          ...(command.timeZone !== undefined && { timeZone: canonicalTimeZone(command.timeZone) }),
          ...(command.locale !== undefined && { locale: canonicalLocale(command.locale) }),
        });
        return Object.keys(changes).length === 0 ? [] : [{ type: 'TenantSettingsChanged', data: { tenantId: command.tenantId, changes } }];
      }
      case 'ChangeCycleCalendar': {
        rejectIfAny(calendarIssues(command.cycleCalendar));
        if (state.status !== 'registered') throw new InvalidStateError(`Tenant ${command.tenantId} is not registered`);
        if (sameCalendar(state.cycleCalendar, command.cycleCalendar)) return [];
        return [{ type: 'CycleCalendarChanged', data: { tenantId: command.tenantId, from: state.cycleCalendar, to: command.cycleCalendar } }];
      }
      default:
        return assertNever(command, 'command');
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TenantRegistered':
        return { status: 'registered', ...event.data };
      case 'TenantSettingsChanged': {
        if (state.status !== 'registered') return state;
        const { name, timeZone, locale } = event.data.changes;
        return { ...state, ...(name && { name: name.to }), ...(timeZone && { timeZone: timeZone.to }), ...(locale && { locale: locale.to }) };
      }
      case 'CycleCalendarChanged':
        return state.status === 'registered' ? { ...state, cycleCalendar: event.data.to } : state;
      default:
        return assertNever(event, 'event');
    }
  },
};
