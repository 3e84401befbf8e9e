import { phaseStatuses } from './review.view';

// Kiritimati is UTC+14: its Oct 15 ends at 10:00 UTC on Oct 15; Pago Pago (UTC-11) ends it at 11:00 UTC on Oct 16.
const deadlines = { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' };
const overdueAt = (iso: string, timeZone: string, completed: Parameters<typeof phaseStatuses>[1] = [], status = 'OPEN') =>
  phaseStatuses({ deadlines, timeZone }, completed, new Date(iso), status).map((p) => p.overdue);

describe('phase status and overdue flags', () => {
  it('turns a phase overdue when its due day ends in the tenant zone, not in UTC', () => {
    expect(overdueAt('2026-10-15T09:59:59Z', 'Pacific/Kiritimati')).toEqual([false, false, false]);
    expect(overdueAt('2026-10-15T10:00:00Z', 'Pacific/Kiritimati')).toEqual([true, false, false]);
    expect(overdueAt('2026-10-16T10:59:59Z', 'Pacific/Pago_Pago')).toEqual([false, false, false]);
    expect(overdueAt('2026-10-16T11:00:00Z', 'Pacific/Pago_Pago')).toEqual([true, false, false]);
  });

  it('follows the cycle calendar for each phase', () => {
    expect(overdueAt('2027-02-16T00:00:00Z', 'Europe/London', ['GOAL_SETTING'])).toEqual([false, true, false]);
    expect(overdueAt('2027-08-02T07:00:00Z', 'America/Los_Angeles', ['GOAL_SETTING', 'MID_YEAR_REFLECTION'])).toEqual([false, false, true]);
    expect(overdueAt('2027-08-02T06:59:59Z', 'America/Los_Angeles', ['GOAL_SETTING', 'MID_YEAR_REFLECTION'])).toEqual([false, false, false]);
  });

  it('owes nothing once filed or withdrawn', () => {
    expect(overdueAt('2027-09-01T00:00:00Z', 'Europe/London', [], 'FILED')).toEqual([false, false, false]);
    expect(overdueAt('2027-09-01T00:00:00Z', 'Europe/London', [], 'WITHDRAWN')).toEqual([false, false, false]);
    expect(overdueAt('2027-09-01T00:00:00Z', 'Europe/London', [], 'REOPENED')).toEqual([true, true, true]);
  });

  it('carries the day each phase was completed', () => {
    const statuses = phaseStatuses({ deadlines, timeZone: 'Europe/London' }, new Map([['GOAL_SETTING', '2026-10-01']]), new Date('2026-12-01T00:00:00Z'), 'OPEN');
    expect(statuses).toEqual([
      { phase: 'GOAL_SETTING', dueOn: '2026-10-15', completedOn: '2026-10-01', overdue: false },
      { phase: 'MID_YEAR_REFLECTION', dueOn: '2027-02-15', completedOn: null, overdue: false },
      { phase: 'YEAR_END_CONFERENCE', dueOn: '2027-08-01', completedOn: null, overdue: false },
    ]);
  });
});
