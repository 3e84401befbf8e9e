import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import type { OutgoingMessage } from '@growth/messaging';
import { directoryEvents, goalEvents, startServiceFixture, streamEvents, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startSmtpTestServer, type SmtpTestServer } from '../email/smtp-test-server';
import { addJob } from '../jobs/job-queue';
import { startNotificationsService } from '../notifications.service';

// Kiritimati is UTC+14: its 08:00 is 18:00 UTC the day before, so a reminder on the wrong day is easy to see.
const TENANT = 'kiritimati-district';
const ZONE = 'Pacific/Kiritimati';
// Responses are checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

/**
 * Reminders and escalations on a controllable clock: Node's Date is faked (timers stay real, and the clock keeps
 * ticking), and the job runner goes by Node's time, so moving the clock makes the due jobs run.
 */
describe('deadline reminders and escalations', () => {
  let fixture: ServiceFixture;
  let smtp: SmtpTestServer;
  const [employee, supervisor, manager, catering] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const [cycleId, reviewE, reviewC, site] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const cycle = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewCycleEvents.name, `cycle-${TENANT}:${cycleId}`);
  const reviewOfE = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewE}`);
  const reviewOfC = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewC}`);
  const published: OutgoingMessage[] = [];
  const publish = async (...messages: OutgoingMessage[]) => {
    published.push(...messages);
    await fixture.transport.publish(messages);
  };
  const person = (id: string, n: string, workEmail: string | null) =>
    directory.person(id, 'PersonJoined', { personId: id, staffNumber: n, firstName: n, lastName: 'Tebano', workEmail, jobClassification: 'Custodian', siteId: site, employmentStatus: 'ACTIVE', startDate: '2020-01-01' });
  const inbox = async (actorId: string, roles = ['employee']): Promise<Data[]> => {
    const { data, errors } = await fixture.query<Data>(
      `{ myInbox(first: 100) { items { kind subjectId daysLeft dueOn phase overdueCount onBehalfOf { id } person { id } } } }`,
      {},
      { tenantId: TENANT, actorId, roles },
    );
    if (errors) throw new Error(JSON.stringify(errors));
    return data?.myInbox.items ?? [];
  };
  const jobs = (keyPrefix: string): Promise<Array<{ key: string; run_at: Date; attempts: number }>> =>
    withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT key, run_at, attempts FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY run_at`, [`${keyPrefix}%`]),
    );
  const emailsTo = (address: string, daysLeft: string) => smtp.messages.filter((m) => m.envelope.to.includes(address) && (m.text ?? '').includes(daysLeft));
  const setClock = (iso: string) => jest.setSystemTime(new Date(iso));

  beforeAll(async () => {
    jest.useFakeTimers({
      now: new Date('2026-09-01T00:00:00Z'),
      advanceTimers: true,
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'],
    });
    smtp = await startSmtpTestServer();
    const start = (options: Parameters<typeof startNotificationsService>[0]) =>
      startNotificationsService({ ...options, notifications: { email: { smtpUrl: smtp.url }, jobs: { pollIntervalMs: 100 } } });
    fixture = await startServiceFixture(start);
    // A second instance on the same database competes for every job: each reminder must still go once.
    await fixture.startAnother();
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    await publish(
      directory.tenant('TenantRegistered', { tenantId: TENANT, name: 'Kiritimati District', timeZone: ZONE, locale: 'en-US', cycleCalendar: { goalSetting: { month: 10, day: 15 }, midYearReflection: { month: 2, day: 15 }, yearEndConference: { month: 8, day: 1 } } } as never),
      person(manager, 'Manager', 'manager@kiri.example'),
      person(supervisor, 'Supervisor', 'supervisor@kiri.example'),
      person(employee, 'Employee', 'employee@kiri.example'),
      person(catering, 'Catering', null),
      directory.person(supervisor, 'SupervisorAssigned', { personId: supervisor, supervisorId: manager, effectiveFrom: '2020-01-01' }),
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      directory.person(catering, 'SupervisorAssigned', { personId: catering, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
    );
    await eventually(async () => {
      const [row] = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT count(*)::int AS n FROM notif_people WHERE supervisor_id IS NOT NULL`));
      expect(row.n).toBe(3);
    });
    await publish(
      cycle('CycleOpened', {
        cycleId,
        name: '2026-27',
        startsOn: '2026-08-02',
        endsOn: '2027-08-01',
        timeZone: ZONE,
        deadlines: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
        framework: { frameworkId: randomUUID(), version: 1 },
        leadershipFramework: null,
      }),
      reviewOfE('ReviewStarted', { reviewId: reviewE, cycleId, personId: employee, supervisorId: supervisor, process: 'FULL', framework: { frameworkId: randomUUID(), version: 1 }, levels: [] }),
      reviewOfC('ReviewStarted', { reviewId: reviewC, cycleId, personId: catering, supervisorId: supervisor, process: 'JOB_CHAT', framework: { frameworkId: randomUUID(), version: 1 }, levels: [] }),
    );
  });

  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
    jest.useRealTimers();
  });

  it("plans each phase's reminders at 08:00 on the tenant's local day: 14 and 3 days before, on the day, and the escalation after", async () => {
    await eventually(async () => expect(await jobs(`phase:${TENANT}:${cycleId}:`)).toHaveLength(12));
    const goalSetting = await jobs(`phase:${TENANT}:${cycleId}:GOAL_SETTING:`);
    expect(goalSetting.map((j) => [j.key.split(':').pop(), j.run_at.toISOString()])).toEqual([
      ['due-14', '2026-09-30T18:00:00.000Z'],
      ['due-3', '2026-10-11T18:00:00.000Z'],
      ['due-0', '2026-10-14T18:00:00.000Z'],
      ['overdue', '2026-10-15T18:00:00.000Z'],
    ]);
  });

  it('sends nothing before the local day, then reminds employee and supervisor once, by inbox and email; staff without email reach their supervisor', async () => {
    setClock('2026-09-30T17:59:00Z');
    // Several polls of both instances' runners pass on a clock a minute short of the occasion.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await inbox(employee)).toEqual([]);

    setClock('2026-09-30T18:00:05Z');
    await eventually(async () => {
      expect((await inbox(supervisor)).filter((m) => m.daysLeft === 14)).toHaveLength(3);
      expect(emailsTo('supervisor@kiri.example', '14 days')).toHaveLength(2);
      expect(emailsTo('employee@kiri.example', '14 days')).toHaveLength(1);
    });
    const mine = await inbox(employee);
    expect(mine).toEqual([{ kind: 'DEADLINE_REMINDER', subjectId: reviewE, daysLeft: 14, dueOn: '2026-10-15', phase: 'GOAL_SETTING', overdueCount: null, onBehalfOf: null, person: { id: employee } }]);
    // The catering worker has their own inbox message; their email came to the supervisor's inbox instead.
    expect(await inbox(catering)).toHaveLength(1);
    const forCatering = (await inbox(supervisor)).filter((m) => m.subjectId === reviewC);
    expect(forCatering.map((m) => m.onBehalfOf?.id ?? null).sort()).toEqual([catering, null].sort());
    expect(smtp.messages.filter((m) => m.envelope.to.includes('employee@kiri.example'))).toHaveLength(1);
  });

  it('sends nothing twice when a reminder job runs again', async () => {
    const before = smtp.messages.length;
    await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      addJob(m, { task: 'phase-reminder', payload: { tenantId: TENANT, cycleId, phase: 'GOAL_SETTING', dueOn: '2026-10-15', reminder: 'due-14', daysLeft: 14 }, jobKey: 'rerun-check' }),
    );
    await eventually(async () => expect(await jobs('rerun-check')).toEqual([]));
    expect(smtp.messages.length).toBe(before);
    expect((await inbox(supervisor)).filter((m) => m.daysLeft === 14)).toHaveLength(3);
  });

  it('stops reminding a review whose phase is done, and keeps reminding the others', async () => {
    await publish(reviewOfE('PhaseCompleted', { reviewId: reviewE, phase: 'GOAL_SETTING', completedOn: '2026-10-05' }));
    await eventually(async () =>
      expect(await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT phases_completed FROM notif_reviews WHERE review_id = $1`, [reviewE]))).toEqual([
        { phases_completed: ['GOAL_SETTING'] },
      ]),
    );
    setClock('2026-10-11T18:00:05Z');
    await eventually(async () => expect((await inbox(catering)).filter((m) => m.daysLeft === 3)).toHaveLength(1));
    // The same job wrote every reminder of the occasion in its transaction: none went to the finished review.
    expect((await inbox(employee)).filter((m) => m.daysLeft === 3)).toEqual([]);
    expect((await inbox(supervisor)).filter((m) => m.daysLeft === 3).map((m) => m.subjectId)).toEqual([reviewC, reviewC]);
  });

  it('moves waiting reminders when the calendar changes', async () => {
    await publish(
      cycle('CycleDeadlinesChanged', {
        cycleId,
        from: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
        to: { goalSetting: '2026-10-15', midYearReflection: '2027-03-01', yearEndConference: '2027-08-01' },
      }),
    );
    await eventually(async () =>
      expect((await jobs(`phase:${TENANT}:${cycleId}:MID_YEAR_REFLECTION:`)).map((j) => j.run_at.toISOString())).toEqual([
        '2027-02-14T18:00:00.000Z',
        '2027-02-25T18:00:00.000Z',
        '2027-02-28T18:00:00.000Z',
        '2027-03-01T18:00:00.000Z',
      ]),
    );
  });

  it("escalates a missed deadline to the supervisor's manager and, once with the count, to HR", async () => {
    setClock('2026-10-15T18:00:05Z');
    await eventually(async () => {
      expect(await inbox(manager)).toEqual([expect.objectContaining({ kind: 'PHASE_OVERDUE', subjectId: reviewC, daysLeft: -1, person: { id: catering } })]);
      expect((await inbox(randomUUID(), ['hr'])).filter((m) => m.kind === 'PHASE_OVERDUE')).toEqual([
        expect.objectContaining({ subjectId: cycleId, overdueCount: 1, phase: 'GOAL_SETTING', person: null }),
      ]);
    });
    // The day before, on the day itself, the catering review was reminded too (that job was due first).
    await eventually(async () => {
      expect(smtp.messages.filter((m) => m.envelope.to.includes('manager@kiri.example'))).toHaveLength(1);
      expect((await inbox(catering)).filter((m) => m.daysLeft === 0)).toHaveLength(1);
      expect(emailsTo('supervisor@kiri.example', 'today')).toHaveLength(1);
    });
  });

  it("reminds the person and their supervisor of an agreed goal's due date, on the tenant's local day", async () => {
    const goalId = randomUUID();
    await publish(
      goalEvents(TENANT, goalId)('GoalAgreed', { goalId, cycleId, personId: employee, kind: 'PERFORMANCE', version: 1, measure: null, dueOn: '2027-01-20', unitGoalId: null, competencyIds: [] }),
    );
    await eventually(async () => expect((await jobs(`goal:${TENANT}:${goalId}:due-3`)).map((j) => j.run_at.toISOString())).toEqual(['2027-01-16T18:00:00.000Z']));
    // Past the 14-days-left occasion (6 January) too: both jobs are due at once, so they go in either order, once each.
    setClock('2027-01-16T18:00:05Z');
    const goalReminders = async (personId: string) =>
      (await inbox(personId)).filter((m) => m.kind === 'GOAL_DUE_REMINDER').map((m) => [m.subjectId, m.daysLeft, m.dueOn]).sort((a, b) => a[1] - b[1]);
    await eventually(async () => {
      expect(await goalReminders(employee)).toEqual([
        [goalId, 3, '2027-01-20'],
        [goalId, 14, '2027-01-20'],
      ]);
      expect(await goalReminders(supervisor)).toEqual([
        [goalId, 3, '2027-01-20'],
        [goalId, 14, '2027-01-20'],
      ]);
      // And by email, to both, for both occasions.
      const [emails] = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT count(*)::int AS sent FROM notification_sends WHERE subject = $1 AND channel = 'EMAIL' AND status = 'SENT'`, [`goal:${goalId}`]),
      );
      expect(emails.sent).toBe(4);
    });
  });

  it('sends no message twice when every event of the scenario is delivered again', async () => {
    const [inboxBefore, emailsBefore] = [await inbox(supervisor), smtp.messages.length];
    await fixture.transport.publish([...published]);
    // A new event after the redelivered ones on the same review stream: once its message is there, the rest were read.
    await publish(reviewOfC('SelfAssessmentSubmitted', { reviewId: reviewC, ratings: [] }));
    await eventually(async () => expect((await inbox(supervisor)).filter((m) => m.kind === 'SELF_ASSESSMENT_SUBMITTED')).toHaveLength(1));
    const after = await inbox(supervisor);
    expect(after.filter((m) => m.kind !== 'SELF_ASSESSMENT_SUBMITTED')).toEqual(inboxBefore);
    await eventually(() => expect(smtp.messages.length).toBe(emailsBefore + 1));
    const [counts] = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
      m.query(`SELECT count(*)::int AS sends, count(DISTINCT (subject, reminder, channel, recipient))::int AS occasions FROM notification_sends`),
    );
    expect(counts.sends).toBe(counts.occasions);
  });
});
