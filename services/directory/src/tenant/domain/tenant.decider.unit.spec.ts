import { DeciderSpecification, InvalidStateError, ValidationFailedError } from '@growth/es';
import { DEFAULT_CYCLE_CALENDAR, tenantDecider } from './tenant.decider';
import type { TenantRegistered } from './tenant.events';

const spec = DeciderSpecification.for(tenantDecider);
const tenantId = 'lausd';
const registered: TenantRegistered = {
  type: 'TenantRegistered',
  data: { tenantId, name: 'Los Angeles Unified', timeZone: 'America/Los_Angeles', locale: 'en-US', cycleCalendar: DEFAULT_CYCLE_CALENDAR },
};
const register = { type: 'RegisterTenant' as const, tenantId, name: ' Los Angeles Unified ', timeZone: 'America/Los_Angeles', locale: 'en-us' };

describe('tenant decider', () => {
  describe('RegisterTenant', () => {
    it('registers with the district cycle defaults (15 Oct, 15 Feb, 1 Aug) and canonical zone and locale', () => {
      spec.given([]).when(register).then([registered]);
      expect(DEFAULT_CYCLE_CALENDAR).toEqual({ goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } });
    });

    it('takes a calendar of its own', () => {
      const cycleCalendar = { goalSetting: { month: 9, day: 30 }, midYearReflection: { month: 1, day: 31 }, yearEndConference: { month: 7, day: 15 } };
      spec.given([]).when({ ...register, cycleCalendar }).then([{ ...registered, data: { ...registered.data, cycleCalendar } }]);
    });

    it('names every invalid field', () => {
      const error = spec
        .given([])
        .when({ ...register, name: ' ', timeZone: 'Mars/Olympus', locale: 'not a locale!', cycleCalendar: { ...DEFAULT_CYCLE_CALENDAR, midYearReflection: { month: 2, day: 29 } } })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['name', 'timeZone', 'locale', 'cycleCalendar.midYearReflection']);
    });

    it('refuses to register twice', () => {
      spec.given([registered]).when(register).thenThrows(InvalidStateError);
    });
  });

  describe('ChangeTenantSettings', () => {
    it('records only the settings that changed, with before and after', () => {
      spec
        .given([registered])
        .when({ type: 'ChangeTenantSettings', tenantId, name: 'Los Angeles Unified', timeZone: 'America/New_York' })
        .then([{ type: 'TenantSettingsChanged', data: { tenantId, changes: { timeZone: { from: 'America/Los_Angeles', to: 'America/New_York' } } } }]);
    });

    it('does nothing when nothing changes', () => {
      spec.given([registered]).when({ type: 'ChangeTenantSettings', tenantId, locale: 'en-US' }).thenNothingHappens();
    });

    it('refuses an unknown time zone and an unregistered tenant', () => {
      spec.given([registered]).when({ type: 'ChangeTenantSettings', tenantId, timeZone: 'Nowhere/Town' }).thenThrows(ValidationFailedError);
      spec.given([]).when({ type: 'ChangeTenantSettings', tenantId, name: 'x' }).thenThrows(InvalidStateError);
    });
  });

  describe('ChangeCycleCalendar', () => {
    const later = { ...DEFAULT_CYCLE_CALENDAR, goalSetting: { month: 10, day: 31 } };

    it('moves a deadline', () => {
      spec
        .given([registered])
        .when({ type: 'ChangeCycleCalendar', tenantId, cycleCalendar: later })
        .then([{ type: 'CycleCalendarChanged', data: { tenantId, from: DEFAULT_CYCLE_CALENDAR, to: later } }]);
    });

    it('does nothing for the same calendar', () => {
      spec.given([registered]).when({ type: 'ChangeCycleCalendar', tenantId, cycleCalendar: DEFAULT_CYCLE_CALENDAR }).thenNothingHappens();
    });

    it('refuses days that do not exist every year, naming the deadline', () => {
      const error = spec
        .given([registered])
        .when({ type: 'ChangeCycleCalendar', tenantId, cycleCalendar: { ...later, yearEndConference: { month: 13, day: 1 } } })
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([{ path: 'cycleCalendar.yearEndConference', message: expect.stringContaining('month') }]);
    });

    it('refuses an unregistered tenant', () => {
      spec.given([]).when({ type: 'ChangeCycleCalendar', tenantId, cycleCalendar: later }).thenThrows(InvalidStateError);
    });
  });
});
