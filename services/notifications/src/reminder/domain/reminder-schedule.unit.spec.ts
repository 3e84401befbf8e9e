import { cycleReminderJobs, goalReminderJobs, planOccasions } from './reminder-schedule';

const policy = { daysBefore: [14, 3], sendAt: '08:00' };
const deadlines = { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' };

describe('reminder schedule', () => {
  it("sends 14 and 3 days before, on the day and the day after, at 08:00 on the tenant's wall clocks far east of UTC", () => {
    const { ahead } = planOccasions('2027-02-15', 'Pacific/Kiritimati', policy, true, new Date('2026-09-01T00:00:00Z'));
    expect(ahead.map((o) => [o.reminder, o.sendOn, o.runAt.toISOString()])).toEqual([
      ['due-14', '2027-02-01', '2027-01-31T18:00:00.000Z'],
      ['due-3', '2027-02-12', '2027-02-11T18:00:00.000Z'],
      ['due-0', '2027-02-15', '2027-02-14T18:00:00.000Z'],
      ['overdue', '2027-02-16', '2027-02-15T18:00:00.000Z'],
    ]);
  });

  it('plans nothing already past: a cycle opened 10 days before a deadline gets no 14-day reminder', () => {
    const { ahead, past } = planOccasions('2026-10-15', 'America/Los_Angeles', policy, true, new Date('2026-10-05T12:00:00Z'));
    expect(ahead.map((o) => o.reminder)).toEqual(['due-3', 'due-0', 'overdue']);
    expect(past.map((o) => o.reminder)).toEqual(['due-14']);
  });

  it('keys each occasion by cycle, phase and reminder, so a moved deadline replaces its jobs and a past one is removed', () => {
    const now = new Date('2026-10-05T12:00:00Z');
    const jobs = cycleReminderJobs('t1', { cycleId: 'c1', timeZone: 'America/Los_Angeles', deadlines }, policy, now);
    expect(jobs.add.filter((j) => j.jobKey.includes('GOAL_SETTING')).map((j) => j.jobKey)).toEqual([
      'phase:t1:c1:GOAL_SETTING:due-3',
      'phase:t1:c1:GOAL_SETTING:due-0',
      'phase:t1:c1:GOAL_SETTING:overdue',
    ]);
    expect(jobs.remove).toEqual(['phase:t1:c1:GOAL_SETTING:due-14']);
    expect(jobs.add).toHaveLength(3 + 4 + 4);
  });

  it('removes the occasions a new policy drops', () => {
    const jobs = cycleReminderJobs('t1', { cycleId: 'c1', timeZone: 'UTC', deadlines }, { daysBefore: [7], sendAt: '09:00' }, new Date('2026-09-01T00:00:00Z'), policy);
    expect(jobs.remove).toEqual(['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'].flatMap((p) => [`phase:t1:c1:${p}:due-14`, `phase:t1:c1:${p}:due-3`]));
    expect(jobs.add.map((j) => j.runAt.toISOString()).slice(0, 2)).toEqual(['2026-10-08T09:00:00.000Z', '2026-10-15T09:00:00.000Z']);
  });

  it("reminds of a goal's due date without escalating", () => {
    const jobs = goalReminderJobs('t1', { goalId: 'g1', dueOn: '2027-06-30', timeZone: 'Pacific/Pago_Pago' }, policy, new Date('2027-06-20T00:00:00Z'));
    expect(jobs.add.map((j) => [j.jobKey, j.runAt.toISOString()])).toEqual([
      ['goal:t1:g1:due-3', '2027-06-27T19:00:00.000Z'],
      ['goal:t1:g1:due-0', '2027-06-30T19:00:00.000Z'],
    ]);
    expect(jobs.remove).toEqual(['goal:t1:g1:due-14']);
  });
});
