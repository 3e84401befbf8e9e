import { addDays, dateInCycle, daysBetween, endOfLocalDate, instantOfLocalTime, isLocalDate, isOverdue, isTimeOfDay, isTimeZone, localDateAt } from './calendar';

describe('calendar', () => {
  it('reads local dates strictly', () => {
    expect(isLocalDate('2026-10-15')).toBe(true);
    expect(isLocalDate('2026-02-30')).toBe(false);
    expect(isLocalDate('2026-1-5')).toBe(false);
    expect(isTimeZone('Pacific/Kiritimati')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  // Kiritimati is UTC+14, Pago Pago UTC-11: the same instant is two different local days there.
  it('ends a due date at the end of that day in the tenant zone, far east or far west of UTC', () => {
    expect(endOfLocalDate('2026-10-15', 'Pacific/Kiritimati').toISOString()).toBe('2026-10-15T10:00:00.000Z');
    expect(endOfLocalDate('2026-10-15', 'Pacific/Pago_Pago').toISOString()).toBe('2026-10-16T11:00:00.000Z');
    const justBefore = new Date('2026-10-15T09:59:59.999Z');
    const atEnd = new Date('2026-10-15T10:00:00.000Z');
    expect(isOverdue('2026-10-15', justBefore, 'Pacific/Kiritimati')).toBe(false);
    expect(isOverdue('2026-10-15', atEnd, 'Pacific/Kiritimati')).toBe(true);
    expect(isOverdue('2026-10-15', atEnd, 'Pacific/Pago_Pago')).toBe(false);
    expect(localDateAt(atEnd, 'Pacific/Kiritimati')).toBe('2026-10-16');
    expect(localDateAt(atEnd, 'Pacific/Pago_Pago')).toBe('2026-10-14');
  });

  it('follows daylight saving time', () => {
    // Los Angeles is UTC-7 on Oct 15 (PDT) and UTC-8 on Feb 15 (PST).
    expect(endOfLocalDate('2026-10-15', 'America/Los_Angeles').toISOString()).toBe('2026-10-16T07:00:00.000Z');
    expect(endOfLocalDate('2027-02-15', 'America/Los_Angeles').toISOString()).toBe('2027-02-16T08:00:00.000Z');
  });

  it('places month-day deadlines within a cycle starting on a given day', () => {
    expect(dateInCycle('2026-07-01', 10, 15)).toBe('2026-10-15');
    expect(dateInCycle('2026-07-01', 2, 15)).toBe('2027-02-15');
    expect(dateInCycle('2026-07-01', 8, 1)).toBe('2026-08-01');
    expect(dateInCycle('2026-08-02', 8, 1)).toBe('2027-08-01');
    expect(dateInCycle('2027-07-01', 2, 29)).toBe('2028-02-29');
  });

  it('counts and moves days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2027-03-01', -14)).toBe('2027-02-15');
    expect(daysBetween('2027-02-01', '2027-02-15')).toBe(14);
    expect(daysBetween('2027-02-15', '2027-02-01')).toBe(-14);
  });

  it('places a wall-clock time on a local date in zones far from UTC and across a daylight saving gap', () => {
    expect(instantOfLocalTime('2027-02-12', '08:00', 'Pacific/Kiritimati').toISOString()).toBe('2027-02-11T18:00:00.000Z');
    expect(instantOfLocalTime('2027-02-12', '08:00', 'Pacific/Pago_Pago').toISOString()).toBe('2027-02-12T19:00:00.000Z');
    // 02:30 does not exist in Los Angeles on 14 March 2027: the later instant, 03:30 PDT.
    expect(instantOfLocalTime('2027-03-14', '02:30', 'America/Los_Angeles').toISOString()).toBe('2027-03-14T10:30:00.000Z');
    expect(isTimeOfDay('08:00')).toBe(true);
    expect(isTimeOfDay('8:00')).toBe(false);
    expect(isTimeOfDay('24:00')).toBe(false);
  });
});
