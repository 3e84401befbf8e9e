import { dateInCycle, endOfLocalDate, isLocalDate, isOverdue, isTimeZone, localDateAt } from './calendar';

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
});
