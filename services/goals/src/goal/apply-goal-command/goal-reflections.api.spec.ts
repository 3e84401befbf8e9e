import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, Topics, type ReviewIntegrationEvent } from '@growth/contracts';
import { withTenant } from '@growth/es-postgres';
import { directoryEvents, startServiceFixture, streamEvents, type GraphQLResult, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import { startGoalsService } from '../../goals.service';

const TENANT = 'reflections';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

describe("goal reflections linked to the review's meetings", () => {
  let fixture: ServiceFixture;
  const [site, cycleId, reviewId] = [randomUUID(), randomUUID(), randomUUID()];
  const [supervisor, employee, withoutReview] = [randomUUID(), randomUUID(), randomUUID()];
  const directory = directoryEvents(TENANT);
  const review = streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewEvents.name, `review-${TENANT}:${reviewId}`);
  const as =
    (actorId: string, roles: string[] = ['employee']) =>
    <T = Data>(query: string, variables: object = {}): Promise<GraphQLResult<T>> =>
      fixture.query<T>(query, variables, { tenantId: TENANT, actorId, roles });
  const hr = as(randomUUID(), ['hr']);
  const ok = async <T = Data>(result: Promise<GraphQLResult<T>>): Promise<T> => {
    const { data, errors } = await result;
    if (errors) throw new Error(JSON.stringify(errors));
    return data as T;
  };
  const errorOf = async (result: Promise<GraphQLResult<unknown>>) => (await result).errors?.[0] ?? { message: '', extensions: {} };
  const person = (id: string, n: string) =>
    directory.person(id, 'PersonJoined', { personId: id, staffNumber: n, firstName: 'F', lastName: n, workEmail: null, jobClassification: 'Custodian', siteId: site, employmentStatus: 'ACTIVE', startDate: '2020-01-01' });
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
      streamEvents<ReviewIntegrationEvent>(TENANT, Topics.reviewCycleEvents.name, `cycle-${TENANT}:${cycleId}`)('CycleOpened', {
        cycleId,
        name: '2026-27',
        startsOn: '2026-08-02',
        endsOn: '2027-08-01',
        timeZone: 'America/Los_Angeles',
        deadlines: { goalSetting: '2026-10-15', midYearReflection: '2027-02-15', yearEndConference: '2027-08-01' },
        framework: { frameworkId: randomUUID(), version: 1 },
        leadershipFramework: null,
      }),
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
