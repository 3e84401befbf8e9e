import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { callsAs, cycleOpened, dataOf, directoryEvents, errorOf, personJoined, startServiceFixture, streamEvents, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../../goals.service';

const TENANT = 'reflections';

describe("goal reflections linked to the review's meetings", () => {
  let fixture: ServiceFixture;
  const [site, cycleId, reviewId] = [randomUUID(), randomUUID(), randomUUID()];
  const [supervisor, employee, withoutReview] = [randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const review = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewId}`);
  const as = callsAs(() => fixture, TENANT);
  const hr = as(randomUUID(), ['hr']);
  const ok = dataOf;
  const person = (id: string, n: string) => personJoined(directory, id, { staffNumber: n, lastName: n, siteId: site });
  const PROGRESS = `query($id: ID!) { goal(id: $id) { progress { status reflection meeting { reviewId phase completedOn } } } }`;
  const CHECK_IN = `mutation($input: RecordGoalProgressInput!) { recordGoalProgress(input: $input) { version } }`;
  const checkIn = (goalId: string, reflection: string | null, actor = supervisor) => as(actor)(CHECK_IN, { input: { goalId, value: 80, status: 'ON_TRACK', recordedOn: '2026-11-30', reflection } });

  const agreedGoal = async (personId: string, unitGoalId: string): Promise<string> => {
    const goalId = randomUUID();
    const content = {
      statement: 'Close routine work orders within two days',
      measure: { what: 'work orders closed within 48 hours', baseline: 70, target: 90, unit: '%' },
      actions: ['Triage every morning'],
      unitGoalId,
      dueOn: '2027-06-30',
    };
    await ok(as(personId)(`mutation($input: DraftGoalInput!) { draftGoal(input: $input) { id } }`, { input: { goalId, cycleId, kind: 'PERFORMANCE', content } }));
    await ok(as(personId)(`mutation($input: GoalOnlyInput!) { submitGoal(input: $input) { version } }`, { input: { goalId } }));
    for (const actor of [personId, supervisor]) await ok(as(actor)(`mutation($input: ApproveGoalInput!) { approveGoal(input: $input) { version } }`, { input: { goalId } }));
    return goalId;
  };

  beforeAll(async () => {
    fixture = await startServiceFixture(startGoalsService);
    await fixture.transport.ensureTopics([...ALL_TOPICS]);
    await fixture.transport.publish([
      directory.site(site, 'SiteOpened', { siteId: site, code: 'HS', name: 'High School', kind: 'SCHOOL', parentSiteId: null }),
      person(supervisor, 'S1'),
      person(employee, 'E1'),
      person(withoutReview, 'E2'),
      directory.person(employee, 'SupervisorAssigned', { personId: employee, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      directory.person(withoutReview, 'SupervisorAssigned', { personId: withoutReview, supervisorId: supervisor, effectiveFrom: '2020-01-01' }),
      cycleOpened(TENANT, cycleId),
      review('ReviewStarted', { reviewId, cycleId, personId: employee, supervisorId: supervisor, process: 'FULL', framework: { frameworkId: randomUUID(), version: 1 }, levels: [] }),
    ]);
    await eventually(async () => {
      const [row]: Array<Record<string, number>> = await withTenant(fixture.service.infrastructure.dataSource, TENANT, (m) =>
        m.query(`SELECT (SELECT count(supervisor_id)::int FROM goal_people) AS lines, (SELECT count(*)::int FROM goal_cycles) AS cycles, (SELECT count(*)::int FROM goal_review_frameworks) AS reviews`),
      );
      expect(row).toEqual({ lines: 2, cycles: 1, reviews: 1 });
    });
  });
  afterAll(async () => fixture?.close());

  it('links a check-in to the mid-year reflection, shows when the meeting was held, and takes one per goal', async () => {
    const { recordUnitGoal } = await ok(hr(`mutation($input: RecordUnitGoalInput!) { recordUnitGoal(input: $input) { id } }`, { input: { cycleId, siteId: site, statement: 'Faster repairs' } }));
    const goalId = await agreedGoal(employee, recordUnitGoal.id);
    await ok(checkIn(goalId, null));
    await ok(checkIn(goalId, 'MID_YEAR_REFLECTION'));
    expect((await ok(as(employee)(PROGRESS, { id: goalId }))).goal.progress).toEqual([
      { status: 'ON_TRACK', reflection: null, meeting: null },
      { status: 'ON_TRACK', reflection: 'MID_YEAR_REFLECTION', meeting: { reviewId, phase: 'MID_YEAR_REFLECTION', completedOn: null } },
    ]);

    await fixture.transport.publish([review('PhaseCompleted', { reviewId, phase: 'MID_YEAR_REFLECTION', completedOn: '2026-12-01' })]);
    await eventually(async () =>
      expect((await ok(as(supervisor)(PROGRESS, { id: goalId }))).goal.progress[1].meeting).toEqual({ reviewId, phase: 'MID_YEAR_REFLECTION', completedOn: '2026-12-01' }),
    );

    const again = await errorOf(checkIn(goalId, 'MID_YEAR_REFLECTION', employee));
    expect(again.extensions?.code).toBe('INVALID_STATE');
    expect(again.message).toContain('this goal already has one');
    await ok(checkIn(goalId, 'YEAR_END_CONFERENCE', employee));
    expect((await ok(as(employee)(PROGRESS, { id: goalId }))).goal.progress[2].meeting).toEqual({ reviewId, phase: 'YEAR_END_CONFERENCE', completedOn: null });
    expect((await errorOf(checkIn(goalId, 'GOAL_SETTING'))).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a reflection for someone who has no review in the cycle', async () => {
    const { recordUnitGoal } = await ok(hr(`mutation($input: RecordUnitGoalInput!) { recordUnitGoal(input: $input) { id } }`, { input: { cycleId, statement: 'Safer sites' } }));
    const goalId = await agreedGoal(withoutReview, recordUnitGoal.id);
    const refused = await errorOf(checkIn(goalId, 'MID_YEAR_REFLECTION'));
    expect(refused.extensions).toEqual({ code: 'VALIDATION_FAILED', issues: [{ path: 'reflection', message: 'the person has no review in this cycle whose meeting it could reflect' }] });
    await ok(checkIn(goalId, null));
  });
});
