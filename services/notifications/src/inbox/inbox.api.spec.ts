import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, goalEvents, personJoined, startServiceFixture, streamEvents, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startNotificationsService } from '../notifications.service';

const TENANT = 'lausd';
const OTHER = 'sfusd';
// Responses are checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

describe('the inbox, open actions, tenant policy and preferences', () => {
  let fixture: ServiceFixture;
  const [employee, supervisor, site, cycleId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const review = (id: string) => streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${id}`);
  const as = (actorId: string, roles?: string[], tenantId = TENANT) => callsAs(() => fixture, tenantId)(actorId, roles);
  const ok = dataOf;
  const [asEmployee, asSupervisor] = [as(employee), as(supervisor)];
  const admin = as(randomUUID(), ['tenant_admin']);
  const hr = as(randomUUID(), ['hr']);
  const INBOX = `query($first: Int!, $after: String, $unreadOnly: Boolean) { myInbox(first: $first, after: $after, unreadOnly: $unreadOnly) {
    items { id kind subjectId readAt onBehalfOf { id } person { id } } endCursor hasNextPage unread } }`;
  const kindsIn = async (ask: ReturnType<typeof as>): Promise<string[]> => (await ok(ask(INBOX, { first: 100 }))).myInbox.items.map((m: Data) => m.kind).sort();
  const actionsOf = async (ask: ReturnType<typeof as>): Promise<string[]> => (await ok(ask(`{ myOpenActions { kind subjectId phase dueOn overdue } }`))).myOpenActions.map((a: Data) => a.kind);
  /** A review started for the employee, under the supervisor, in the cycle. */
  const startReview = async () => {
    const id = randomUUID();
    const events = review(id);
    await fixture.transport.publish([events('ReviewStarted', { reviewId: id, cycleId, personId: employee, supervisorId: supervisor, process: 'FULL', framework: { frameworkId: randomUUID(), version: 1 }, levels: [] })]);
    return { id, events };
  };

  beforeAll(async () => {
    fixture = await startServiceFixture((options) => startNotificationsService({ ...options, notifications: { jobs: { pollIntervalMs: 100 } } }));
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    const person = (id: string, n: string, workEmail: string | null) =>
      personJoined(directory, id, { staffNumber: n, firstName: n, lastName: 'Lopez', workEmail, jobClassification: 'Cafeteria Worker', siteId: site });
    await fixture.transport.publish([
      person(supervisor, 'S1', 'supervisor@lausd.example'),
      // Catering staff often have no work email: their email reaches the supervisor's inbox.
      person(employee, 'E1', null),
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      cycleOpened(TENANT, cycleId),
    ]);
  });
  afterAll(async () => fixture?.close());

  it("tells each party when a step awaits them, lists their open actions, and reaches staff without email through their supervisor's inbox", async () => {
    const { id, events } = await startReview();
    await eventually(async () => expect(await actionsOf(asEmployee)).toEqual(['COMPLETE_PHASE']));
    await fixture.transport.publish([events('SelfAssessmentSubmitted', { reviewId: id, ratings: [] })]);
    await eventually(async () => expect(await kindsIn(asSupervisor)).toEqual(['SELF_ASSESSMENT_SUBMITTED']));
    expect(await actionsOf(asSupervisor)).toEqual(expect.arrayContaining(['COMPLETE_PHASE', 'RATE_SELF_ASSESSMENT']));

    await fixture.transport.publish([
      events('PhaseCompleted', { reviewId: id, phase: 'GOAL_SETTING', completedOn: '2026-10-01' }),
      events('PhaseCompleted', { reviewId: id, phase: 'MID_YEAR_REFLECTION', completedOn: '2027-02-01' }),
      events('PhaseCompleted', { reviewId: id, phase: 'YEAR_END_CONFERENCE', completedOn: '2027-06-01' }),
      events('OverallAssessmentRecorded', { reviewId: id, assessmentId: 'ACHIEVED', eligibleForPayProgression: true, followUpReviewBy: null, formalProcedures: false }),
      events('ReviewReadyForSignatures', { reviewId: id, awaiting: ['EMPLOYEE', 'SUPERVISOR'] }),
    ]);
    await eventually(async () => expect(await actionsOf(asEmployee)).toEqual(['SIGN_REVIEW']));
    expect(await actionsOf(asSupervisor)).toEqual(['SIGN_REVIEW']);
    await fixture.transport.publish([events('ReviewSigned', { reviewId: id, role: 'EMPLOYEE', signedBy: employee, signedOn: '2027-06-02', agreed: true })]);
    await eventually(async () => expect(await actionsOf(asEmployee)).toEqual([]));
    expect(await actionsOf(asSupervisor)).toEqual(['SIGN_REVIEW']);

    await fixture.transport.publish([
      events('ReviewSigned', { reviewId: id, role: 'SUPERVISOR', signedBy: supervisor, signedOn: '2027-06-03', agreed: true }),
      events('ReviewFiled', { reviewId: id, filing: 1, filedOn: '2027-06-03' }),
    ]);
    await eventually(async () => expect(await kindsIn(asEmployee)).toEqual(['REVIEW_FILED', 'SIGNATURE_AWAITED']));
    const forEmployee = (await ok(asSupervisor(INBOX, { first: 100 }))).myInbox.items.filter((m: Data) => m.onBehalfOf?.id === employee);
    expect(forEmployee.map((m: Data) => m.kind).sort()).toEqual(['REVIEW_FILED', 'SIGNATURE_AWAITED']);
    expect(await actionsOf(asSupervisor)).toEqual([]);
  });

  it('pages newest first without gaps or repeats, and marks messages read for their recipient only', async () => {
    // The supervisor's own messages and those passed on for the employee: four, a page of three and one of one.
    const all = (await ok(asSupervisor(INBOX, { first: 100 }))).myInbox;
    expect(all.items.length).toBe(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const { myInbox }: Data = await ok(asSupervisor(INBOX, { first: 3, after }));
      seen.push(...myInbox.items.map((m: Data) => m.id));
      if (!myInbox.hasNextPage) break;
      after = myInbox.endCursor;
    }
    expect(seen).toEqual(all.items.map((m: Data) => m.id));
    expect(all.unread).toBe(all.items.length);

    const [first] = all.items;
    const stranger = await asEmployee(`mutation($id: ID!) { markInboxMessageRead(id: $id) { id } }`, { id: first.id });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const read = await ok(asSupervisor(`mutation($id: ID!) { markInboxMessageRead(id: $id) { id readAt } }`, { id: first.id }));
    expect(read.markInboxMessageRead.readAt).not.toBeNull();
    expect((await ok(asSupervisor(INBOX, { first: 100, unreadOnly: true }))).myInbox.items.map((m: Data) => m.id)).not.toContain(first.id);
    expect((await ok(asSupervisor(`mutation { markAllInboxMessagesRead }`))).markAllInboxMessagesRead).toBe(all.items.length - 1);
    expect((await ok(asSupervisor(INBOX, { first: 1 }))).myInbox.unread).toBe(0);
    // Another tenant's caller with the same id sees nothing of this tenant's inbox.
    expect((await ok(as(supervisor, ['employee'], OTHER)(INBOX, { first: 100 }))).myInbox.items).toEqual([]);
  });

  it("asks whoever must still agree a goal, plans its due-date reminders once agreed, and drops them when it ends", async () => {
    const goalId = randomUUID();
    const goal = goalEvents(TENANT, goalId);
    const jobs = () =>
      withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY key`, [`goal:${TENANT}:${goalId}:%`]));
    await fixture.transport.publish([goal('GoalSubmitted', { goalId, cycleId, personId: employee, kind: 'PERFORMANCE', contentVersion: 1, by: 'EMPLOYEE', awaiting: ['EMPLOYEE', 'SUPERVISOR'] })]);
    await eventually(async () => expect(await kindsIn(asSupervisor)).toContain('GOAL_AWAITING_AGREEMENT'));
    expect(await kindsIn(asEmployee)).not.toContain('GOAL_AWAITING_AGREEMENT');
    expect(await actionsOf(asSupervisor)).toContain('AGREE_GOAL');

    await fixture.transport.publish([goal('GoalApprovalRecorded', { goalId, contentVersion: 1, by: 'SUPERVISOR', awaiting: ['EMPLOYEE'] })]);
    await eventually(async () => expect(await kindsIn(asEmployee)).toContain('GOAL_AWAITING_AGREEMENT'));
    expect(await actionsOf(asSupervisor)).not.toContain('AGREE_GOAL');
    expect(await actionsOf(asEmployee)).toContain('AGREE_GOAL');

    await fixture.transport.publish([
      goal('GoalAgreed', { goalId, cycleId, personId: employee, kind: 'PERFORMANCE', version: 1, measure: null, dueOn: '2099-06-30', unitGoalId: null, competencyIds: [] }),
    ]);
    await eventually(async () => expect((await jobs()).map((j: Data) => j.key.split(':').pop())).toEqual(['due-0', 'due-14', 'due-3']));
    expect(await actionsOf(asEmployee)).not.toContain('AGREE_GOAL');
    await fixture.transport.publish([goal('GoalClosed', { goalId, status: 'ACHIEVED', closedOn: '2099-06-01' })]);
    await eventually(async () => expect(await jobs()).toEqual([]));
  });

  it("lets HR and administrators switch a kind off and people narrow its channels, and refuses bad input without writing", async () => {
    const POLICY = `{ notificationPolicy { daysBefore sendAt version kinds { kind enabled channels } } }`;
    expect((await asEmployee(POLICY)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const before = (await ok(admin(POLICY))).notificationPolicy;
    expect(before.daysBefore).toEqual([14, 3]);
    const bad = await admin(`mutation { setReminderSchedule(input: { daysBefore: [0, 200], sendAt: "8am" }) { version } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    expect((await ok(admin(POLICY))).notificationPolicy.version).toBe(before.version);

    await ok(hr(`mutation { configureNotificationKind(input: { kind: REVIEW_REOPENED, enabled: false, channels: [] }) { version } }`));
    // The supervisor wants self-assessments in the inbox only, not by email.
    const prefs = await ok(asSupervisor(`mutation { setMyNotificationPreference(kind: SELF_ASSESSMENT_SUBMITTED, channels: [INBOX]) { kind channels chosen } }`));
    expect(prefs.setMyNotificationPreference.find((p: Data) => p.kind === 'SELF_ASSESSMENT_SUBMITTED')).toEqual({ kind: 'SELF_ASSESSMENT_SUBMITTED', channels: ['INBOX'], chosen: true });
    const widen = await asSupervisor(`mutation { setMyNotificationPreference(kind: REVIEW_REOPENED, channels: [INBOX]) { kind } }`);
    expect(widen.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');

    const { id, events } = await startReview();
    await fixture.transport.publish([
      events('SelfAssessmentSubmitted', { reviewId: id, ratings: [] }),
      events('ReviewFiled', { reviewId: id, filing: 1, filedOn: '2027-06-03' }),
      events('ReviewReopened', { reviewId: id, filing: 1 }),
    ]);
    const SENDS = `query($recipient: String) { notificationSends(first: 100, recipient: $recipient) { items { kind channel status subject attempts { outcome } } } }`;
    const sendsFor = async (recipient: string) => (await ok(hr(SENDS, { recipient }))).notificationSends.items.filter((s: Data) => s.subject === `review:${id}`);
    // Once the reopening is copied (the review is open again after its filing), every event of the three has been read.
    await eventually(async () => {
      const [row] = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) => m.query(`SELECT status FROM notif_reviews WHERE review_id = $1`, [id]));
      expect(row?.status).toBe('OPEN');
      expect((await sendsFor(employee)).map((s: Data) => `${s.kind}/${s.channel}/${s.status}`).sort()).toEqual(['REVIEW_FILED/EMAIL/ROUTED', 'REVIEW_FILED/INBOX/SENT']);
    });
    expect((await sendsFor(supervisor)).map((s: Data) => `${s.kind}/${s.channel}`)).toEqual(['SELF_ASSESSMENT_SUBMITTED/INBOX']);
    expect((await sendsFor(employee)).every((s: Data) => s.attempts.length === 1)).toBe(true);
  });
});
